package dev.plugboard.runtime.invocation;

import java.time.Duration;
import java.util.Map;

/** What the pipeline tells the engine to do with a job. */
public sealed interface Outcome {

  /**
   * Complete the job.
   *
   * @param variables variables to set (from {@code resultVariable} / {@code resultExpression})
   * @param result the connector's raw result, for the direct invoke API
   */
  record Completed(Map<String, Object> variables, Object result) implements Outcome {}

  /**
   * Throw a BPMN error.
   *
   * @param code the error code
   * @param message the message
   * @param variables variables to set
   */
  record BpmnErrorThrown(String code, String message, Map<String, Object> variables)
      implements Outcome {}

  /**
   * Fail the job.
   *
   * @param code the error code (for example {@code HTTP_503}, {@code TIMEOUT},
   *     {@code CONNECTOR_NOT_FOUND})
   * @param message the masked error message, for the incident
   * @param retries the retries the job should have now; 0 raises an incident
   * @param backoff the wait before the next attempt
   * @param variables variables to set (from {@code jobError(...)}), may be empty
   */
  record Failed(String code, String message, int retries, Duration backoff,
      Map<String, Object> variables) implements Outcome {}
}
