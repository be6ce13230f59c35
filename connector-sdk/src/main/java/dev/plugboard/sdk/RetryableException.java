package dev.plugboard.sdk;

import java.time.Duration;

/**
 * A failure that may go away when tried again: a timeout, a 503, a broker that is down.
 *
 * <p>The runtime fails the job with one retry less and the given backoff (or the task's
 * {@code retryBackoff} when none is given); when no retries are left the engine raises an
 * incident with the message.
 */
public class RetryableException extends ConnectorException {

  private static final long serialVersionUID = 1L;

  private final Duration backoff;

  /**
   * A retryable failure using the task's configured backoff.
   *
   * @param code a stable, upper-case code
   * @param message what went wrong
   */
  public RetryableException(String code, String message) {
    this(code, message, null, null);
  }

  /**
   * A retryable failure with its own backoff.
   *
   * @param code a stable, upper-case code
   * @param message what went wrong
   * @param backoff how long to wait before the next attempt; {@code null} for the task's default
   * @param cause the underlying exception, may be {@code null}
   */
  public RetryableException(String code, String message, Duration backoff, Throwable cause) {
    super(code, message, cause);
    this.backoff = backoff;
  }

  /**
   * The backoff this failure asks for.
   *
   * @return the backoff, or {@code null} for the task's configured one
   */
  public Duration backoff() {
    return backoff;
  }
}
