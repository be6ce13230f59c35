package dev.plugboard.legacy.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.plugboard.sdk.ConnectorException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small connection pool per database and user, created on first use and closed by
 * {@link #close()} (when the plugin stops) or when more than {@link #MAX_POOLS} are open (the
 * least recently used goes).
 *
 * <p>Drivers are instantiated from the plugin's own class loader (PostgreSQL, MariaDB) or from a
 * driver jar given in the input, never looked up through {@code DriverManager}.
 */
final class ConnectionPools implements AutoCloseable {

  static final int MAX_POOLS = 16;
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionPools.class);
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final Map<String, Pool> pools = new LinkedHashMap<>(16, 0.75f, true);
  private boolean closed;

  private record Pool(HikariDataSource dataSource, URLClassLoader driverLoader) {
    void close() {
      dataSource.close();
      if (driverLoader != null) {
        try {
          driverLoader.close();
        } catch (IOException e) {
          LOG.debug("event=driver_loader_close_failed reason={}", e.toString());
        }
      }
    }
  }

  /**
   * The pooled data source for the input's database and user, created when missing.
   *
   * @param input the connector input
   * @return the data source
   * @throws SQLException when the first connection fails (wrong credentials, unreachable host)
   */
  synchronized HikariDataSource dataSource(SqlInput input) throws SQLException {
    if (closed) {
      throw new ConnectorException("SQL_UNAVAILABLE",
          "The SQL connector is stopping (its plugin is being unloaded); try again.");
    }
    String key = key(input);
    Pool pool = pools.get(key);
    if (pool != null) {
      return pool.dataSource();
    }
    pool = open(input);
    pools.put(key, pool);
    if (pools.size() > MAX_POOLS) {
      Iterator<Pool> eldest = pools.values().iterator();
      Pool old = eldest.next();
      eldest.remove();
      old.close();
    }
    return pool.dataSource();
  }

  private Pool open(SqlInput input) throws SQLException {
    URLClassLoader loader = null;
    Driver driver;
    String url = input.jdbcUrl();
    if (input.driverClass() != null && !input.driverClass().isBlank()) {
      loader = driverLoader(input.driverJar());
      driver = instantiate(input.driverClass(), loader);
    } else if (url.startsWith("jdbc:postgresql:")) {
      driver = new org.postgresql.Driver();
    } else if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
      driver = new org.mariadb.jdbc.Driver();
      if (url.startsWith("jdbc:mysql:") && !url.contains("permitMysqlScheme")) {
        url = url + (url.contains("?") ? "&" : "?") + "permitMysqlScheme";
      }
    } else {
      throw new ConnectorException("SQL_DRIVER_MISSING",
          "No JDBC driver is bundled for " + JdbcUrls.hostPart(url)
              + ". PostgreSQL (jdbc:postgresql:) and MariaDB/MySQL (jdbc:mariadb:, jdbc:mysql:) are;"
              + " for another database set 'driverClass' and 'driverJar' (the driver's jar on the"
              + " runtime's machine).");
    }
    if (url.startsWith("jdbc:postgresql:") && !url.contains("stringtype=")) {
      // Lets PostgreSQL infer the type of string parameters, so "2026-01-31" binds to a date column.
      url = url + (url.contains("?") ? "&" : "?") + "stringtype=unspecified";
    }
    if (url.startsWith("jdbc:postgresql:") && !url.contains("escapeSyntaxCallMode=")) {
      // {call p(?)} becomes a real CALL for procedures (with OUT parameters), not a SELECT.
      url = url + (url.contains("?") ? "&" : "?") + "escapeSyntaxCallMode=callIfNoReturn";
    }
    HikariConfig config = new HikariConfig();
    config.setPoolName("plugboard-sql-" + COUNTER.incrementAndGet());
    config.setDataSource(new DriverDataSource(driver, url, input.username(), input.password()));
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(0);
    config.setIdleTimeout(60_000);
    config.setMaxLifetime(1_800_000);
    config.setConnectionTimeout(10_000);
    // Fail at once on wrong credentials instead of waiting for the connection timeout.
    config.setInitializationFailTimeout(1);
    try {
      HikariDataSource ds = new HikariDataSource(config);
      LOG.info("event=sql_pool_opened pool={} url={} user={}", config.getPoolName(),
          JdbcUrls.hostPart(url), input.username());
      return new Pool(ds, loader);
    } catch (HikariPool.PoolInitializationException e) {
      closeQuietly(loader);
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw new SQLException(String.valueOf(e.getMessage()), "08001", e);
    } catch (RuntimeException e) {
      closeQuietly(loader);
      throw e;
    }
  }

  private static URLClassLoader driverLoader(String jar) {
    if (jar == null || jar.isBlank()) {
      return null;
    }
    Path path = Path.of(jar);
    if (!Files.isRegularFile(path)) {
      throw new ConnectorException("SQL_DRIVER_MISSING",
          "The driver jar " + jar + " does not exist on the runtime's machine; copy the driver"
              + " there or fix 'driverJar'.");
    }
    try {
      return new URLClassLoader(new URL[] {path.toUri().toURL()},
          ConnectionPools.class.getClassLoader());
    } catch (IOException e) {
      throw new ConnectorException("SQL_DRIVER_MISSING", "The driver jar " + jar
          + " cannot be read: " + e.getMessage());
    }
  }

  private static Driver instantiate(String className, ClassLoader loader) {
    try {
      Class<?> c = Class.forName(className, true,
          loader != null ? loader : ConnectionPools.class.getClassLoader());
      return (Driver) c.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
      throw new ConnectorException("SQL_DRIVER_MISSING", "The JDBC driver class " + className
          + " cannot be loaded" + (loader == null ? " (no 'driverJar' given)" : "") + ": " + e
          + ". Check 'driverClass' and 'driverJar'.");
    }
  }

  private static void closeQuietly(URLClassLoader loader) {
    if (loader != null) {
      try {
        loader.close();
      } catch (IOException ignored) {
        // nothing was loaded from it that needs cleaning up
      }
    }
  }

  private static String key(SqlInput input) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      // The password is part of the key (a changed secret gets a new pool) only as a hash.
      String raw = input.jdbcUrl() + "\u0000" + input.username() + "\u0000" + input.password()
          + "\u0000" + input.driverClass() + "\u0000" + input.driverJar();
      return HexFormat.of().formatHex(digest.digest(raw.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How many pools are open; for tests and metrics. */
  synchronized int size() {
    return pools.size();
  }

  /** Closes every pool; later calls fail with {@code SQL_UNAVAILABLE}. */
  @Override
  public synchronized void close() {
    closed = true;
    pools.values().forEach(Pool::close);
    pools.clear();
  }
}
