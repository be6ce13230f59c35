package dev.plugboard.legacy.flatfile;

/** The type of a record field, which decides how its text is read and written. */
public enum FieldType {
  /** Text as is (trimmed unless the field says otherwise). */
  STRING,
  /** A whole number, optionally signed; JSON number. */
  INTEGER,
  /** A decimal number; with {@code scale}, the text carries implied decimals (12345 = 123.45). */
  DECIMAL,
  /** A date in the field's {@code format} (default yyyy-MM-dd); ISO-8601 text in JSON. */
  DATE,
  /** {@code true}/{@code false}, or the field's {@code format} as "Y/N". */
  BOOLEAN
}
