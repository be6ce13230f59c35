package dev.plugboard.rpa.server;

/**
 * A bot API call that cannot be served, with the HTTP status and the error code the bot gets.
 */
public final class RpaException extends RuntimeException {

  private final int status;
  private final String code;

  /**
   * @param status the HTTP status
   * @param code an upper-case error code, such as {@code NOT_LOCK_HOLDER}
   * @param message what went wrong and what to do
   */
  public RpaException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The error code. */
  public String code() {
    return code;
  }
}
