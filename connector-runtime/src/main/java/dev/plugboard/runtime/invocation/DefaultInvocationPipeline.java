package dev.plugboard.runtime.invocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.runtime.feel.ErrorDirective;
import dev.plugboard.runtime.feel.FeelEvaluationException;
import dev.plugboard.runtime.feel.FeelEvaluator;
import dev.plugboard.runtime.metrics.ConnectorMetrics;
import dev.plugboard.runtime.registry.ConnectorRegistry;
import dev.plugboard.runtime.registry.RegisteredConnector;
import dev.plugboard.runtime.secrets.SecretMasker;
import dev.plugboard.runtime.secrets.SecretResolver;
import dev.plugboard.sdk.BpmnError;
import dev.plugboard.sdk.ConnectorContext;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.OutboundConnector;
import dev.plugboard.sdk.host.ConnectorKind;
import dev.plugboard.sdk.host.OutputMapper;
import dev.plugboard.sdk.host.SecretPlaceholders;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Producer;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The invocation pipeline of DESIGN.md, the same for every engine and for the invoke API:
 * lookup → FEEL inputs ({@code =...}) → secrets → bind + validate → execute with a timeout →
 * {@code resultVariable}/{@code resultExpression} → {@code errorExpression} → {@link Outcome}.
 *
 * <p>Plugin code (binding, the connector, output conversion) runs with the plugin's class loader
 * as the thread context class loader, on the caller's thread (an engine's task thread, the invoke
 * API's request thread), as Camel and Camunda's connector runtime run theirs: no hand-off to
 * another thread per call. A connector that runs past its {@code @Connector(timeout)} is
 * interrupted and the outcome is {@code TIMEOUT}; one that ignores the interrupt holds its caller
 * until it returns (see docs/invocation.md). The execution stays counted in the plugin's
 * {@code InflightCounter} until the plugin code returns, so a plugin is not unloaded under it.
 *
 * <p>Every message in an outcome is masked: secret values resolved for the invocation, values of
 * {@code @Secret} input fields and every other known secret are replaced with {@code ****}.
 */
