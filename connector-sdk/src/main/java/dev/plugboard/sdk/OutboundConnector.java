package dev.plugboard.sdk;

/**
 * A connector that does one piece of work for a BPMN task and returns a result.
 *
 * <p>The runtime resolves secrets in the task's variables, binds them to {@code I} (a record or
 * POJO read with Jackson and checked with Jakarta Bean Validation), calls {@link #execute} with a
 * timeout, and maps the returned {@code O} into process variables through the task's
 * {@code resultVariable} / {@code resultExpression}. Annotate the class with {@link Connector}.
 *
 * <p>Implementations must be thread-safe: the runtime calls one instance concurrently.
 *
 * @param <I> the input type, bound from process variables
 * @param <O> the output type, serialized to JSON; {@code Void} when there is no result
 */
public interface OutboundConnector<I, O> {

  /**
   * Does the work.
   *
   * @param input the bound and validated input
   * @param context headers, raw variables and the connector's logger
   * @return the result, serializable with Jackson; may be {@code null}
   * @throws ConnectorException for a failure the process model should see as an incident (or a
   *     retry, see {@link RetryableException})
   * @throws BpmnError for a business outcome that a BPMN error boundary event can catch
   * @throws Exception any other exception is reported as a retryable failure with code
   *     {@code CONNECTOR_FAILED}
   */
  O execute(I input, ConnectorContext context) throws Exception;
}
