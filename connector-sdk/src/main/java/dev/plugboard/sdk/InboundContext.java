package dev.plugboard.sdk;

import java.util.Map;
import org.apache.camel.RoutesBuilder;
import org.slf4j.Logger;

/**
 * What an inbound connector activation uses to hand events to the engine.
 */
public interface InboundContext {

  /**
   * Starts a process or correlates a message with one event.
   *
   * <p>The runtime evaluates the element's activation condition, correlation key, message id and
   * result expressions (FEEL) against {@code variables}, then starts the process (message start
   * event) or correlates the message (catch event, boundary event, receive task). It never
   * throws for an expected outcome: each is a {@link CorrelationResult}.
   *
   * @param variables the event payload as variables, usually the parsed JSON body
   * @return what happened
   */
  CorrelationResult correlate(Map<String, Object> variables);

  /**
   * The activation's element properties as the modeler wrote them (after secret resolution).
   *
   * @return property values by id
   */
  Map<String, Object> properties();

  /**
   * Adds Camel routes for this activation to the host CamelContext (for subscriptions); the
   * runtime prefixes their ids and removes them on deactivation.
   *
   * @param routes the routes
   * @throws Exception when Camel refuses the routes
   */
  void addRoutes(RoutesBuilder routes) throws Exception;

  /**
   * Reports the activation's health, shown by the runtime's API and health endpoint.
   *
   * @param up whether events can be received
   * @param detail a short reason, never a secret
   */
  void reportHealth(boolean up, String detail);

  /**
   * A logger named after the connector type, with secret values masked.
   *
   * @return the logger
   */
  Logger logger();
}
