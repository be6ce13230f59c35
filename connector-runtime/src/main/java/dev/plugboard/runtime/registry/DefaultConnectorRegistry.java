package dev.plugboard.runtime.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The registry the plugin layer writes. A new plugin version's connectors are put in before the
 * old version's in-flight counter is closed, so a caller that finds a closed counter and looks
 * again finds the new version: there is no moment at which a type resolves to nothing during a
 * replacement.
 */
@Component
public class DefaultConnectorRegistry implements ConnectorRegistry {

  private static final Logger log = LoggerFactory.getLogger(DefaultConnectorRegistry.class);

  private final Map<String, RegisteredConnector> byType = new ConcurrentHashMap<>();
  private final List<RegistryListener> listeners = new CopyOnWriteArrayList<>();

  @Override
  public Optional<RegisteredConnector> find(String type) {
    return Optional.ofNullable(byType.get(type));
  }

  @Override
  public Collection<RegisteredConnector> all() {
    return List.copyOf(byType.values());
  }

  @Override
  public void addListener(RegistryListener listener) {
    // Registered first, then told about the current ones: a type added in between is told twice
    // at worst, never missed.
    listeners.add(listener);
    for (RegisteredConnector c : all()) {
      safely(() -> listener.connectorAdded(c), c.type());
    }
  }

  /**
   * Removes a listener.
   *
   * @param listener the listener
   */
  public void removeListener(RegistryListener listener) {
    listeners.remove(listener);
  }

  /**
   * The plugin that provides a type, other than the given plugin.
   *
   * @param type the type
   * @param pluginId the plugin that wants the type
   * @return the other owner, if any
   */
  public Optional<RegisteredConnector> ownedByOther(String type, String pluginId) {
    RegisteredConnector current = byType.get(type);
    return current == null || current.pluginId().equals(pluginId)
        ? Optional.empty() : Optional.of(current);
  }

  /**
   * Makes a plugin version's connectors the active ones for their types; types that the
   * plugin's previous version provided and this one does not are removed.
   *
   * @param pluginId the logical plugin id
   * @param connectors the new version's connectors
   */
  public synchronized void activate(String pluginId, List<RegisteredConnector> connectors) {
    List<String> dropped = new ArrayList<>();
    for (RegisteredConnector c : byType.values()) {
      if (c.pluginId().equals(pluginId)
          && connectors.stream().noneMatch(n -> n.type().equals(c.type()))) {
        dropped.add(c.type());
      }
    }
    for (RegisteredConnector c : connectors) {
      byType.put(c.type(), c);
    }
    for (RegisteredConnector c : connectors) {
      for (RegistryListener l : listeners) {
        safely(() -> l.connectorAdded(c), c.type());
      }
    }
    for (String type : dropped) {
      remove(type);
    }
  }

  /**
   * Removes the connectors of one plugin version (only where that version is still the active
   * one for the type).
   *
   * @param pluginId the logical plugin id
   * @param version the version
   * @return the removed types
   */
  public synchronized List<String> deactivate(String pluginId, String version) {
    List<String> removed = new ArrayList<>();
    for (RegisteredConnector c : List.copyOf(byType.values())) {
      if (c.pluginId().equals(pluginId) && c.pluginVersion().equals(version)) {
        removed.add(c.type());
        remove(c.type());
      }
    }
    return removed;
  }

  private void remove(String type) {
    if (byType.remove(type) != null) {
      for (RegistryListener l : listeners) {
        safely(() -> l.connectorRemoved(type), type);
      }
    }
  }

  private static void safely(Runnable call, String type) {
    try {
      call.run();
    } catch (RuntimeException e) {
      // A listener's bug must not stop plugins from loading or other listeners from hearing.
      log.error("event=registry_listener_failed type={} error=\"{}\"", type, e.toString(), e);
    }
  }
}
