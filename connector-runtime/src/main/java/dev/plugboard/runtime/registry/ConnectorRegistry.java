package dev.plugboard.runtime.registry;

import java.util.Collection;
import java.util.Optional;

/**
 * The connectors of the active plugins, by type. The plugin layer writes it; the pipeline, the
 * engine adapters, the inbound layer and the API read it. When a plugin is replaced, the type
 * keeps resolving (to the new version) without a gap.
 */
public interface ConnectorRegistry {

  /**
   * The active connector of a type.
   *
   * @param type the connector type
   * @return the connector, or empty when no active plugin provides the type
   */
  Optional<RegisteredConnector> find(String type);

  /**
   * All active connectors.
   *
   * @return a snapshot
   */
  Collection<RegisteredConnector> all();

  /**
   * Registers a listener for types that appear or disappear (engine adapters open and close
   * workers with it). Called for the current connectors right away.
   *
   * @param listener the listener
   */
  void addListener(RegistryListener listener);

  /** Told when a connector type becomes available or unavailable. */
  interface RegistryListener {

    /**
     * A type became available, or was taken over by a new plugin version.
     *
     * @param connector the connector
     */
    void connectorAdded(RegisteredConnector connector);

    /**
     * A type is gone (its plugin was removed and no other provides it).
     *
     * @param type the connector type
     */
    void connectorRemoved(String type);
  }
}
