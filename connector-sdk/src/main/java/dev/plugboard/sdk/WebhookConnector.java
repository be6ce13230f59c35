package dev.plugboard.sdk;

/**
 * An inbound connector that answers HTTP requests sent to {@code POST /inbound/{path}}.
 *
 * <p>The runtime routes a request to the activation whose properties own the path (see
 * {@link #path}), calls {@link #handle}, and writes the returned response. A connector checks
 * the request's authentication itself, turns the payload into variables and calls
 * {@link InboundContext#correlate}; it answers with the status that fits the
 * {@link CorrelationResult}.
 *
 * @param <P> the properties type
 */
public interface WebhookConnector<P> extends InboundConnector<P> {

  /**
   * The path segment under {@code /inbound/} that this activation serves.
   *
   * @param properties the activation's properties
   * @return the path, without slashes
   */
  String path(P properties);

  /**
   * Handles one request. Called concurrently.
   *
   * @param request the HTTP request, its body already limited in size by the runtime
   * @param context the activation's context
   * @return the response to send
   * @throws Exception answered with 500 and an error code; the request changes no process state
   */
  WebhookResponse handle(WebhookRequest request, InboundContext context) throws Exception;
}
