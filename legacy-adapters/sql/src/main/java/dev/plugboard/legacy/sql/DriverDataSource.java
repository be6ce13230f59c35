package dev.plugboard.legacy.sql;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} over a {@link Driver} instance. It bypasses {@code DriverManager}, which
 * only hands out drivers visible to the caller's class loader and would pin a plugin's driver
 * class (and so its class loader) in a static registry.
 */
final class DriverDataSource implements DataSource {

  private final Driver driver;
  private final String url;
  private final Properties properties;

  DriverDataSource(Driver driver, String url, String user, String password) {
    this.driver = driver;
    this.url = url;
    this.properties = new Properties();
    if (user != null && !user.isEmpty()) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection c = driver.connect(url, properties);
    if (c == null) {
      throw new SQLException("The driver " + driver.getClass().getName()
          + " does not accept the URL " + JdbcUrls.hostPart(url), "08001");
    }
    return c;
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("credentials are fixed per pool");
  }

  @Override public PrintWriter getLogWriter() { return null; }
  @Override public void setLogWriter(PrintWriter out) {}
  @Override public void setLoginTimeout(int seconds) {}
  @Override public int getLoginTimeout() { return 0; }
  @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }
  @Override public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }
  @Override public boolean isWrapperFor(Class<?> iface) { return false; }
}
