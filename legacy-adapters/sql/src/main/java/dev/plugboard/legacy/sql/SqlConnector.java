package dev.plugboard.legacy.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.sdk.Connector;
import dev.plugboard.sdk.ConnectorContext;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.OutboundConnector;
import dev.plugboard.sdk.RetryableException;
import java.io.IOException;
import java.io.Reader;
import java.sql.Array;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs SQL against a JDBC database: queries, updates, batches, transactions and stored
 * procedures, always with named parameters bound as JDBC parameters.
 *
 * <p>Plain JDBC rather than camel-sql: the connector needs its own driver instances (no
 * {@code DriverManager}, see {@link DriverDataSource}), one pool per database and user, a row
 * limit with truncation reported, and SQLState-based error codes; a Camel endpoint would add a
 * route and a component to register without doing any of that for us.
 *
 * <p>Error codes: {@code SQL_ERROR} (the database refused the statement; the message has the
 * SQLState), {@code SQL_AUTH_FAILED} (wrong user or password), {@code SQL_UNAVAILABLE} (database
 * unreachable; retryable), {@code SQL_STATEMENT_REFUSED} (the statement splices values or stacks
 * statements), {@code SQL_DRIVER_MISSING}, {@code INVALID_INPUT}.
 *
 * <p>Implements {@link AutoCloseable}: closing the connector closes its connection pools; the
 * runtime calls it when the plugin stops.
 */
@Connector(type = "plugboard:sql:1", name = "SQL database",
    description = "Query and update a relational database (PostgreSQL, MariaDB/MySQL, any JDBC driver)"
        + " with named parameters, batches, transactions and stored procedures.",
    category = "Legacy", icon = "icons/sql.svg",
    keywords = {"sql", "jdbc", "database", "postgresql", "mariadb", "mysql", "stored procedure"},
    timeout = "PT60S")
public class SqlConnector implements OutboundConnector<SqlInput, SqlResult>, AutoCloseable {

  private final ConnectionPools pools = new ConnectionPools();
  private final ObjectMapper json = new ObjectMapper();

  /** For the runtime. */
  public SqlConnector() {}

