package org.kapcare.operations;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.stereotype.Component;

/**
 * Camunda 7.24's own tables, made by Flyway from the scripts Camunda ships in its engine jar, so
 * that one tool owns the whole schema: the engine only checks it ({@code schema-update: false})
 * and never alters a production database by itself. A database whose Camunda tables the engine
 * made earlier (before this migration existed) is left as it is.
 *
 * <p>Upgrading Camunda means a new migration that runs Camunda's upgrade script for the database,
 * e.g. {@code org/camunda/bpm/engine/db/upgrade/postgres_engine_7.24_to_7.25.sql}; see
 * docs/operations.md.
 */
@Component
class CamundaSchema implements JavaMigration {

  private static final Logger LOG = LoggerFactory.getLogger(CamundaSchema.class);
  /** In the order the engine itself creates them (DbSqlSession#dbSchemaCreate). */
  private static final List<String> COMPONENTS = List.of(
      "engine", "history", "identity", "case.engine", "case.history", "decision.engine", "decision.history");

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("2");
  }

  @Override
  public String getDescription() {
    return "Camunda 7.24 engine schema";
  }

  @Override
  public Integer getChecksum() {
    return 724;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    if (camundaTablesExist(connection)) {
      LOG.info("Camunda's tables exist already (made by the engine before Flyway owned them); left as they are");
      return;
    }
    String database = camundaName(connection.getMetaData().getDatabaseProductName());
    ResourceDatabasePopulator scripts = new ResourceDatabasePopulator();
    for (String component : COMPONENTS) {
      scripts.addScript(new ClassPathResource(
          "org/camunda/bpm/engine/db/create/activiti." + database + ".create." + component + ".sql"));
    }
    scripts.populate(connection);
    LOG.info("Camunda 7.24's tables created for {}", database);
  }

  /** In the schema Flyway works in; H2 keeps names in upper case, PostgreSQL in lower. */
  private static boolean camundaTablesExist(Connection connection) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    for (String name : List.of("ACT_GE_PROPERTY", "act_ge_property")) {
      try (ResultSet tables = meta.getTables(null, connection.getSchema(), name, new String[] {"TABLE"})) {
        if (tables.next()) {
          return true;
        }
      }
    }
    return false;
  }

  /** Camunda's name for the database in its script names; the two KAP Care runs on. */
  private static String camundaName(String productName) {
    return switch (productName.toLowerCase(Locale.ROOT)) {
      case "h2" -> "h2";
      case "postgresql" -> "postgres";
      default -> throw new IllegalStateException("KAP Care runs on H2 or PostgreSQL, not " + productName);
    };
  }
}
