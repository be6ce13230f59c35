package dev.plugboard.rpa.client;

/** The bot API answered with an error, or could not be reached. */
public final class BotApiException extends RuntimeException {

  private final int status;
  private final String code;

  /**
   * @param status the HTTP status (0 when the API could not be reached)
   * @param code the error code of the answer, such as {@code LOCK_EXPIRED}
   * @param message the message
   */
  public BotApiException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  /** The HTTP status, 0 when the API could not be reached. */
  public int status() {
    return status;
  }

  /** The error code, such as {@code NOT_LOCK_HOLDER}, {@code LOCK_EXPIRED}, {@code UNAUTHORIZED}. */
  public String code() {
    return code;
  }

  /** Whether the item is no longer this bot's to report (404, 409, 410): drop it, do not retry. */
  public boolean itemLost() {
    return status == 404 || status == 409 || status == 410;
  }
}
