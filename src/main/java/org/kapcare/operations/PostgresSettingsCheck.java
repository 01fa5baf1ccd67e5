package org.kapcare.operations;

import java.util.List;
import org.kapcare.clinic.StartRefused;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The postgres profile without its database: refused before anything starts, naming the
 * environment variables. Without this check the start failed 160 lines deep with "'url' must start
 * with jdbc". Registered in META-INF/spring.factories; runs after the profiles are known.
 */
public class PostgresSettingsCheck implements EnvironmentPostProcessor, Ordered {

  private static final List<String> REQUIRED = List.of("KAPCARE_DB_URL", "KAPCARE_DB_USER");

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!environment.matchesProfiles("postgres")) {
      return;
    }
    List<String> missing = REQUIRED.stream().filter(name -> environment.getProperty(name, "").isBlank()).toList();
    if (!missing.isEmpty()) {
      throw new StartRefused("The postgres profile has no database: " + String.join(" and ", missing)
          + (missing.size() == 1 ? " is" : " are") + " not set.",
          "Set KAPCARE_DB_URL (e.g. jdbc:postgresql://db.clinic.internal:5432/kapcare), KAPCARE_DB_USER and "
              + "KAPCARE_DB_PASSWORD in the environment; docs/operations.md shows a whole start.");
    }
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
