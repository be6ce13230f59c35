package dev.plugboard.sdk;

/**
 * A connector that brings events into processes: it starts process instances or correlates
 * messages to waiting ones.
 *
 * <p>The runtime activates one instance of the connector for every deployed process element that
 * carries the connector's inbound template (message start event, intermediate message catch
 * event, boundary event, receive task), with that element's properties bound to {@code P}, and
 * deactivates it when the process definition is undeployed or replaced, or the plugin leaves.
 *
 * <p>Three kinds exist: a {@link WebhookConnector} answers HTTP requests at
 * {@code /inbound/{path}}; a {@link PollingConnector} is called at an interval; any other
 * implementation is a subscription that opens its own consumer in {@link #activate} (for example
 * a Camel route through {@link InboundContext#addRoutes}) and closes it in {@link #deactivate}.
 * Annotate the class with {@link Connector}; each activation gets a new instance.
 *
 * @param <P> the properties type, bound from the element's template properties
 */
public interface InboundConnector<P> {

  /**
   * Starts receiving events for one process element.
   *
   * @param properties the bound and validated element properties
   * @param context correlation, logging and route registration for this activation
   * @throws Exception when the connector cannot start; the runtime reports the reason in the
   *     activation's health and retries later
   */
  void activate(P properties, InboundContext context) throws Exception;

  /**
   * Stops receiving events and releases everything {@link #activate} opened. The runtime removes
   * routes added through {@link InboundContext#addRoutes} itself.
   *
   * @throws Exception reported in the log; the runtime goes on deactivating
   */
  default void deactivate() throws Exception {}
}
