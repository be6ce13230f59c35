package dev.plugboard.legacy.sql;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The PostgreSQL and MariaDB servers on localhost that the tests use. */
final class LocalDatabases {

  static final String POSTGRES_URL = env("PLUGBOARD_TEST_POSTGRES_URL", "jdbc:postgresql://localhost:5432/test");
  static final String POSTGRES_USER = env("PLUGBOARD_TEST_POSTGRES_USER", "postgres");
  static final String MARIADB_URL = env("PLUGBOARD_TEST_MARIADB_URL", "jdbc:mariadb://localhost:3306/test");
  static final String MARIADB_USER = env("PLUGBOARD_TEST_MARIADB_USER", "root");

  private LocalDatabases() {}

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  /** Skips the test when the server is not there, but fails under CI=true. */
  static void require(String url, String user) {
    try (Connection c = connect(url, user, "")) {
      c.isValid(2);
    } catch (SQLException e) {
      String reason = "No database at " + url + " for user " + user + " (" + e.getMessage()
          + "); start it or set PLUGBOARD_TEST_*_URL";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(reason);
      }
      assumeTrue(false, reason);
    }
  }

  static Connection connect(String url, String user, String password) throws SQLException {
    java.util.Properties p = new java.util.Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    java.sql.Driver d = url.startsWith("jdbc:postgresql:") ? new org.postgresql.Driver()
        : new org.mariadb.jdbc.Driver();
    return d.connect(url, p);
  }

  static void exec(String url, String user, String... sql) throws SQLException {
    try (Connection c = connect(url, user, ""); Statement s = c.createStatement()) {
      for (String one : sql) {
        s.execute(one);
      }
    }
  }

  static long count(String url, String user, String table) throws SQLException {
    try (Connection c = connect(url, user, ""); Statement s = c.createStatement();
        var rs = s.executeQuery("select count(*) from " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

}
