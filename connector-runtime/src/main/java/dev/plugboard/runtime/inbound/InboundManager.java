package dev.plugboard.runtime.inbound;

import dev.plugboard.runtime.feel.FeelEvaluator;
import dev.plugboard.runtime.registry.ConnectorRegistry;
import dev.plugboard.runtime.registry.RegisteredConnector;
import dev.plugboard.runtime.secrets.SecretResolver;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.InboundConnector;
import dev.plugboard.sdk.PollingConnector;
import dev.plugboard.sdk.WebhookConnector;
import dev.plugboard.sdk.host.InputBinder;
import dev.plugboard.sdk.host.SecretPlaceholders;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Validator;
import dev.plugboard.runtime.secrets.SecretMasker;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps one activation of an inbound connector for every element of a deployed process that
 * carries an inbound template: the latest version of every process, plus older versions that
 * still have running instances (their waiting instances stay reachable). It compares the deployed
 * definitions with the active activations at start, every {@code plugboard.inbound.scan-interval},
 * and whenever a connector type comes, is replaced or goes.
 */
public final class InboundManager implements SmartLifecycle, ConnectorRegistry.RegistryListener {

  private static final Logger LOG = LoggerFactory.getLogger(InboundManager.class);
  private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_-]{1,200}");

  private final DeployedInboundElements deployed;
  private final ConnectorRegistry registry;
  private final FeelEvaluator feel;
  private final SecretResolver secrets;
  private final CamelContext camel;
  private final Validator validator;
  private final DeduplicationStore dedup;
  private final MessageCorrelator correlator;
  private final TransactionTemplate tx;
  private final InboundProperties props;

  private final Map<String, Activation> active = new ConcurrentHashMap<>();
  private final Map<String, Activation> webhooks = new ConcurrentHashMap<>();
  private final Map<String, Failure> failed = new ConcurrentHashMap<>();
  private ScheduledExecutorService scheduler;
  private volatile CorrelationPause pause;
  private volatile boolean running;

  /**
   * Creates the manager.
   *
   * @param deployed the engine's deployed elements
   * @param registry the connector registry
   * @param feel the FEEL evaluator
   * @param secrets secret lookup for element properties
   * @param camel the host CamelContext (routes of subscriptions)
   * @param validator validates bound properties, may be {@code null}
   * @param dedup the message id store; {@code null} when the correlator deduplicates message ids
   *     itself ({@link MessageCorrelator#deduplicatesMessageIds()})
   * @param correlator the engine correlation
   * @param tx transactions spanning deduplication and correlation; {@code null} with {@code dedup}
   * @param props the settings
   * @param meters metrics registry
   */
  public InboundManager(DeployedInboundElements deployed, ConnectorRegistry registry, FeelEvaluator feel,
      SecretResolver secrets, CamelContext camel, Validator validator, DeduplicationStore dedup,
      MessageCorrelator correlator, TransactionTemplate tx, InboundProperties props,
      MeterRegistry meters) {
    this.deployed = deployed;
    this.registry = registry;
    this.feel = feel;
    this.secrets = secrets;
    this.camel = camel;
    this.validator = validator;
    this.dedup = dedup;
    this.correlator = correlator;
    this.tx = tx;
    this.props = props;
    Gauge.builder("plugboard.inbound.activations", active, Map::size)
        .description("Active inbound connector activations").register(meters);
  }

  /**
   * The webhook activation serving a path.
   *
   * @param path the path after {@code /inbound/}
   * @return the activation, empty when none
   */
  Optional<Activation> webhook(String path) {
    return Optional.ofNullable(webhooks.get(path));
  }

  /**
   * One activation as the API and the health endpoint show it.
   *
   * @param element the activation key, {@code processId/elementId}
   * @param processDefinitionId the served definition version
   * @param version its version
   * @param kind the element kind
   * @param messageName the BPMN message
   * @param type the connector type
   * @param plugin the plugin id and version, {@code id@version}
   * @param path the webhook path ({@code /inbound/...}), or {@code null}
   * @param up the health the connector reported
   * @param detail the connector's health detail
   * @param since when it was activated
   * @param responseExpressionError the last failure of the response expression, or {@code null}
   */
  public record ActivationView(String element, String processDefinitionId, int version,
      String kind, String messageName, String type, String plugin, String path, boolean up,
      String detail, Instant since, String responseExpressionError) {}

  /**
   * An element that should be served but is not.
   *
   * @param element the activation key, {@code processId/elementId}
   * @param processDefinitionId the definition version
   * @param type the connector type the element asks for
   * @param reason why it is not active, and what to do
   * @param since when this failure was first seen
   */
  public record FailedActivation(String element, String processDefinitionId, String type,
      String reason, Instant since) {}

  /** A failure with the signature (definition + plugin version) it is retried after. */
  private record Failure(String signature, FailedActivation view) {}

  /**
   * The active activations, ordered by element.
   *
   * @return one view per activation
   */
  public List<ActivationView> activations() {
    return active.values().stream().sorted(Comparator.comparing(a -> a.element.activationKey()))
        .map(a -> new ActivationView(a.element.activationKey(), a.element.processDefinitionId(),
            a.element.version(), a.element.kind().name(), a.element.messageName(),
            a.connector.type(), a.connector.pluginId() + "@" + a.connector.pluginVersion(),
            a.path == null ? null : "/inbound/" + a.path, a.context.up(),
            a.context.healthDetail(), a.since, a.responseExpressionError))
        .toList();
  }

  /**
   * The elements that should be served but are not, with the reason.
   *
   * @return one entry per failed element, ordered by element
   */
  public List<FailedActivation> failedActivations() {
    return failed.values().stream().map(Failure::view)
        .sorted(Comparator.comparing(FailedActivation::element)).toList();
  }

  /** Test hook: hold correlations (see {@link CorrelationPause}); call before start. */
  void pauseCorrelations(CorrelationPause pause) {
    this.pause = pause;
  }

  private volatile String lastScanError;

  @Override
  public void start() {
    running = true;
    scheduler = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "plugboard-inbound");
      t.setDaemon(true);
      return t;
    });
    registry.addListener(this);
    // Never fails the start: a cluster or database that is not reachable yet is reported (log,
    // health) and the next scan tries again; everything else in the runtime keeps serving.
    safeReconcile();
    long scan = Math.max(100, props.scanInterval().toMillis());
    scheduler.scheduleWithFixedDelay(this::safeReconcile, scan, scan, TimeUnit.MILLISECONDS);
    if (dedup != null) {
      scheduler.scheduleWithFixedDelay(this::purge, 1, 60, TimeUnit.MINUTES);
    }
  }

  @Override
  public void stop() {
    running = false;
    synchronized (this) {
      for (String key : new ArrayList<>(active.keySet())) {
        deactivate(key, "runtime stopping");
      }
    }
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    // After the plugin host and Camel (they start earlier), before the web server takes requests.
    return Integer.MAX_VALUE - 2000;
  }

  @Override
  public void connectorAdded(RegisteredConnector connector) {
    if (connector.definition().kind().inbound() && running) {
      scheduler.execute(this::safeReconcile);
    }
  }

  @Override
  public void connectorRemoved(String type) {
    if (running) {
      scheduler.execute(this::safeReconcile);
    }
  }

  private void purge() {
    try {
      dedup.purgeExpired();
    } catch (RuntimeException e) {
      LOG.warn("purging expired message ids failed error={}", e.toString());
    }
  }

  private void safeReconcile() {
    try {
      reconcile();
      String previous = lastScanError;
      lastScanError = null;
      if (previous != null) {
        LOG.info("inbound scan works again (it failed with: {})", previous);
      }
    } catch (RuntimeException e) {
      String error = e.toString();
      if (!error.equals(lastScanError)) {
        // once per distinct error, not every scan interval while a cluster is down
        LOG.warn("inbound scan of the deployed definitions failed; activations are kept and the"
            + " scan is retried every {} error={}", props.scanInterval(), error);
        LOG.debug("inbound scan failure", e);
      }
      lastScanError = error;
    }
  }

  /**
   * Why the last scan of the deployed definitions failed, or {@code null} when it worked.
   *
   * @return the error, for health
   */
  public String lastScanError() {
    return lastScanError;
  }

  /** Brings the activations in line with the deployed definitions and the loaded connectors. */
  public synchronized void reconcile() {
    if (!running) {
      return;
    }
    Map<String, InboundElement> desired = deployed.current();
    for (String key : new ArrayList<>(active.keySet())) {
      InboundElement want = desired.get(key);
      Activation a = active.get(key);
      Optional<RegisteredConnector> c = want == null ? Optional.empty()
          : registry.find(want.connectorType());
      if (want == null) {
        deactivate(key, "element no longer deployed");
      } else if (c.isEmpty()) {
        deactivate(key, "no loaded plugin provides type " + want.connectorType());
      } else if (!a.matches(want, c.get())) {
        deactivate(key, "replaced by definition " + want.processDefinitionId() + " / plugin "
            + c.get().pluginId() + "@" + c.get().pluginVersion());
      }
    }
    for (InboundElement e : desired.values()) {
      if (active.containsKey(e.activationKey())) {
        continue;
      }
      Optional<RegisteredConnector> c = registry.find(e.connectorType());
      if (c.isEmpty() || !c.get().definition().kind().inbound()) {
        noteFailure(e, "none", "No loaded plugin provides inbound connector type '"
            + e.connectorType() + "'; load the plugin that provides it");
        continue;
      }
      activate(e, c.get());
    }
    failed.keySet().retainAll(desired.keySet());
  }

  @SuppressWarnings("unchecked")
  private void activate(InboundElement e, RegisteredConnector c) {
    String signature = e.processDefinitionId() + "|" + c.pluginId() + "@" + c.pluginVersion();
    Failure previousFailure = failed.get(e.activationKey());
    if (previousFailure != null && signature.equals(previousFailure.signature())) {
      return;
    }
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(c.classLoader());
    try {
      Map<String, Object> raw = new LinkedHashMap<>();
      e.properties().forEach((k, v) -> {
        if (!k.startsWith("inbound.")) {
          raw.put(k, v);
        }
      });
      Map<String, Object> resolved = new SecretPlaceholders(secrets::find).resolve(raw);
      Object bound = InputBinder.forElementProperties(c.type(), c.definition().inputType(),
          validator).bind(resolved);
      InboundConnector<Object> instance = (InboundConnector<Object>) c.definition()
          .connectorClass().getDeclaredConstructor().newInstance();
      DefaultInboundContext ctx = new DefaultInboundContext(e, Map.copyOf(resolved), feel, dedup,
          correlator, tx, camel, pause);
      String path = null;
      if (instance instanceof WebhookConnector<Object> w) {
        path = w.path(bound);
        if (path == null || path.isBlank()) {
          path = e.properties().get("inbound.path");
        }
        if (path == null || !PATH.matcher(path).matches()) {
          throw new ConnectorException("INVALID_INPUT", "Webhook path '" + path
              + "' is missing or invalid; use letters, digits, '_' and '-'");
        }
        Activation other = webhooks.get(path);
        if (other != null) {
          throw new ConnectorException("PATH_IN_USE", "Webhook path '" + path
              + "' is already served by " + other.element.activationKey()
              + "; give each webhook its own path");
        }
      }
      instance.activate(bound, ctx);
      Activation a = new Activation(e, c, instance, bound, ctx, path);
      if (path != null) {
        webhooks.put(path, a);
      }
      if (instance instanceof PollingConnector<Object> p) {
        Duration interval = p.interval(bound);
        long ms = Math.max(100, interval == null ? 1000 : interval.toMillis());
        a.polling = scheduler.scheduleWithFixedDelay(() -> poll(a, p), 0, ms,
            TimeUnit.MILLISECONDS);
      }
      active.put(e.activationKey(), a);
      failed.remove(e.activationKey());
      LOG.info("inbound activated element={} definition={} type={} plugin={}@{}{}",
          e.activationKey(), e.processDefinitionId(), c.type(), c.pluginId(), c.pluginVersion(),
          path != null ? " path=/inbound/" + path : "");
    } catch (Exception ex) {
      String reason = SecretMasker.mask(ex instanceof java.lang.reflect.InvocationTargetException ite
          && ite.getCause() != null ? ite.getCause().toString() : ex.getMessage());
      failed.put(e.activationKey(), new Failure(signature, new FailedActivation(e.activationKey(),
          e.processDefinitionId(), e.connectorType(), reason, Instant.now())));
      LOG.warn("inbound activation failed element={} definition={} type={} reason={}",
          e.activationKey(), e.processDefinitionId(), c.type(), reason);
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  private void poll(Activation a, PollingConnector<Object> p) {
    // Enter before the plugin's loader becomes the context loader: a plugin that is draining
    // must not be left as this pool thread's context class loader (it would never be collected).
    if (!a.connector.inflight().enter()) {
      return;
    }
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(a.connector.classLoader());
    try {
      p.poll(a.context);
    } catch (Exception | LinkageError e) {
      // A throwable escaping a scheduled task cancels it for good: polling would stop silently.
      a.context.reportHealth(false, "poll failed: " + e.getMessage());
      LOG.warn("poll failed element={} type={} error={}", a.element.activationKey(),
          a.connector.type(), e.toString());
    } finally {
      a.connector.inflight().exit();
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  private void noteFailure(InboundElement e, String signature, String reason) {
    String sig = e.processDefinitionId() + "|" + signature;
    Failure before = failed.get(e.activationKey());
    if (before == null || !sig.equals(before.signature())) {
      failed.put(e.activationKey(), new Failure(sig, new FailedActivation(e.activationKey(),
          e.processDefinitionId(), e.connectorType(), reason, Instant.now())));
      LOG.warn("inbound element not activated element={} definition={} reason={}",
          e.activationKey(), e.processDefinitionId(), reason);
    }
  }

  private void deactivate(String key, String reason) {
    Activation a = active.remove(key);
    if (a == null) {
      return;
    }
    if (a.path != null) {
      webhooks.remove(a.path, a);
    }
    if (a.polling != null) {
      a.polling.cancel(false);
    }
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(a.connector.classLoader());
    try {
      a.instance.deactivate();
    } catch (Exception e) {
      LOG.warn("inbound deactivate failed element={} error={}", key, e.toString());
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
    a.context.removeRoutes();
    LOG.info("inbound deactivated element={} type={} reason={}", key, a.connector.type(), reason);
  }
}
