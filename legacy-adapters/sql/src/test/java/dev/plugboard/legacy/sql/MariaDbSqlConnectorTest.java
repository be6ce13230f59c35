package dev.plugboard.legacy.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MariaDbSqlConnectorTest extends SqlConnectorContract {

  @Override String url() { return LocalDatabases.MARIADB_URL; }

  @Override String user() { return LocalDatabases.MARIADB_USER; }

  @Test
  void callsAProcedureWithOutParameters() throws Exception {
    String proc = table + "_total";
    LocalDatabases.exec(url(), user(), "create procedure " + proc
        + "(in minId int, out total decimal(10,2)) begin select sum(amount) into total from "
        + table + " where id >= minId; end");
    try {
      SqlResult r = (SqlResult) kit().variable("operation", "CALL")
          .variable("statement", "call " + proc + "(:minId, :total)")
          .variable("parameters", Map.of("minId", 2))
          .variable("outParameters", Map.of("total", "DECIMAL"))
          .execute();
      assertThat(((Number) r.outParameters().get("total")).doubleValue()).isEqualTo(50.25);
    } finally {
      LocalDatabases.exec(url(), user(), "drop procedure " + proc);
    }
  }
}
