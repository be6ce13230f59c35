package dev.plugboard.legacy.sql;

import dev.plugboard.sdk.TemplateProperty;

/** What the SQL connector does with its statement(s). */
public enum SqlOperation {
  /** A SELECT (or anything returning rows): rows as JSON, at most {@code maxRows}. */
  @TemplateProperty(label = "Query (rows)")
  QUERY,
  /** An INSERT, UPDATE, DELETE or DDL statement: the update count. */
  @TemplateProperty(label = "Update")
  UPDATE,
  /** One statement run once per parameter set, all or nothing. */
  @TemplateProperty(label = "Batch (one statement, many parameter sets)")
  BATCH,
  /** Several statements in one transaction, all or nothing. */
  @TemplateProperty(label = "Transaction (several statements)")
  TRANSACTION,
  /** A stored procedure or function ({@code CALL}), with OUT parameters. */
  @TemplateProperty(label = "Stored procedure (CALL)")
  CALL
}
