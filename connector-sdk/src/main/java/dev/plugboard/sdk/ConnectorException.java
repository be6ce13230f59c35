package dev.plugboard.sdk;

/**
 * A failure of a connector, with a code that a process model can match in its
 * {@code errorExpression} (for example {@code HTTP_404}, {@code SQL_ERROR}, {@code INVALID_INPUT}).
 *
 * <p>Without an {@code errorExpression} that turns it into a BPMN error, the runtime fails the job
 * with no further retry and the engine raises an incident carrying the message. Use
 * {@link RetryableException} when trying again later may succeed. The message must say what went
 * wrong, with which input (never a secret value), and what to do about it.
 */
public class ConnectorException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String code;

  /**
   * A failure with a code and a message.
   *
   * @param code a stable, upper-case code such as {@code HTTP_404}
   * @param message what went wrong and what to do about it
   */
  public ConnectorException(String code, String message) {
    super(message);
    this.code = code;
  }

  /**
   * A failure with a code, a message and its cause.
   *
   * @param code a stable, upper-case code
   * @param message what went wrong and what to do about it
   * @param cause the underlying exception
   */
  public ConnectorException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /**
   * The error code.
   *
   * @return the code, never {@code null}
   */
  public String code() {
    return code;
  }
}
