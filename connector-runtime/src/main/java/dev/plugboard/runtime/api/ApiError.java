package dev.plugboard.runtime.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The error body of every API answer that is not a success: {@code {"code": "...", "message":
 * "..."}}, plus {@code variables} for a BPMN error of the invoke call and {@code retries} /
 * {@code retryBackoff} for a connector failure.
 *
 * @param code a stable, upper-case code
 * @param message what went wrong, with which input, and what to do (never a secret)
 * @param variables variables of a BPMN error, otherwise absent
 * @param retries retries an engine job would have left, otherwise absent
 * @param retryBackoff the backoff an engine job would wait (ISO-8601), otherwise absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String code, String message, Map<String, Object> variables,
    Integer retries, String retryBackoff) {

  /**
   * An error with a code and a message.
   *
   * @param code the code
   * @param message the message
   */
  public ApiError(String code, String message) {
    this(code, message, null, null, null);
  }
}
