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
 */
public record InvocationRequest(
    String connectorType,
    Map<String, Object> variables,
    Map<String, String> headers,
    String jobKey,
    Integer retries) {}
