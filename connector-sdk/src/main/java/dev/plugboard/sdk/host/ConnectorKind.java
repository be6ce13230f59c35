package dev.plugboard.sdk.host;

/** How a connector class is run, derived from what it implements or extends. */
public enum ConnectorKind {
  /** An {@link dev.plugboard.sdk.OutboundConnector} function. */
  OUTBOUND_FUNCTION,
  /** A {@link dev.plugboard.sdk.RouteConnector} (Camel Java DSL). */
  OUTBOUND_ROUTE,
  /** A {@link dev.plugboard.sdk.YamlRouteConnector} (Camel YAML route template). */
  OUTBOUND_YAML_ROUTE,
  /** A {@link dev.plugboard.sdk.WebhookConnector}. */
  INBOUND_WEBHOOK,
  /** A {@link dev.plugboard.sdk.PollingConnector}. */
  INBOUND_POLLING,
  /** Any other {@link dev.plugboard.sdk.InboundConnector}. */
  INBOUND_SUBSCRIPTION;

  /**
   * Whether this kind brings events into processes.
   *
   * @return true for the inbound kinds
   */
  public boolean inbound() {
    return this == INBOUND_WEBHOOK || this == INBOUND_POLLING || this == INBOUND_SUBSCRIPTION;
  }
}
