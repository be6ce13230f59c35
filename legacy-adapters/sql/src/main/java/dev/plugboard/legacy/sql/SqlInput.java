package dev.plugboard.legacy.sql;

import dev.plugboard.sdk.FeelMode;
import dev.plugboard.sdk.PropertyType;
import dev.plugboard.sdk.Secret;
import dev.plugboard.sdk.TemplateGroup;
import dev.plugboard.sdk.TemplateProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;

/**
 * Input of the SQL connector.
 *
 * @param jdbcUrl the JDBC URL, without credentials
 * @param username the database user
 * @param password the database password (a secret)
 * @param operation what to do
 * @param statement the SQL statement with {@code :name} parameters (all operations but TRANSACTION)
 * @param parameters values of the named parameters
 * @param batchParameters one parameter map per execution (BATCH)
 * @param statements the statements of a TRANSACTION
 * @param outParameters OUT parameters of a CALL: name to JDBC type ({@code INTEGER}, {@code VARCHAR}, ...)
 * @param maxRows the most rows a query returns; more are reported as truncated
 * @param queryTimeoutSeconds how long one statement may run
 * @param driverClass a JDBC driver class for databases other than PostgreSQL and MariaDB/MySQL
 * @param driverJar the jar file holding {@code driverClass}
 */
@TemplateGroup(id = "connection", label = "Connection")
@TemplateGroup(id = "sql", label = "SQL")
@TemplateGroup(id = "advanced", label = "Advanced")
public record SqlInput(
    @TemplateProperty(group = "connection", label = "JDBC URL",
        description = "For example jdbc:postgresql://db.example.com:5432/orders or"
            + " jdbc:mariadb://db.example.com:3306/erp. Put credentials in the fields below, not in the URL.",
        placeholder = "jdbc:postgresql://localhost:5432/mydb")
    @NotBlank @Pattern(regexp = "^jdbc:[a-zA-Z0-9]+:.*", message = "must start with jdbc:<driver>:")
    String jdbcUrl,

    @TemplateProperty(group = "connection", label = "User")
    String username,

    @TemplateProperty(group = "connection", label = "Password",
        description = "Use a secret, for example {{secrets.ERP_DB_PASSWORD}}")
    @Secret
    String password,

    @TemplateProperty(group = "sql", label = "Operation", defaultValue = "QUERY")
    @NotNull
    SqlOperation operation,

    @TemplateProperty(group = "sql", label = "SQL statement", type = PropertyType.TEXT,
        feel = FeelMode.NONE,
        description = "One statement. Values go in as named parameters (:customerId), never spliced"
            + " into the text: '?' placeholders, ${...} markers and several statements are refused.",
        placeholder = "select id, total from orders where customer_id = :customerId",
        conditionProperty = "operation", conditionEquals = {"QUERY", "UPDATE", "BATCH", "CALL"})
    String statement,

    @TemplateProperty(group = "sql", label = "Parameters", feel = FeelMode.REQUIRED,
        description = "A FEEL context of the named parameters, for example {customerId: customer.id}",
        conditionProperty = "operation", conditionEquals = {"QUERY", "UPDATE", "CALL"})
    Map<String, Object> parameters,

    @TemplateProperty(group = "sql", label = "Batch parameters", feel = FeelMode.REQUIRED,
        description = "A FEEL list of parameter contexts; the statement runs once per entry, all or nothing",
        conditionProperty = "operation", conditionEquals = "BATCH")
    List<Map<String, Object>> batchParameters,

    @TemplateProperty(group = "sql", label = "Statements", feel = FeelMode.REQUIRED,
        description = "A FEEL list of {statement, parameters} contexts run in one transaction",
        conditionProperty = "operation", conditionEquals = "TRANSACTION")
    List<@Valid SqlStatement> statements,

    @TemplateProperty(group = "sql", label = "OUT parameters", feel = FeelMode.REQUIRED,
        description = "A FEEL context of OUT parameter names to JDBC types, for example {total: \"NUMERIC\"}",
        conditionProperty = "operation", conditionEquals = "CALL")
    Map<String, String> outParameters,

    @TemplateProperty(group = "advanced", label = "Maximum rows", defaultValue = "1000",
        description = "A query returns at most this many rows; the result says when it was truncated")
    @Min(1) @Max(1_000_000)
    Integer maxRows,

    @TemplateProperty(group = "advanced", label = "Statement timeout (seconds)", defaultValue = "30")
    @Min(1) @Max(3600)
    Integer queryTimeoutSeconds,

    @TemplateProperty(group = "advanced", label = "Driver class",
        description = "Only for databases other than PostgreSQL and MariaDB/MySQL, for example oracle.jdbc.OracleDriver")
    String driverClass,

    @TemplateProperty(group = "advanced", label = "Driver jar",
        description = "Path of the jar holding the driver class on the runtime's machine,"
            + " for example /opt/plugboard/drivers/ojdbc11.jar")
    String driverJar) {

  /** Applies defaults. */
  public SqlInput {
    maxRows = maxRows == null ? 1000 : maxRows;
    queryTimeoutSeconds = queryTimeoutSeconds == null ? 30 : queryTimeoutSeconds;
    parameters = parameters == null ? Map.of() : parameters;
    batchParameters = batchParameters == null ? List.of() : batchParameters;
    statements = statements == null ? List.of() : statements;
    outParameters = outParameters == null ? Map.of() : outParameters;
  }

  @Override
  public String toString() {
    // The password never appears in a log line or an error message.
    return "SqlInput[jdbcUrl=" + JdbcUrls.redact(jdbcUrl) + ", username=" + username
        + ", operation=" + operation + "]";
  }
}
