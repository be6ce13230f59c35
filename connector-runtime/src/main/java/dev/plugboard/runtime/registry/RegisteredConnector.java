package dev.plugboard.runtime.registry;

import dev.plugboard.sdk.host.ConnectorDefinition;

/**
 * A connector of an active plugin version.
 *
 * @param definition the connector class as read from the plugin
 * @param pluginId the plugin's id
 * @param pluginVersion the plugin's version
 * @param instance the connector instance (an {@code OutboundConnector}, {@code RouteConnector}
 *     or {@code YamlRouteConnector}); for inbound connectors {@code null}: each activation makes
 *     its own instance from {@code definition.connectorClass()}
 * @param entryEndpoint the Camel endpoint URI the route of a route connector consumes from, in
 *     the host CamelContext; {@code null} for function and inbound connectors
 * @param classLoader the plugin's class loader (set it as the thread context class loader while
 *     running plugin code)
 * @param inflight counts executions in progress, so that a replaced or removed plugin can drain
 */
public record RegisteredConnector(
    ConnectorDefinition definition,
    String pluginId,
    String pluginVersion,
    Object instance,
    String entryEndpoint,
    ClassLoader classLoader,
    InflightCounter inflight) {

  /**
   * The connector type.
   *
   * @return the type
   */
  public String type() {
    return definition.type();
  }
}
