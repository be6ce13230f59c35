package dev.plugboard.runtime.inbound;

import dev.plugboard.runtime.feel.FeelEvaluationException;
import dev.plugboard.runtime.feel.FeelEvaluator;
import dev.plugboard.sdk.CorrelationResult;
import dev.plugboard.sdk.InboundContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@link InboundContext} of one activation: evaluates the element's FEEL expressions
 * (activation condition, correlation key, message id, result variable / expression), records the
 * message id and correlates, both in one database transaction; or, when the engine deduplicates
 * message ids itself (Camunda 8), hands the message id to the engine.
 */
final class DefaultInboundContext implements InboundContext {

  /**
   * The last call of {@link #correlate} on this thread: for the webhook endpoint's metrics and
   * its response expression.
   */
  static final ThreadLocal<Correlation> LAST = new ThreadLocal<>();

  /**
   * One call of {@link #correlate}.
   *
   * @param variables the event the connector handed over
   * @param result what happened
   */
  record Correlation(Map<String, Object> variables, CorrelationResult result) {}

  private static final Logger LOG = LoggerFactory.getLogger(DefaultInboundContext.class);

  private final InboundElement element;
  private final Map<String, Object> properties;
  private final FeelEvaluator feel;
  private final DeduplicationStore dedup;
  private final MessageCorrelator correlator;
  private final TransactionTemplate tx;
  private final CamelContext camel;
  private final Logger connectorLog;
  private final CorrelationPause pause;
  private final List<String> routeIds = new ArrayList<>();
  private volatile boolean up = true;
  private volatile String healthDetail = "active";

  DefaultInboundContext(InboundElement element, Map<String, Object> properties,
      FeelEvaluator feel, DeduplicationStore dedup, MessageCorrelator correlator,
      TransactionTemplate tx, CamelContext camel, CorrelationPause pause) {
    this.pause = pause;
    this.element = element;
    this.properties = properties;
    this.feel = feel;
    this.dedup = dedup;
    this.correlator = correlator;
    this.tx = tx;
    this.camel = camel;
    this.connectorLog = LoggerFactory.getLogger("plugboard.inbound." + element.connectorType());
  }

  @Override
  public CorrelationResult correlate(Map<String, Object> variables) {
    CorrelationResult result;
    try {
      result = doCorrelate(variables);
    } catch (RuntimeException e) {
      LOG.warn("correlation failed element={} error={}", element.activationKey(), e.toString());
      result = new CorrelationResult.NotCorrelated("The engine did not take the event: "
          + e.getMessage(), true);
    }
    LAST.set(new Correlation(variables, result));
    return result;
  }

