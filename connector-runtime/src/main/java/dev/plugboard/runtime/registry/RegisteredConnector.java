package dev.plugboard.runtime.registry;

import dev.plugboard.sdk.host.ConnectorDefinition;

/**
 * A connector of an active plugin.
 *
 * @param definition the connector class as read from the plugin
 * @param pluginId the plugin's id
 * @param pluginVersion the plugin's version
 */
public record RegisteredConnector(ConnectorDefinition definition, String pluginId, String pluginVersion) {

  /**
   * The connector type.
   *
   * @return the type
   */
  public String type() {
    return definition.type();
  }
}