  @Override
  public SqlResult execute(SqlInput input, ConnectorContext context) {
    validate(input);
    int timeout = timeoutSeconds(input, context.deadline());
    String where = JdbcUrls.hostPart(input.jdbcUrl());
    long started = System.nanoTime();
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    // Drivers look up their own extensions with ServiceLoader through the context class loader.
    thread.setContextClassLoader(SqlConnector.class.getClassLoader());
    try (Connection connection = pools.dataSource(input).getConnection()) {
      SqlResult result = switch (input.operation()) {
        case QUERY -> query(connection, NamedSql.parse(input.statement()), input.parameters(),
            input.maxRows(), timeout);
        case UPDATE -> update(connection, NamedSql.parse(input.statement()), input.parameters(),
            input.maxRows(), timeout);
        case BATCH -> batch(connection, input, timeout);
        case TRANSACTION -> transaction(connection, input, timeout);
        case CALL -> call(connection, input, timeout);
      };
      context.logger().info("event=sql_executed operation={} url={} durationMs={} rows={} updates={}",
          input.operation(), where, (System.nanoTime() - started) / 1_000_000,
          result.rowCount(), result.updateCount());
      return result;
    } catch (SQLException e) {
      throw translate(e, input, where);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static void validate(SqlInput input) {
    boolean needsStatement = input.operation() != SqlOperation.TRANSACTION;
    if (needsStatement && (input.statement() == null || input.statement().isBlank())) {
      throw new ConnectorException("INVALID_INPUT",
          "'statement' is empty; the " + input.operation() + " operation needs one SQL statement.");
    }
    if (input.operation() == SqlOperation.TRANSACTION && input.statements().isEmpty()) {
      throw new ConnectorException("INVALID_INPUT",
          "'statements' is empty; a TRANSACTION needs a list of {statement, parameters}.");
    }
    if (input.operation() == SqlOperation.BATCH && input.batchParameters().isEmpty()) {
      throw new ConnectorException("INVALID_INPUT",
          "'batchParameters' is empty; a BATCH needs a list of parameter maps, one per execution.");
    }
  }

  private static int timeoutSeconds(SqlInput input, Instant deadline) {
    long left = deadline == null ? Long.MAX_VALUE : Duration.between(Instant.now(), deadline).toSeconds();
    return (int) Math.max(1, Math.min(input.queryTimeoutSeconds(), left));
  }

  private SqlResult query(Connection c, NamedSql sql, Map<String, Object> params, int maxRows,
      int timeout) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql.jdbcSql())) {
      ps.setQueryTimeout(timeout);
      // One row more than allowed tells whether the result was truncated.
      ps.setMaxRows(maxRows + 1);
      bind(ps, sql, params, Map.of(), 0);
      boolean hasRows = ps.execute();
      if (!hasRows) {
        return SqlResult.ofUpdate(ps.getUpdateCount());
      }
      try (ResultSet rs = ps.getResultSet()) {
        return readRows(rs, maxRows);
      }
    }
  }

  private SqlResult update(Connection c, NamedSql sql, Map<String, Object> params, int maxRows,
      int timeout) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql.jdbcSql())) {
      ps.setQueryTimeout(timeout);
      ps.setMaxRows(maxRows + 1);
      bind(ps, sql, params, Map.of(), 0);
      boolean hasRows = ps.execute();
      if (hasRows) {
        // An UPDATE ... RETURNING: give the rows back as well.
        try (ResultSet rs = ps.getResultSet()) {
          SqlResult rows = readRows(rs, maxRows);
          return rows;
        }
      }
      return SqlResult.ofUpdate(ps.getUpdateCount());
    }
  }

  private SqlResult batch(Connection c, SqlInput input, int timeout) throws SQLException {
    NamedSql sql = NamedSql.parse(input.statement());
    return inTransaction(c, () -> {
      try (PreparedStatement ps = c.prepareStatement(sql.jdbcSql())) {
        ps.setQueryTimeout(timeout);
        int index = 0;
        for (Map<String, Object> params : input.batchParameters()) {
          bind(ps, sql, params, Map.of(), index++);
          ps.addBatch();
        }
        int[] counts = ps.executeBatch();
        List<Integer> list = Arrays.stream(counts).boxed().toList();
        int total = Arrays.stream(counts).filter(n -> n > 0).sum();
        return new SqlResult(null, null, null, total, list, null, null);
      }
    });
  }

  private SqlResult transaction(Connection c, SqlInput input, int timeout) throws SQLException {
    List<NamedSql> parsed = new ArrayList<>();
    for (SqlStatement s : input.statements()) {
      parsed.add(NamedSql.parse(s.statement())); // refuse before anything runs
    }
    return inTransaction(c, () -> {
      List<SqlResult> results = new ArrayList<>();
      for (int i = 0; i < parsed.size(); i++) {
        try {
          // Whatever the statement returns: rows (SELECT, WITH, RETURNING) or an update count.
          results.add(update(c, parsed.get(i), input.statements().get(i).parameters(), input.maxRows(), timeout));
        } catch (SQLException e) {
          throw new StatementFailed(i, e);
        }
      }
      return new SqlResult(null, null, null, null, null, null, results);
    });
  }

  private SqlResult call(Connection c, SqlInput input, int timeout) throws SQLException {
    NamedSql sql = NamedSql.parse(input.statement());
    for (String out : input.outParameters().keySet()) {
      if (!sql.parameterNames().contains(out)) {
        throw new ConnectorException("INVALID_INPUT", "OUT parameter '" + out
            + "' does not appear in the statement as :" + out + ".");
      }
    }
    String jdbc = sql.jdbcSql();
    if (!jdbc.stripLeading().startsWith("{")) {
      jdbc = "{" + jdbc + "}"; // JDBC escape syntax, which every driver maps to its own CALL
    }
    try (CallableStatement cs = c.prepareCall(jdbc)) {
      cs.setQueryTimeout(timeout);
      bind(cs, sql, input.parameters(), input.outParameters(), 0);
      for (int i = 0; i < sql.parameterNames().size(); i++) {
        String type = input.outParameters().get(sql.parameterNames().get(i));
        if (type != null) {
          // The int overload: pgjdbc does not implement the SQLType one.
          cs.registerOutParameter(i + 1, jdbcType(type).getVendorTypeNumber());
        }
      }
      boolean hasRows = cs.execute();
      SqlResult rows = null;
      if (hasRows) {
        try (ResultSet rs = cs.getResultSet()) {
          rows = readRows(rs, input.maxRows());
        }
      }
      Map<String, Object> outs = new LinkedHashMap<>();
      for (int i = 0; i < sql.parameterNames().size(); i++) {
        String name = sql.parameterNames().get(i);
        if (input.outParameters().containsKey(name)) {
          outs.put(name, convert(cs.getObject(i + 1)));
        }
      }
      int updates = hasRows ? -1 : cs.getUpdateCount();
      return new SqlResult(rows == null ? null : rows.rows(), rows == null ? null : rows.rowCount(),
          rows == null ? null : rows.truncated(), updates < 0 ? null : updates, null, outs, null);
    }
  }

  private static JDBCType jdbcType(String name) {
    try {
      return JDBCType.valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConnectorException("INVALID_INPUT", "OUT parameter type '" + name
          + "' is not a JDBC type; use one of " + Arrays.toString(JDBCType.values()));
    }
  }

  private interface Work {
    SqlResult run() throws SQLException;
  }

  /** Thrown inside a transaction to name the statement that failed. */
  private static final class StatementFailed extends SQLException {
    private static final long serialVersionUID = 1L;
    final int index;

    StatementFailed(int index, SQLException cause) {
      super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
      this.index = index;
    }
  }

  private static SqlResult inTransaction(Connection c, Work work) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      SqlResult result = work.run();
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  private void bind(PreparedStatement ps, NamedSql sql, Map<String, Object> params,
      Map<String, String> outOnly, int entry) throws SQLException {
    for (int i = 0; i < sql.parameterNames().size(); i++) {
      String name = sql.parameterNames().get(i);
      if (!params.containsKey(name)) {
        if (outOnly.containsKey(name)) {
          continue;
        }
        throw new ConnectorException("INVALID_INPUT", "The statement uses :" + name
            + " but no value is given for it" + (entry > 0 ? " in batch entry " + entry : "")
            + "; add '" + name + "' to the parameters (null is allowed). Given: " + params.keySet());
      }
      Object value = params.get(name);
      if (value instanceof Map<?, ?> || value instanceof List<?>) {
        try {
          // Structured values go in as JSON text (cast with ::jsonb or use a JSON column).
          ps.setString(i + 1, json.writeValueAsString(value));
        } catch (JsonProcessingException e) {
          throw new ConnectorException("INVALID_INPUT", "Parameter '" + name
              + "' cannot be written as JSON: " + e.getOriginalMessage());
        }
      } else {
        ps.setObject(i + 1, value);
      }
    }
  }

  private static SqlResult readRows(ResultSet rs, int maxRows) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    int columns = meta.getColumnCount();
    List<Map<String, Object>> rows = new ArrayList<>();
    boolean truncated = false;
    while (rs.next()) {
      if (rows.size() == maxRows) {
        truncated = true;
        break;
      }
      Map<String, Object> row = new LinkedHashMap<>();
      for (int col = 1; col <= columns; col++) {
        row.put(meta.getColumnLabel(col), convert(rs.getObject(col)));
      }
      rows.add(row);
    }
    return SqlResult.ofRows(rows, truncated);
  }

  /** Turns JDBC values into JSON-friendly ones: dates as ISO-8601 text, binary as Base64. */
  static Object convert(Object value) throws SQLException {
    if (value == null || value instanceof String || value instanceof Boolean
        || value instanceof Integer || value instanceof Long || value instanceof java.math.BigDecimal
        || value instanceof Double || value instanceof Float || value instanceof java.math.BigInteger) {
      return value;
    }
    if (value instanceof Short s) {
      return s.intValue();
    }
    if (value instanceof Byte b) {
      return b.intValue();
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime().toString();
    }
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    if (value instanceof java.sql.Time t) {
      return t.toLocalTime().toString();
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof Array array) {
      Object[] items = (Object[]) array.getArray();
      List<Object> list = new ArrayList<>(items.length);
      for (Object item : items) {
        list.add(convert(item));
      }
      return list;
    }
    if (value instanceof Clob clob) {
      try (Reader reader = clob.getCharacterStream()) {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[8192];
        for (int n; (n = reader.read(buf)) > 0; ) {
          sb.append(buf, 0, n);
        }
        return sb.toString();
      } catch (IOException e) {
        throw new SQLException("cannot read a CLOB column: " + e.getMessage(), e);
      }
    }
    // UUID, java.time types, PostgreSQL json/interval objects and the like: their text form.
    return value.toString();
  }

  private static ConnectorException translate(SQLException e, SqlInput input, String where) {
    int index = -1;
    SQLException root = e;
    if (e instanceof StatementFailed failed) {
      index = failed.index;
      root = (SQLException) failed.getCause();
    }
    String state = root.getSQLState() == null ? "" : root.getSQLState();
    String detail = firstLine(root.getMessage());
    if (state.startsWith("28") || root.getErrorCode() == 1045) {
      return new ConnectorException("SQL_AUTH_FAILED", "The database at " + where
          + " refused user '" + input.username() + "' (SQLState " + state + "): " + detail
          + ". Check the user and the password secret.");
    }
    if (state.startsWith("08") || root instanceof SQLTransientConnectionException) {
      return new RetryableException("SQL_UNAVAILABLE", "The database at " + where
          + " cannot be reached (SQLState " + state + "): " + detail
          + ". Check that it runs and the JDBC URL's host and port.", null, null);
    }
    String which = index >= 0 ? " statement " + (index + 1) + " of the transaction" : " the statement";
    String rolledBack = input.operation() == SqlOperation.TRANSACTION || input.operation() == SqlOperation.BATCH
        ? " Nothing was committed (rolled back)." : "";
    return new ConnectorException("SQL_ERROR", "The database at " + where + " refused" + which
        + " (SQLState " + state + "): " + detail + "." + rolledBack);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    String line = message.strip().split("\\R", 2)[0];
    return line.length() > 500 ? line.substring(0, 500) + "..." : line;
  }

  /** Closes the connection pools; the runtime calls this when the plugin stops. */
  @Override
  public void close() {
    pools.close();
  }

  /** For tests: how many pools are open. */
  int openPools() {
    return pools.size();
  }
}