  private CorrelationResult doCorrelate(Map<String, Object> variables) {
    Map<String, String> p = element.properties();
    String condition = blankToNull(p.get("inbound.activationCondition"));
    if (condition != null) {
      Object ok;
      try {
        ok = feel.evaluate(condition, variables);
      } catch (FeelEvaluationException e) {
        return new CorrelationResult.InvalidInput("Activation condition '" + condition
            + "' cannot be evaluated on the event: " + e.getMessage());
      }
      if (!Boolean.TRUE.equals(ok)) {
        return new CorrelationResult.ActivationConditionNotMet();
      }
    }
    String key = null;
    if (!element.kind().starts()) {
      String keyExpr = blankToNull(p.get("inbound.correlationKeyExpression"));
      if (keyExpr == null) {
        return new CorrelationResult.InvalidInput("Element '" + element.elementId()
            + "' of process '" + element.processDefinitionKey() + "' has no correlation key"
            + " expression (inbound.correlationKeyExpression); set it in the modeler");
      }
      Object k;
      try {
        k = feel.evaluate(keyExpr, variables);
      } catch (FeelEvaluationException e) {
        return new CorrelationResult.InvalidInput("Correlation key expression '" + keyExpr
            + "' cannot be evaluated on the event: " + e.getMessage());
      }
      if (k == null || k.toString().isBlank()) {
        return new CorrelationResult.InvalidInput("Correlation key expression '" + keyExpr
            + "' gave no value for the event; the payload lacks the key");
      }
      key = k.toString();
    }
    String messageId = null;
    String idExpr = blankToNull(p.get("inbound.messageIdExpression"));
    if (idExpr != null) {
      Object id;
      try {
        id = feel.evaluate(idExpr, variables);
      } catch (FeelEvaluationException e) {
        return new CorrelationResult.InvalidInput("Message id expression '" + idExpr
            + "' cannot be evaluated on the event: " + e.getMessage());
      }
      if (id == null || id.toString().isBlank()) {
        return new CorrelationResult.InvalidInput("Message id expression '" + idExpr
            + "' gave no value for the event");
      }
      messageId = id.toString();
      if (messageId.length() > DeduplicationStore.MAX_ID_LENGTH) {
        return new CorrelationResult.InvalidInput("Message id is longer than "
            + DeduplicationStore.MAX_ID_LENGTH + " characters");
      }
      // No look-up first: the insert in the transaction below detects a replay just as well,
      // and a look-up would cost every new message a query (measured by WebhookBenchmark).
    }
    Map<String, Object> out;
    try {
      out = output(variables);
    } catch (FeelEvaluationException | IllegalArgumentException e) {
      return new CorrelationResult.InvalidInput(e.getMessage());
    }
    if (pause != null) {
      pause.at(CorrelationPause.Point.BEFORE_CORRELATE, element);
    }
    CorrelationResult done = correlator.deduplicatesMessageIds()
        // No database: the engine rejects a repeated message id (and there is no transaction).
        ? correlator.correlate(element, key, messageId, out)
        : inTransaction(key, messageId, out);
    if (pause != null && done != null && done.accepted()) {
      pause.at(CorrelationPause.Point.AFTER_COMMIT, element);
    }
    return done;
  }

  private CorrelationResult inTransaction(String key, String messageId, Map<String, Object> out) {
    return tx.execute(status -> {
      if (messageId != null && !dedup.record(element.activationKey(), messageId)) {
        status.setRollbackOnly();
        return new CorrelationResult.AlreadyCorrelated(messageId);
      }
      CorrelationResult r = correlator.correlate(element, key, messageId, out);
      if (!r.accepted()) {
        status.setRollbackOnly();
      }
      return r;
    });
  }

  private Map<String, Object> output(Map<String, Object> variables) {
    Map<String, String> p = element.properties();
    Map<String, Object> out = new LinkedHashMap<>();
    String resultVariable = blankToNull(p.get("inbound.resultVariable"));
    if (resultVariable != null) {
      out.put(resultVariable.trim(), variables);
    }
    String resultExpression = blankToNull(p.get("inbound.resultExpression"));
    if (resultExpression != null) {
      Object mapped;
      try {
        mapped = feel.evaluate(resultExpression, variables);
      } catch (FeelEvaluationException e) {
        throw new FeelEvaluationException("Result expression '" + resultExpression
            + "' cannot be evaluated on the event: " + e.getMessage());
      }
      if (mapped instanceof Map<?, ?> m) {
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
      } else if (mapped != null) {
        throw new IllegalArgumentException("Result expression '" + resultExpression
            + "' must give a context ({name: value}), not " + mapped.getClass().getSimpleName());
      }
    }
    return out;
  }

  @Override
  public Map<String, Object> properties() {
    return properties;
  }

  @Override
  public synchronized void addRoutes(RoutesBuilder routes) throws Exception {
    Set<String> before = camel.getRoutes().stream().map(Route::getRouteId)
        .collect(Collectors.toSet());
    camel.addRoutes(routes);
    camel.getRoutes().stream().map(Route::getRouteId).filter(id -> !before.contains(id))
        .forEach(routeIds::add);
  }

  synchronized void removeRoutes() {
    for (String id : routeIds) {
      try {
        camel.getRouteController().stopRoute(id, 10, java.util.concurrent.TimeUnit.SECONDS);
        camel.removeRoute(id);
      } catch (Exception e) {
        LOG.warn("cannot remove inbound route routeId={} error={}", id, e.toString());
      }
    }
    routeIds.clear();
  }

  @Override
  public void reportHealth(boolean up, String detail) {
    this.up = up;
    this.healthDetail = detail;
  }

  boolean up() {
    return up;
  }

  String healthDetail() {
    return healthDetail;
  }

  @Override
  public Logger logger() {
    return connectorLog;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
