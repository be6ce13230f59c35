package dev.plugboard.legacy.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.testkit.ConnectorTestKit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SQL connector's behaviour, run against each real database on localhost. */
abstract class SqlConnectorContract {

  final SqlConnector connector = new SqlConnector();
  final String table = "plugboard_sql_it_" + Long.toHexString(System.nanoTime());

  abstract String url();

  abstract String user();

  @BeforeEach
  void createTable() throws Exception {
    LocalDatabases.require(url(), user());
    LocalDatabases.exec(url(), user(),
        "create table " + table + " (id int primary key, name varchar(50), amount decimal(10,2), due date)",
        "insert into " + table + " values (1, 'Ada', 10.50, '2026-01-31'), (2, 'Bob', 20.00, null),"
            + " (3, 'Cyd', 30.25, '2026-03-01')");
  }

  @AfterEach
  void dropTable() throws Exception {
    connector.close();
    try {
      LocalDatabases.exec(url(), user(), "drop table if exists " + table);
    } catch (Exception ignored) {
      // the database was not reachable: nothing was created
    }
  }

  ConnectorTestKit kit() {
    return ConnectorTestKit.of(connector)
        .secret("DB_PASSWORD", "")
        .variable("jdbcUrl", url())
        .variable("username", user())
        .variable("password", "{{secrets.DB_PASSWORD}}");
  }

  @Test
  @SuppressWarnings("unchecked")
  void queryReturnsRowsAsJsonWithNamedParameters() throws Exception {
    SqlResult r = (SqlResult) kit().variable("operation", "QUERY")
        .variable("statement", "select id, name, amount, due from " + table + " where id >= :min order by id")
        .variable("parameters", Map.of("min", 2))
        .execute();
    assertThat(r.rowCount()).isEqualTo(2);
    assertThat(r.truncated()).isFalse();
    Map<String, Object> first = r.rows().get(0);
    assertThat(first).containsEntry("name", "Bob");
    assertThat(((Number) first.get("id")).intValue()).isEqualTo(2);
    assertThat(r.rows().get(1)).containsEntry("due", "2026-03-01");
  }

  @Test
  void maxRowsTruncatesAndSaysSo() throws Exception {
    SqlResult r = (SqlResult) kit().variable("operation", "QUERY")
        .variable("statement", "select id from " + table + " order by id")
        .variable("maxRows", 2)
        .execute();
    assertThat(r.rowCount()).isEqualTo(2);
    assertThat(r.truncated()).isTrue();
  }

  @Test
  void aValueThatLooksLikeSqlIsBoundAsAValue() throws Exception {
    SqlResult r = (SqlResult) kit().variable("operation", "QUERY")
        .variable("statement", "select id from " + table + " where name = :name")
        .variable("parameters", Map.of("name", "x' or '1'='1"))
        .execute();
    assertThat(r.rowCount()).isZero();
    assertThat(LocalDatabases.count(url(), user(), table)).isEqualTo(3);
  }

  @Test
  void updateReturnsTheCountAndDateStringsBind() throws Exception {
    SqlResult r = (SqlResult) kit().variable("operation", "UPDATE")
        .variable("statement", "update " + table + " set due = :due where amount < :limit")
        .variable("parameters", Map.of("due", "2027-12-24", "limit", 25))
        .execute();
    assertThat(r.updateCount()).isEqualTo(2);
  }

  @Test
  void batchIsAllOrNothing() throws Exception {
    assertThatThrownBy(() -> kit().variable("operation", "BATCH")
        .variable("statement", "insert into " + table + " (id, name) values (:id, :name)")
        .variable("batchParameters", List.of(Map.of("id", 10, "name", "new"), Map.of("id", 1, "name", "duplicate")))
        .execute())
        .isInstanceOf(ConnectorException.class)
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("SQL_ERROR"))
        .hasMessageContaining("SQLState 23")
        .hasMessageContaining("rolled back");
    assertThat(LocalDatabases.count(url(), user(), table)).isEqualTo(3);

    SqlResult ok = (SqlResult) kit().variable("operation", "BATCH")
        .variable("statement", "insert into " + table + " (id, name) values (:id, :name)")
        .variable("batchParameters", List.of(Map.of("id", 10, "name", "a"), Map.of("id", 11, "name", "b")))
        .execute();
    assertThat(ok.updateCounts()).hasSize(2);
    assertThat(LocalDatabases.count(url(), user(), table)).isEqualTo(5);
  }

  @Test
  void aFailingStatementRollsBackTheWholeTransactionAndIsNamed() throws Exception {
    assertThatThrownBy(() -> kit().variable("operation", "TRANSACTION")
        .variable("statements", List.of(
            Map.of("statement", "delete from " + table + " where id = :id", "parameters", Map.of("id", 2)),
            Map.of("statement", "insert into " + table + " (id, name) values (:id, 'again')",
                "parameters", Map.of("id", 1))))
        .execute())
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("statement 2 of the transaction")
        .hasMessageContaining("SQLState 23");
    assertThat(LocalDatabases.count(url(), user(), table)).isEqualTo(3);

    SqlResult ok = (SqlResult) kit().variable("operation", "TRANSACTION")
        .variable("statements", List.of(
            Map.of("statement", "delete from " + table + " where id = :id", "parameters", Map.of("id", 2)),
            Map.of("statement", "select count(*) as n from " + table)))
        .execute();
    assertThat(ok.results()).hasSize(2);
    assertThat(ok.results().get(0).updateCount()).isEqualTo(1);
    assertThat(((Number) ok.results().get(1).rows().get(0).get("n")).intValue()).isEqualTo(2);
  }

  @Test
  void aSqlErrorHasItsSqlStateAndNoCredentials() {
    assertThatThrownBy(() -> kit()
        .variable("operation", "QUERY")
        .variable("statement", "select * from no_such_table_plugboard")
        .execute())
        .isInstanceOf(ConnectorException.class)
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("SQL_ERROR"))
        .hasMessageContaining("SQLState 42")
        .hasMessageContaining(url())
        .hasMessageNotContaining("password");
  }

  @Test
  void wrongCredentialsAreReportedWithoutThePassword() {
    assertThatThrownBy(() -> ConnectorTestKit.of(connector)
        .secret("PW", "not-the-password-42")
        .variable("jdbcUrl", url())
        .variable("username", "plugboard_no_such_user")
        .variable("password", "{{secrets.PW}}")
        .variable("operation", "QUERY")
        .variable("statement", "select 1")
        .execute())
        .isInstanceOf(ConnectorException.class)
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("SQL_AUTH_FAILED"))
        .hasMessageContaining("plugboard_no_such_user")
        .hasMessageNotContaining("not-the-password-42");
    assertThat(connector.openPools()).isZero();
  }

  @Test
  void missingParameterValueIsInvalidInput() {
    assertThatThrownBy(() -> kit().variable("operation", "QUERY")
        .variable("statement", "select * from " + table + " where id = :id")
        .execute())
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining(":id")
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("INVALID_INPUT"));
  }

  @Test
  void closingTheConnectorClosesItsPools() throws Exception {
    kit().variable("operation", "QUERY").variable("statement", "select 1 as one").execute();
    assertThat(connector.openPools()).isEqualTo(1);
    connector.close();
    assertThat(connector.openPools()).isZero();
  }
}
