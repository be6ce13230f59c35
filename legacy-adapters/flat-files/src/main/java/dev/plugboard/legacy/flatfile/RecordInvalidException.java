package dev.plugboard.legacy.flatfile;

import dev.plugboard.sdk.ConnectorException;

/** A record that does not fit its layout: code {@code RECORD_INVALID}, naming line and field. */
public class RecordInvalidException extends ConnectorException {

  private static final long serialVersionUID = 1L;

  /**
   * A record error.
   *
   * @param where "line 3" or "record 2"
   * @param field the field name, or {@code null} for the whole line
   * @param problem what is wrong
   */
  public RecordInvalidException(String where, String field, String problem) {
    super("RECORD_INVALID", where + (field == null ? "" : ", field '" + field + "'") + ": " + problem
        + ". Fix the data or the record layout.");
  }
}
