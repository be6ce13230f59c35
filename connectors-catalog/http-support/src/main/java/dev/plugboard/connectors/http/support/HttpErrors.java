package dev.plugboard.connectors.http.support;

import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.RetryableException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Maps an HTTP error status to the exception a process model can catch by its code
 * ({@code HTTP_404}, {@code HTTP_503}, ...).
 *
 * <ul>
 *   <li>4xx: {@link ConnectorException}, no retry (the same request would fail again), except</li>
 *   <li>408 and 429: {@link RetryableException} with the backoff from {@code Retry-After};</li>
 *   <li>5xx: {@link RetryableException}, with {@code Retry-After} when the server sent one.</li>
 * </ul>
 */
public final class HttpErrors {

  /** The longest {@code Retry-After} honoured; longer waits are capped to it. */
  public static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

  private HttpErrors() {}

  /**
   * Throws when {@code response} has a status of 400 or more; returns otherwise.
   *
   * @param response the response
   * @param secrets values to mask in the body excerpt of the message
   * @param clock for {@code Retry-After} dates
   */
  public static void failOnErrorStatus(RawResponse response, Set<String> secrets, Clock clock) {
    int status = response.status();
    if (status < 400) {
      return;
    }
    String code = "HTTP_" + status;
    String snippet = response.snippet(300, secrets);
    String message = response.describe() + " answered HTTP " + status
        + (snippet.isEmpty() ? "" : ": " + snippet) + ". " + advice(status);
    if (status == 408 || status == 429 || status >= 500) {
      throw new RetryableException(code, message, retryAfter(response, clock), null);
    }
    throw new ConnectorException(code, message);
  }

  private static String advice(int status) {
    return switch (status) {
      case 400, 422 -> "The server refused the request as invalid; check the body, query"
          + " parameters and headers.";
      case 401 -> "The server did not accept the credentials; check the authentication and its"
          + " secrets.";
      case 403 -> "The credentials lack the permission for this request.";
      case 404 -> "Nothing at this URL; check the URL and its path parameters.";
      case 405 -> "The server does not allow this method here; check the method.";
      case 408 -> "The server timed out waiting for the request; it will be retried.";
      case 409 -> "The request conflicts with the resource's current state.";
      case 415 -> "The server does not accept this body type; check bodyType and Content-Type.";
      case 429 -> "Rate limited; it will be retried after the server's Retry-After.";
      default -> status >= 500
          ? "The server failed; it will be retried."
          : "The server refused the request.";
    };
  }

  /**
   * The {@code Retry-After} of a response as a duration (seconds or an HTTP date), capped at
   * {@link #MAX_RETRY_AFTER}.
   *
   * @param response the response
   * @param clock the clock for HTTP dates
   * @return the duration, or {@code null} when absent or unreadable
   */
  public static Duration retryAfter(RawResponse response, Clock clock) {
    String value = response.header("retry-after");
    if (value == null || value.isBlank()) {
      return null;
    }
    Duration wait;
    try {
      wait = Duration.ofSeconds(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        wait = Duration.between(clock.instant(), at.toInstant());
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
    if (wait.isNegative()) {
      return Duration.ZERO;
    }
    return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
  }
}
