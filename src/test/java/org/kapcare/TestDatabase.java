package org.kapcare;

import java.util.UUID;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Where a Spring test's application keeps its data: the in-memory H2 its annotation names, or,
 * when {@code -Dkapcare.test.postgres-url} is given (CI does), a schema of its own on that
 * PostgreSQL, made by Flyway like a production database. CI runs the integration tests both ways.
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  public static final String POSTGRES_URL = "kapcare.test.postgres-url";

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    String postgres = System.getProperty(POSTGRES_URL, "");
    if (postgres.isBlank()) {
      return;
    }
    String schema = "test_" + UUID.randomUUID().toString().replace("-", "");
    TestPropertyValues.of(
        "spring.datasource.url=" + postgres + (postgres.contains("?") ? "&" : "?") + "currentSchema=" + schema,
        "spring.datasource.username=" + System.getProperty("kapcare.test.postgres-user", "kapcare"),
        "spring.datasource.password=" + System.getProperty("kapcare.test.postgres-password", ""),
        "spring.flyway.schemas=" + schema,
        "spring.flyway.default-schema=" + schema,
        // Spring keeps test contexts open for reuse: small pools keep them within max_connections.
        "spring.datasource.hikari.maximum-pool-size=4")
        .applyTo(context);
  }
}
