package dev.plugboard.runtime.invocation;

import java.util.Map;

/**
 * One execution of an outbound connector, as an engine adapter (or the invoke API) hands it to
 * the {@link InvocationPipeline}.
 *
 * @param connectorType the connector type (Zeebe job type / Operaton topic)
 * @param variables the task's variables, secrets not yet resolved; string values starting with
 *     {@code =} are FEEL expressions the pipeline evaluates against the variables (Camunda 7
 *     flavor; Zeebe evaluates them itself)
 * @param headers task headers / extension properties: {@code resultVariable},
 *     {@code resultExpression}, {@code errorExpression}, {@code retries}, {@code retryBackoff}
 * @param jobKey the engine's job or external-task id, for logs
 * @param retries the job's current retries as the engine reports it; {@code null} when the
 *     engine does not know yet (first attempt of an Operaton external task): the pipeline then
 *     takes the {@code retries} header or the connector's default
 * @param evaluateFeelInputs whether {@code =...} strings among the variables are FEEL to evaluate
 *     (true for Operaton and the invoke API); an engine that evaluated the task's inputs itself
 *     (Zeebe) passes false, so that data which happens to start with {@code =} stays data
 */
public record InvocationRequest(
    String connectorType,
    Map<String, Object> variables,
    Map<String, String> headers,
    String jobKey,
    Integer retries,
    boolean evaluateFeelInputs) {

  /**
   * A request whose {@code =...} variables are evaluated as FEEL (Camunda 7 flavor, invoke API).
   *
   * @param connectorType the connector type
   * @param variables the variables
   * @param headers the task headers
   * @param jobKey the job id, for logs
   * @param retries the current retries, or {@code null} when unknown
   */
  public InvocationRequest(String connectorType, Map<String, Object> variables,
      Map<String, String> headers, String jobKey, Integer retries) {
    this(connectorType, variables, headers, jobKey, retries, true);
  }
}
