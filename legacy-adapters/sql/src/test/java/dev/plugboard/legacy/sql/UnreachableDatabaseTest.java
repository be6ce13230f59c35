package dev.plugboard.legacy.sql;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.sdk.RetryableException;
import dev.plugboard.sdk.testkit.ConnectorTestKit;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class UnreachableDatabaseTest {

  @Test
  void aDatabaseThatIsDownIsRetryableSqlUnavailable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // free now, nobody listens afterwards
    }
    try (SqlConnector connector = new SqlConnector()) {
      int p = port;
      assertThatThrownBy(() -> ConnectorTestKit.of(connector)
          .variable("jdbcUrl", "jdbc:postgresql://127.0.0.1:" + p + "/test?connectTimeout=2")
          .variable("username", "postgres")
          .variable("operation", "QUERY")
          .variable("statement", "select 1")
          .execute())
          .isInstanceOf(RetryableException.class)
          .hasMessageContaining("cannot be reached")
          .hasMessageContaining("127.0.0.1:" + p);
    }
  }
}
