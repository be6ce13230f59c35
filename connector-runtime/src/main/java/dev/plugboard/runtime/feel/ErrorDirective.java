package dev.plugboard.runtime.feel;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an {@code errorExpression} asked for: a BPMN error or a job failure, built by the FEEL
 * functions {@code bpmnError(...)} and {@code jobError(...)}.
 */
public sealed interface ErrorDirective {

  /**
   * Throw a BPMN error.
   *
   * @param code the error code
   * @param message the message
   * @param variables variables to set where the error is caught
   */
  record ThrowBpmnError(String code, String message, Map<String, Object> variables)
      implements ErrorDirective {}

  /**
   * Fail the job.
   *
   * @param message the incident message
   * @param variables variables to set
   * @param retries retries left, {@code null} for the current retries minus one
   * @param retryBackoff wait before the next attempt, {@code null} for the task's backoff
   */
  record FailJob(String message, Map<String, Object> variables, Integer retries,
      Duration retryBackoff) implements ErrorDirective {}

  /**
   * Reads the value an {@code errorExpression} returned.
   *
   * @param value the evaluation result
   * @return the directive, or {@code null} when the expression returned anything else (no
   *     error: the outcome stays as it was)
   * @throws FeelEvaluationException when a {@code bpmnError}/{@code jobError} call has unusable
   *     arguments
   */
  static ErrorDirective from(Object value) {
    if (!(value instanceof Map<?, ?> map) || !(map.get(ConnectorFeelFunctions.MARKER) instanceof String type)) {
      return null;
    }
    if (type.equals("bpmnError")) {
      Object code = map.get("code");
      if (!(code instanceof String c) || c.isBlank()) {
        throw new FeelEvaluationException(
            "bpmnError(code, message) needs a non-empty string code, got: " + code);
      }
      return new ThrowBpmnError(c, stringOrEmpty(map.get("message")), variables(map.get("variables"), "bpmnError"));
    }
    Object retries = map.get("retries");
    Integer r = null;
    if (retries instanceof Number n) {
      r = Math.max(0, n.intValue());
    } else if (retries != null) {
      throw new FeelEvaluationException(
          "jobError(message, variables, retries, retryBackoff) needs a number for retries, got: " + retries);
    }
    return new FailJob(stringOrEmpty(map.get("message")), variables(map.get("variables"), "jobError"), r,
        backoff(map.get("retryBackoff")));
  }

  private static String stringOrEmpty(Object value) {
    return value == null ? "" : String.valueOf(value);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> variables(Object value, String function) {
    if (value == null) {
      return Map.of();
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      ((Map<Object, Object>) m).forEach((k, v) -> copy.put(String.valueOf(k), v));
      return copy;
    }
    throw new FeelEvaluationException(function + "(...) needs a context for variables, got: " + value);
  }

  private static Duration backoff(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Duration d) {
      return d;
    }
    try {
      return Duration.parse(String.valueOf(value));
    } catch (DateTimeParseException e) {
      throw new FeelEvaluationException(
          "jobError(...) needs an ISO-8601 duration for retryBackoff, such as \"PT30S\" or"
              + " duration(\"PT30S\"), got: " + value);
    }
  }
}