@Component
public class DefaultInvocationPipeline implements InvocationPipeline, DisposableBean,
    ConnectorRegistry.RegistryListener {

  private static final Logger LOG = LoggerFactory.getLogger(DefaultInvocationPipeline.class);
  /** Header names in task headers and as Camel message headers ({@code plugboard.header.*}). */
  static final String HEADER_PREFIX = "plugboard.header.";

  private final ConnectorRegistry registry;
  private final ProducerTemplate producer;
  private final FeelEvaluator feel;
  private final SecretResolver secrets;
  private final ConnectorMetrics metrics;
  private final InvocationProperties properties;
  private final ObjectMapper hostMapper = dev.plugboard.sdk.host.InputBinder.newMapper();
  private final Map<String, PreparedConnector> prepared = new ConcurrentHashMap<>();
  private final ScheduledThreadPoolExecutor timeouts;

  /**
   * The pipeline.
   *
   * @param registry the connectors of the loaded plugins
   * @param producer the host CamelContext's producer template (route connectors)
   * @param feel the FEEL evaluator
   * @param secrets the secret providers
   * @param metrics the metrics
   * @param properties settings
   */
  public DefaultInvocationPipeline(ConnectorRegistry registry, ProducerTemplate producer,
      FeelEvaluator feel, SecretResolver secrets, ConnectorMetrics metrics,
      InvocationProperties properties) {
    this.registry = registry;
    this.producer = producer;
    this.feel = feel;
    this.secrets = secrets;
    this.metrics = metrics;
    this.properties = properties;
    // One thread interrupts connectors that run past their timeout; a cancelled timer leaves the
    // queue at once, so long timeouts (PT5M) do not pile up under load.
    this.timeouts = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "plugboard-connector-timeouts");
      t.setDaemon(true);
      t.setContextClassLoader(DefaultInvocationPipeline.class.getClassLoader());
      return t;
    });
    timeouts.setRemoveOnCancelPolicy(true);
    // Started now, from the runtime's own code: a thread started later would capture whatever
    // called the pipeline first (a plugin's code on the stack pins its class loader).
    timeouts.prestartAllCoreThreads();
    registry.addListener(this);
  }

  @Override
  public Outcome invoke(InvocationRequest request) {
    long start = System.nanoTime();
    Invocation inv = new Invocation(request);
    Outcome outcome;
    try {
      outcome = run(inv);
    } catch (RuntimeException | Error e) {
      // A bug of the pipeline itself must still give the engine an answer.
      LOG.error("invocation pipeline failed type={} jobKey={}", request.connectorType(), request.jobKey(), e);
      outcome = new Outcome.Failed("CONNECTOR_FAILED", inv.mask("Invoking connector '"
          + request.connectorType() + "' failed inside the runtime: " + e.getClass().getName()
          + ": " + ConnectorFailure.firstLine(e.getMessage()) + ". This is retried; see the runtime log."),
          Math.max(0, inv.retries - 1), inv.backoff, Map.of());
    }
    Duration latency = Duration.ofNanos(System.nanoTime() - start);
    record(inv, outcome, latency);
    return outcome;
  }

  private Outcome run(Invocation inv) {
    RegisteredConnector connector = enter(inv.type);
    if (connector == null) {
      inv.retries = inv.retriesFromRequest(properties.defaultRetries());
      return new Outcome.Failed("CONNECTOR_NOT_FOUND", "No loaded plugin provides connector type '"
          + inv.type + "'. Load the plugin that provides it (drop its jar into the plugins folder,"
          + " or POST it to /api/plugins), or fix the task's type; the job keeps its retries and is"
          + " tried again every " + properties.notFoundBackoff() + ".",
          inv.retries, properties.notFoundBackoff(), Map.of());
    }
    inv.connector = connector;
    inv.metricType = connector.type();
    boolean handedOver = false;
    try {
      inv.retries = inv.retriesFromRequest(connector.definition().annotation().retries());
      inv.backoff = inv.backoffFromHeaders(connector.definition().annotation().retryBackoff());
      if (connector.definition().kind().inbound()) {
        return new Outcome.Failed("NOT_OUTBOUND", "Connector '" + inv.type + "' is an inbound"
            + " connector (" + connector.definition().kind() + "); a task can only run outbound"
            + " connectors. Use its template on a start or intermediate catch event instead.",
            0, inv.backoff, Map.of());
      }
      Map<String, Object> resolved;
      Object input;
      PreparedConnector prep;
      try {
        Map<String, Object> evaluated = evaluateInputs(inv);
        SecretPlaceholders placeholders = new SecretPlaceholders(secrets::find);
        resolved = placeholders.resolve(evaluated);
        inv.secretValues.addAll(placeholders.usedValues());
        SecretMasker.register(placeholders.usedValues());
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(connector.classLoader());
        try {
          prep = prepare(connector);
          input = prep.binder().bind(resolved);
          List<String> clear = prep.secretValues(input);
          inv.secretValues.addAll(clear);
          SecretMasker.register(clear);
        } finally {
          Thread.currentThread().setContextClassLoader(previous);
        }
      } catch (BpmnError e) {
        return bpmnOutcome(inv, e);
      } catch (ConnectorException e) {
        // INVALID_INPUT, SECRET_NOT_FOUND: the task's configuration is wrong; retrying cannot help.
        return failure(inv, new ConnectorFailure(e.code(), e.getMessage(), false, null), null);
      }
      Object result = null;
      Throwable thrown = null;
      ConnectorTimeout timeout;
      try {
        timeout = ConnectorTimeout.arm(timeouts, prep.timeout());
      } catch (RejectedExecutionException e) {
        return failure(inv, new ConnectorFailure("CONNECTOR_FAILED", "The runtime is shutting down;"
            + " connector '" + inv.type + "' was not run and is retried later.", true, null), null);
      }
      // From here the execution leaves the in-flight count itself, when the plugin code returns.
      handedOver = true;
      boolean timedOut;
      try {
        result = execute(inv, prep, input, resolved);
      } catch (Exception | Error e) {
        thrown = e;
      } finally {
        timedOut = timeout.disarm();
      }
      if (timedOut) {
        return failure(inv, new ConnectorFailure("TIMEOUT", "Connector '" + inv.type
            + "' did not finish within its timeout of " + prep.timeout() + " and was interrupted."
            + " Check that the remote system answers, or raise @Connector(timeout).", true, null), null);
      }
      if (Thread.currentThread().isInterrupted()) {
        // Not our timeout: whoever runs the caller stops it (the runtime shutting down).
        return new Outcome.Failed("INTERRUPTED", "The runtime stopped connector '" + inv.type
            + "' (shutting down); the job is tried again.", inv.retries, inv.backoff, Map.of());
      }
      if (thrown != null) {
        BpmnError bpmn = ConnectorFailure.bpmnError(thrown);
        if (bpmn != null) {
          return bpmnOutcome(inv, bpmn);
        }
        if (!(ConnectorFailure.unwrap(thrown) instanceof ConnectorException)) {
          // Unexpected: the stack trace helps the connector's author; masked by the log layout.
          LOG.warn("connector threw type={} jobKey={} error={}", inv.type, inv.jobKey,
              thrown.getClass().getName(), thrown);
        }
        return failure(inv, ConnectorFailure.of(inv.type, thrown), null);
      }
      return success(inv, result);
    } finally {
      if (!handedOver) {
        connector.inflight().exit();
      }
    }
  }

  /** Finds the connector and enters its in-flight count; a closed one means a replacement. */
  private RegisteredConnector enter(String type) {
    for (int attempt = 0; attempt < 5; attempt++) {
      Optional<RegisteredConnector> found = registry.find(type);
      if (found.isEmpty()) {
        return null;
      }
      if (found.get().inflight().enter()) {
        return found.get();
      }
      Thread.onSpinWait();
    }
    return null;
  }

  /** Runs on the caller's thread: the connector, then its output as plain JSON-like Java values. */
  private Object execute(Invocation inv, PreparedConnector prep, Object input,
      Map<String, Object> resolved) throws Exception {
    RegisteredConnector connector = prep.owner();
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(connector.classLoader());
    // Runs on the caller's thread: put back what the caller had in the MDC.
    String previousType = MDC.get("connectorType");
    String previousJob = MDC.get("jobKey");
    String previousPlugin = MDC.get("pluginId");
    MDC.put("connectorType", inv.type);
    MDC.put("jobKey", inv.jobKey);
    MDC.put("pluginId", connector.pluginId());
    try {
      Object raw;
      ConnectorKind kind = connector.definition().kind();
      if (kind == ConnectorKind.OUTBOUND_FUNCTION) {
        raw = callFunction(inv, prep, input, resolved);
      } else {
        Object body = kind == ConnectorKind.OUTBOUND_YAML_ROUTE
            ? prep.binder().mapper().convertValue(input, Map.class) : input;
        Map<String, Object> messageHeaders = new HashMap<>();
        inv.headers.forEach((k, v) -> messageHeaders.put(HEADER_PREFIX + k, v));
        Producer entry = prep.producer(producer.getCamelContext());
        Exchange exchange = entry.getEndpoint().createExchange(ExchangePattern.InOut);
        exchange.getIn().setBody(body);
        exchange.getIn().setHeaders(messageHeaders);
        entry.process(exchange);
        if (exchange.getException() != null) {
          throw exchange.getException();
        }
        raw = exchange.getMessage().getBody();
      }
      Object typed = OutputMapper.toOutput(inv.type, raw, connector.definition().outputType(),
          prep.binder().mapper());
      return plain(inv.type, typed, prep.binder().mapper());
    } finally {
      restoreMdc("connectorType", previousType);
      restoreMdc("jobKey", previousJob);
      restoreMdc("pluginId", previousPlugin);
      thread.setContextClassLoader(previous);
      connector.inflight().exit();
    }
  }

  private static void restoreMdc(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Object callFunction(Invocation inv, PreparedConnector prep, Object input,
      Map<String, Object> resolved) throws Exception {
    Instant deadline = Instant.now().plus(prep.timeout());
    Map<String, String> headers = Map.copyOf(inv.headers);
    Map<String, Object> variables = java.util.Collections.unmodifiableMap(resolved);
    ConnectorContext context = new ConnectorContext() {
      @Override public String connectorType() { return inv.type; }
      @Override public Map<String, String> headers() { return headers; }
      @Override public Map<String, Object> variables() { return variables; }
      @Override public Logger logger() { return prep.logger(); }
      @Override public String jobKey() { return inv.jobKey; }
      @Override public Instant deadline() { return deadline; }
    };
    return ((OutboundConnector) prep.owner().instance()).execute(input, context);
  }

  /**
   * Serializes an output to plain maps, lists, strings, numbers and booleans: engines store it,
   * and no object of a plugin class may outlive the plugin.
   */
  private static Object plain(String type, Object typed, ObjectMapper mapper) {
    if (typed == null) {
      return null;
    }
    try {
      JsonNode tree = mapper.valueToTree(typed);
      return mapper.treeToValue(tree, Object.class);
    } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ConnectorException("INVALID_OUTPUT", "Connector '" + type + "' returned output of"
          + " type " + typed.getClass().getName() + " that cannot be serialized to JSON ("
          + ConnectorFailure.firstLine(e.getMessage()) + "). The connector must return records,"
          + " maps, lists, strings, numbers or booleans; fix the connector.", e);
    }
  }

  private Map<String, Object> evaluateInputs(Invocation inv) {
    if (!inv.evaluateFeelInputs) {
      return inv.variables;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : inv.variables.entrySet()) {
      out.put(e.getKey(), evaluateValue(inv, e.getKey(), e.getValue()));
    }
    return out;
  }

  private Object evaluateValue(Invocation inv, String path, Object value) {
    if (FeelEvaluator.isExpression(value)) {
      try {
        return feel.evaluate((String) value, inv.variables);
      } catch (FeelEvaluationException e) {
        throw new ConnectorException("INVALID_INPUT", "Input '" + path + "' of connector '"
            + inv.type + "' is a FEEL expression that failed: " + e.getMessage()
            + ". Fix the expression in the task's input mapping.");
      }
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, v) -> copy.put(String.valueOf(k), evaluateValue(inv, path + "." + k, v)));
      return copy;
    }
    if (value instanceof List<?> l) {
      List<Object> copy = new java.util.ArrayList<>(l.size());
      for (int i = 0; i < l.size(); i++) {
        copy.add(evaluateValue(inv, path + "[" + i + "]", l.get(i)));
      }
      return copy;
    }
    return value;
  }

  private PreparedConnector prepare(RegisteredConnector connector) {
    PreparedConnector cached = prepared.get(connector.type());
    if (cached != null && cached.owner() == connector) {
      return cached;
    }
    PreparedConnector fresh = PreparedConnector.of(connector);
    Optional<RegisteredConnector> current = registry.find(connector.type());
    if (current.isPresent() && current.get() == connector) {
      prepared.put(connector.type(), fresh);
      // The listener may have dropped the type between the lookup and the put: undo then.
      Optional<RegisteredConnector> again = registry.find(connector.type());
      if (again.isEmpty() || again.get() != connector) {
        prepared.remove(connector.type(), fresh);
      }
    }
    // Else an old version that still drains: serve it without caching, so it can go.
    return fresh;
  }

  private Outcome success(Invocation inv, Object result) {
    Map<String, Object> variables = new LinkedHashMap<>();
    String resultVariable = inv.headers.get("resultVariable");
    if (resultVariable != null && !resultVariable.isBlank()) {
      variables.put(resultVariable.strip(), result);
    }
    String resultExpression = inv.headers.get("resultExpression");
    if (resultExpression != null && !resultExpression.isBlank()) {
      Map<String, Object> context = new HashMap<>(inv.variables);
      context.put("response", result);
      Object mapped;
      try {
        mapped = feel.evaluate(resultExpression.strip(), context);
      } catch (FeelEvaluationException e) {
        return new Outcome.Failed("RESULT_EXPRESSION_FAILED", inv.mask("The resultExpression of"
            + " the task running connector '" + inv.type + "' failed: " + e.getMessage()
            + ". Fix the expression (it sees the result as 'response')."), 0, inv.backoff, Map.of());
      }
      if (mapped instanceof Map<?, ?> m) {
        m.forEach((k, v) -> variables.put(String.valueOf(k), v));
      } else if (mapped != null) {
        return new Outcome.Failed("RESULT_EXPRESSION_FAILED", inv.mask("The resultExpression of"
            + " the task running connector '" + inv.type + "' must return a context such as"
            + " {id: response.id}, but returned a " + mapped.getClass().getSimpleName()
            + ". Fix the expression."), 0, inv.backoff, Map.of());
      }
    }
    Outcome mapped = applyErrorExpression(inv, null, result);
    return mapped != null ? mapped : new Outcome.Completed(variables, result);
  }

  private Outcome failure(Invocation inv, ConnectorFailure failure, Object response) {
    Outcome mapped = applyErrorExpression(inv, failure, response);
    if (mapped != null) {
      return mapped;
    }
    int retries = failure.retryable() ? Math.max(0, inv.retries - 1) : 0;
    Duration backoff = failure.backoff() != null ? failure.backoff() : inv.backoff;
    return new Outcome.Failed(failure.code(), inv.mask(failure.message()), retries, backoff, Map.of());
  }

  /**
   * Evaluates the task's {@code errorExpression}, on failure and on success as Camunda's
   * connectors do.
   *
   * @return the outcome it asks for, or {@code null} to keep the outcome as it is
   */
  private Outcome applyErrorExpression(Invocation inv, ConnectorFailure failure, Object response) {
    String expression = inv.headers.get("errorExpression");
    if (expression == null || expression.isBlank()) {
      return null;
    }
    Map<String, Object> context = new HashMap<>(inv.variables);
    Map<String, Object> error = null;
    if (failure != null) {
      error = new LinkedHashMap<>();
      error.put("code", failure.code());
      error.put("message", inv.mask(failure.message()));
    }
    // Both always defined (one of them null), so "error != null" and "response != null" work.
    context.put("error", error);
    context.put("response", response);
    ErrorDirective directive;
    try {
      directive = ErrorDirective.from(feel.evaluate(expression.strip(), context));
    } catch (FeelEvaluationException e) {
      return new Outcome.Failed("ERROR_EXPRESSION_FAILED", inv.mask("The errorExpression of the"
          + " task running connector '" + inv.type + "' failed: " + e.getMessage()
          + (failure == null ? "" : " (while handling " + failure.code() + ")")
          + ". Fix the expression; it sees 'error' (code, message) and 'response'."),
          0, inv.backoff, Map.of());
    }
    if (directive instanceof ErrorDirective.ThrowBpmnError b) {
      return new Outcome.BpmnErrorThrown(b.code(), inv.mask(b.message()), b.variables());
    }
    if (directive instanceof ErrorDirective.FailJob j) {
      int retries = j.retries() != null ? j.retries() : Math.max(0, inv.retries - 1);
      Duration backoff = j.retryBackoff() != null ? j.retryBackoff() : inv.backoff;
      String code = failure != null ? failure.code() : "JOB_ERROR";
      return new Outcome.Failed(code, inv.mask(j.message()), retries, backoff, j.variables());
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private Outcome bpmnOutcome(Invocation inv, BpmnError e) {
    Map<String, Object> variables;
    try {
      Object plain = plain(inv.type, e.variables(), hostMapper);
      variables = plain instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    } catch (ConnectorException invalid) {
      return failure(inv, new ConnectorFailure("INVALID_OUTPUT", "Connector '" + inv.type
          + "' threw BPMN error " + e.code() + " with variables that cannot be serialized to JSON;"
          + " fix the connector.", false, null), null);
    }
    return new Outcome.BpmnErrorThrown(e.code(), inv.mask(e.getMessage()), variables);
  }

  private void record(Invocation inv, Outcome outcome, Duration latency) {
    String type = inv.metricType;
    if (outcome instanceof Outcome.Completed) {
      metrics.record(type, "completed", null, latency);
      LOG.debug("invocation completed type={} jobKey={} ms={}", inv.type, inv.jobKey, latency.toMillis());
    } else if (outcome instanceof Outcome.BpmnErrorThrown b) {
      metrics.record(type, "bpmn_error", b.code(), latency);
      LOG.info("invocation threw BPMN error type={} jobKey={} code={} ms={}", inv.type, inv.jobKey,
          b.code(), latency.toMillis());
    } else if (outcome instanceof Outcome.Failed f) {
      metrics.record(type, "failed", f.code(), latency);
      LOG.warn("invocation failed type={} jobKey={} code={} retriesLeft={} backoff={} ms={} message={}",
          inv.type, inv.jobKey, f.code(), f.retries(), f.backoff(), latency.toMillis(), f.message());
    }
  }

  @Override
  public void connectorAdded(RegisteredConnector connector) {
    prepared.computeIfPresent(connector.type(), (k, v) -> v.owner() == connector ? v : null);
  }

  @Override
  public void connectorRemoved(String type) {
    prepared.remove(type);
  }

  /**
   * How many connectors have a cached binder (for tests of the unload path).
   *
   * @return the number of cached connectors
   */
  int preparedCount() {
    return prepared.size();
  }

  @Override
  public void destroy() {
    timeouts.shutdownNow();
  }

  /** The mutable state of one invocation. */
  private final class Invocation {
    final String type;
    final String jobKey;
    final Map<String, Object> variables;
    final Map<String, String> headers;
    final Integer requestRetries;
    final boolean evaluateFeelInputs;
    final Set<String> secretValues = new LinkedHashSet<>();
    RegisteredConnector connector;
    String metricType = ConnectorMetrics.UNKNOWN_TYPE;
    int retries;
    Duration backoff;

    Invocation(InvocationRequest request) {
      this.type = request.connectorType() == null ? "" : request.connectorType();
      this.jobKey = request.jobKey() == null ? "" : request.jobKey();
      this.variables = request.variables() == null ? Map.of() : request.variables();
      this.headers = request.headers() == null ? Map.of() : request.headers();
      this.requestRetries = request.retries();
      this.evaluateFeelInputs = request.evaluateFeelInputs();
      this.retries = requestRetries == null ? properties.defaultRetries() : requestRetries;
      this.backoff = properties.notFoundBackoff();
    }

    int retriesFromRequest(int connectorDefault) {
      if (requestRetries != null) {
        return requestRetries;
      }
      String header = headers.get("retries");
      if (header != null && !header.isBlank()) {
        try {
          return Math.max(0, Integer.parseInt(header.strip()));
        } catch (NumberFormatException e) {
          LOG.warn("retries header is not a number, using the default type={} retries={}", type, header);
        }
      }
      return connectorDefault;
    }

    Duration backoffFromHeaders(String connectorDefault) {
      String header = headers.get("retryBackoff");
      if (header != null && !header.isBlank()) {
        try {
          return Duration.parse(header.strip());
        } catch (DateTimeParseException e) {
          LOG.warn("retryBackoff header is not an ISO-8601 duration, using the connector's type={} retryBackoff={}",
              type, header);
        }
      }
      try {
        return Duration.parse(connectorDefault);
      } catch (DateTimeParseException e) {
        return Duration.ofSeconds(10);
      }
    }

    String mask(String message) {
      return SecretMasker.mask(message, secretValues);
    }
  }

}
