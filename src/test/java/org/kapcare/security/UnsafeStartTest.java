package org.kapcare.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kapcare.HeadlessApp;
import org.kapcare.clinic.StartRefused;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

/**
 * Outside the demo profile the app refuses to start without a first administrator, with a weak
 * one, or while any user still has the demo's password. The environment's KAPCARE_ADMIN_USER and
 * KAPCARE_ADMIN_PASSWORD reach the app as kapcare.admin.user and .password, given here directly.
 */
class UnsafeStartTest {

  private static final String STRONG = "Kx7-ward-Tulip";

  private final String database = "jdbc:h2:mem:unsafe-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

  @Test
  void thePostgresProfileWithoutItsDatabaseSaysWhichVariablesAreMissing() {
    Throwable refused = catchThrowable(() -> HeadlessApp.start("--spring.profiles.active=postgres").close());

    assertThat(refusal(refused)).contains("KAPCARE_DB_URL and KAPCARE_DB_USER are not set", "docs/operations.md");
  }

  @Test
  void noFirstAdministratorNoStart() {
    assertThat(refusal(start("postgres"))).contains("no administrator yet")
        .contains("KAPCARE_ADMIN_USER", "KAPCARE_ADMIN_PASSWORD");
  }

  @Test
  void theDemosPasswordIsTooWeakForAnAdministrator() {
    assertThat(refusal(start("postgres", "--kapcare.admin.user=lead", "--kapcare.admin.password=demo")))
        .contains("The first administrator lead was refused");
  }

  @Test
  void aDemoDatabaseCarriedIntoProductionIsRefused() {
    try (ConfigurableApplicationContext demo = app("demo", "--kapcare.demo.history=false")) {
      assertThat(demo.isActive()).isTrue();
    }
    assertThat(refusal(start("postgres", "--kapcare.admin.user=lead", "--kapcare.admin.password=" + STRONG)))
        .contains("still have the demo password").contains("admin", "coordinator", "manager");
  }

  @Test
  void aStrongFirstAdministratorIsCreatedOnceAndLaterStartsNeedNoPassword() {
    try (ConfigurableApplicationContext first = app("postgres", "--kapcare.admin.user=lead",
        "--kapcare.admin.password=" + STRONG)) {
      assertThat(first.getBean(org.camunda.bpm.engine.IdentityService.class).checkPassword("lead", STRONG)).isTrue();
    }
    try (ConfigurableApplicationContext later = app("postgres")) {
      assertThat(later.getBean(org.camunda.bpm.engine.IdentityService.class).createUserQuery()
          .memberOfGroup("camunda-admin").count()).isEqualTo(1);
    }
  }

  private Throwable start(String profile, String... more) {
    return catchThrowable(() -> app(profile, more).close());
  }

  private static String refusal(Throwable thrown) {
    assertThat(thrown).isNotNull();
    Throwable unsafe = thrown;
    while (unsafe != null && !(unsafe instanceof StartRefused)) {
      unsafe = unsafe.getCause();
    }
    assertThat(unsafe).as("refused as unsafe: " + NestedExceptionUtils.getMostSpecificCause(thrown)).isNotNull();
    return unsafe.getMessage() + " " + ((StartRefused) unsafe).getAction();
  }

  private ConfigurableApplicationContext app(String profile, String... more) {
    List<String> args = new ArrayList<>(List.of("--spring.profiles.active=" + profile,
        // The postgres profile's database setting and the demo's, both pointed at one in-memory H2.
        "--KAPCARE_DB_URL=" + database, "--KAPCARE_DB_USER=sa", "--spring.datasource.url=" + database));
    args.addAll(List.of(more));
    return HeadlessApp.start(args.toArray(String[]::new));
  }

}
