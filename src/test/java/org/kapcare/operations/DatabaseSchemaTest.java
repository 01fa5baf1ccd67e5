package org.kapcare.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.kapcare.HeadlessApp;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Flyway makes the whole schema on an empty database (Camunda's tables too) and the engine only
 * checks it; databases made by earlier versions, where the engine made its own tables, carry on.
 */
class DatabaseSchemaTest {

  private final String database = "jdbc:h2:mem:schema-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

  @Test
  void anEmptyDatabaseGetsEveryTableFromFlyway() {
    try (ConfigurableApplicationContext app = start()) {
      assertThat(migrations(app)).containsExactly("1", "2", "3", "4", "5", "6", "7");
      assertThat(app.getBean(ProcessEngine.class).getRepositoryService().createProcessDefinitionQuery()
          .processDefinitionKey("care-journey").count()).isEqualTo(1);
    }
    try (ConfigurableApplicationContext again = start()) {
      assertThat(again.getBean(ProcessEngine.class).getRepositoryService().createProcessDefinitionQuery()
          .processDefinitionKey("care-journey").count()).as("checked, not made again").isEqualTo(1);
    }
  }

  @Test
  void aDatabaseWhoseTablesTheEngineMadeKeepsThem() {
    // As version 0.1 left it: the engine made its tables, Flyway only the outbox (V1).
    try (ConfigurableApplicationContext earlier = start("--camunda.bpm.database.schema-update=true",
        "--spring.flyway.target=1")) {
      earlier.getBean(ProcessEngine.class).getRuntimeService().createProcessInstanceQuery().count();
    }
    try (ConfigurableApplicationContext now = start()) {
      assertThat(migrations(now)).containsExactly("1", "2", "3", "4", "5", "6", "7");
      assertThat(now.getBean(ProcessEngine.class).getRepositoryService().createDeploymentQuery().count())
          .as("the earlier deployment is still there").isPositive();
    }
  }

  @Test
  void theEngineRefusesTablesOfAnotherCamundaVersion() {
    try (ConfigurableApplicationContext app = start()) {
      app.getBean(JdbcTemplate.class).update("UPDATE ACT_GE_PROPERTY SET VALUE_ = '7.23.0' WHERE NAME_ = 'schema.version'");
    }
    assertThatThrownBy(this::start).hasStackTraceContaining("7.23.0");
  }

  private static List<String> migrations(ConfigurableApplicationContext app) {
    return app.getBean(JdbcTemplate.class).queryForList(
        "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"", String.class);
  }

  private ConfigurableApplicationContext start(String... more) {
    List<String> args = new ArrayList<>(List.of("--spring.profiles.active=demo", "--kapcare.demo.history=false",
        "--spring.datasource.url=" + database));
    args.addAll(List.of(more));
    return HeadlessApp.start(args.toArray(String[]::new));
  }

}
