package dev.plugboard.runtime.inbound;

import dev.plugboard.runtime.registry.RegisteredConnector;
import dev.plugboard.sdk.InboundConnector;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

/**
 * One active inbound connector instance for one process element.
 */
final class Activation {

  final InboundElement element;
  final RegisteredConnector connector;
  final InboundConnector<Object> instance;
  final Object properties;
  final DefaultInboundContext context;
  /** The webhook path, {@code null} for other kinds. */
  final String path;
  volatile ScheduledFuture<?> polling;
  final Instant since = Instant.now();
  /** The last failure of the element's response expression, shown by the API; or null. */
  volatile String responseExpressionError;

  Activation(InboundElement element, RegisteredConnector connector,
      InboundConnector<Object> instance, Object properties, DefaultInboundContext context,
      String path) {
    this.element = element;
    this.connector = connector;
    this.instance = instance;
    this.properties = properties;
    this.context = context;
    this.path = path;
  }

  void responseExpressionFailed(String reason) {
    responseExpressionError = Instant.now() + " " + reason;
  }

  /**
   * Whether this activation runs the given element version with the given plugin version.
   */
  boolean matches(InboundElement e, RegisteredConnector c) {
    return element.processDefinitionId().equals(e.processDefinitionId())
        && element.properties().equals(e.properties())
        && connector.classLoader() == c.classLoader()
        && connector.pluginVersion().equals(c.pluginVersion());
  }
}
