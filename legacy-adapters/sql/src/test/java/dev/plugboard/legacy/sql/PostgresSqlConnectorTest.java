package dev.plugboard.legacy.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.sdk.testkit.ConnectorTestKit;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresSqlConnectorTest extends SqlConnectorContract {

  @Override String url() { return LocalDatabases.POSTGRES_URL; }

  @Override String user() { return LocalDatabases.POSTGRES_USER; }

  @Test
  void callsAFunctionWithInOutParameters() throws Exception {
    String fn = table + "_add";
    LocalDatabases.exec(url(), user(), "create procedure " + fn
        + "(a int, inout total int) language plpgsql as $$ begin total := a + total; end $$");
    try {
      SqlResult r = (SqlResult) kit().variable("operation", "CALL")
          .variable("statement", "call " + fn + "(:a, :total)")
          .variable("parameters", Map.of("a", 40, "total", 2))
          .variable("outParameters", Map.of("total", "INTEGER"))
          .execute();
      assertThat(r.outParameters()).containsEntry("total", 42);
    } finally {
      LocalDatabases.exec(url(), user(), "drop procedure " + fn);
    }
  }

  @Test
  void updateReturningGivesTheRows() throws Exception {
    SqlResult r = (SqlResult) kit().variable("operation", "UPDATE")
        .variable("statement", "update " + table + " set amount = amount + :delta where id = :id returning id, amount")
        .variable("parameters", Map.of("delta", 1, "id", 3))
        .execute();
    assertThat(r.rowCount()).isEqualTo(1);
    assertThat(((Number) r.rows().get(0).get("amount")).doubleValue()).isEqualTo(31.25);
  }

  @Test
  void castsAndJsonParametersWork() throws Exception {
    SqlResult r = (SqlResult) ConnectorTestKit.of(connector)
        .variable("jdbcUrl", url()).variable("username", user())
        .variable("operation", "QUERY")
        .variable("statement", "select (:doc::jsonb ->> 'k') as k, :n::int + 1 as n")
        .variable("parameters", Map.of("doc", Map.of("k", "v"), "n", "41"))
        .execute();
    assertThat(r.rows().get(0)).containsEntry("k", "v").containsEntry("n", 42);
  }
}
