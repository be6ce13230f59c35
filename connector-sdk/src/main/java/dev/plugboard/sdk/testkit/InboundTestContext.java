package dev.plugboard.sdk.testkit;

import dev.plugboard.sdk.CorrelationResult;
import dev.plugboard.sdk.InboundContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A recording {@link InboundContext} for unit tests of inbound connectors: it keeps every
 * {@link #correlate} call, answers with what the test says (by default: correlated), records
 * reported health, and runs routes added through {@link #addRoutes} in a Camel context of its own.
 *
 * <pre>{@code
 * try (InboundTestContext context = InboundTestContext.create()) {
 *   connector.activate(properties, context);
 *   publish("{\"orderId\":\"o-1\"}");
 *   await().until(() -> context.calls().size() == 1);
 *   context.answer(v -> new CorrelationResult.NotCorrelated("no instance waits", true));
 *   ...
 *   connector.deactivate();
 * }
 * }</pre>
 *
 * <p>Unlike the runtime it evaluates no FEEL (activation condition, correlation key, message id,
 * result mapping): a test decides the outcome with {@link #answer}. Thread-safe: connectors call
 * it from their consumer threads.
 */
public final class InboundTestContext implements InboundContext, AutoCloseable {

  /** A health report. */
  public record Health(boolean up, String detail) {}

  private final List<Map<String, Object>> calls = new CopyOnWriteArrayList<>();
  private final List<Health> health = new CopyOnWriteArrayList<>();
  private volatile Map<String, Object> properties = Map.of();
  private volatile Function<Map<String, Object>, CorrelationResult> answer =
      variables -> new CorrelationResult.MessageCorrelated("test-instance");
  private CamelContext camel;

  private InboundTestContext() {}

  /**
   * A context that answers every event with {@code MessageCorrelated("test-instance")}.
   *
   * @return a new context
   */
  public static InboundTestContext create() {
    return new InboundTestContext();
  }

  /**
   * Sets how {@link #correlate} answers from now on (a function may also throw, as a failing
   * engine would, or block to hold a message in flight).
   *
   * @param answer the outcome for each event's variables
   * @return this
   */
  public InboundTestContext answer(Function<Map<String, Object>, CorrelationResult> answer) {
    this.answer = answer;
    return this;
  }

  /**
   * Sets the element properties {@link #properties()} returns.
   *
   * @param properties property values by id
   * @return this
   */
  public InboundTestContext properties(Map<String, Object> properties) {
    this.properties = Map.copyOf(properties);
    return this;
  }

  /**
   * Every event handed to {@link #correlate}, in order (including those answered with a failure).
   *
   * @return a live, thread-safe view
   */
  public List<Map<String, Object>> calls() {
    return calls;
  }

  /**
   * Every health report, in order.
   *
   * @return a live, thread-safe view
   */
  public List<Health> healthReports() {
    return health;
  }

  /**
   * The last health report, or {@code null} when none was made.
   *
   * @return the report
   */
  public Health lastHealth() {
    return health.isEmpty() ? null : health.get(health.size() - 1);
  }

  @Override
  public CorrelationResult correlate(Map<String, Object> variables) {
    calls.add(variables);
    return answer.apply(variables);
  }

  @Override
  public Map<String, Object> properties() {
    return properties;
  }

  @Override
  public synchronized void addRoutes(RoutesBuilder routes) throws Exception {
    if (camel == null) {
      camel = new DefaultCamelContext();
      camel.start();
    }
    camel.addRoutes(routes);
  }

  @Override
  public void reportHealth(boolean up, String detail) {
    health.add(new Health(up, detail));
  }

  @Override
  public Logger logger() {
    return LoggerFactory.getLogger("connector.inbound-test");
  }

  /** Stops the Camel context of routes added through {@link #addRoutes}, if any. */
  @Override
  public synchronized void close() {
    if (camel != null) {
      camel.stop();
      camel = null;
    }
  }
}
