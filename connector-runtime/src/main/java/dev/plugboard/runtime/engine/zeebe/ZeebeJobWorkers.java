package dev.plugboard.runtime.engine.zeebe;

import dev.plugboard.runtime.engine.EngineAdapter;
import dev.plugboard.runtime.engine.EngineKind;
import dev.plugboard.runtime.invocation.InvocationPipeline;
import dev.plugboard.runtime.invocation.InvocationRequest;
import dev.plugboard.runtime.invocation.Outcome;
import dev.plugboard.runtime.registry.ConnectorRegistry;
import dev.plugboard.runtime.registry.RegisteredConnector;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobWorker;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Camunda 8 job workers, one per outbound connector type, opened when the type appears in the
 * {@link ConnectorRegistry} and closed when it goes. Each job runs through the
 * {@link InvocationPipeline}; its {@link Outcome} becomes a complete (with variables), a
 * throw-error (BPMN error, caught by boundary events) or a fail command (retries, backoff, error
 * message: an incident at 0 retries). The client long-polls {@code POST /v2/jobs/activation} and
 * backs off by itself while the cluster is unreachable; the runtime stays up meanwhile.
 */
public final class ZeebeJobWorkers
    implements EngineAdapter, ConnectorRegistry.RegistryListener, SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ZeebeJobWorkers.class);

  private final CamundaClient client;
  private final InvocationPipeline pipeline;
  private final ConnectorRegistry registry;
  private final Camunda8Properties props;
  private final Map<String, JobWorker> workers = new ConcurrentHashMap<>();
  private volatile boolean running;

  /**
   * Creates the workers; {@link #start()} subscribes them.
   *
   * @param client the Camunda client
   * @param pipeline the invocation pipeline
   * @param registry the connector registry
   * @param props the settings
   */
  public ZeebeJobWorkers(CamundaClient client, InvocationPipeline pipeline,
      ConnectorRegistry registry, Camunda8Properties props) {
    this.client = client;
    this.pipeline = pipeline;
    this.registry = registry;
    this.props = props;
  }

  @Override
  public String name() {
    return EngineKind.CAMUNDA8.value();
  }

  @Override
  public Set<String> subscribedTypes() {
    return Set.copyOf(workers.keySet());
  }

  @Override
  public void connectorAdded(RegisteredConnector connector) {
    if (!running || connector.definition().kind().inbound()) {
      return;
    }
    workers.computeIfAbsent(connector.type(), this::open);
  }

  @Override
  public void connectorRemoved(String type) {
    JobWorker w = workers.remove(type);
    if (w != null) {
      w.close();
      log.info("Closed job worker type={}", type);
    }
  }

  private JobWorker open(String type) {
    Camunda8Properties.Defaults d = props.worker().defaults();
    JobWorker w = client.newWorker()
        .jobType(type)
        .handler(this::handle)
        .name(d.name())
        .maxJobsActive(d.maxJobsActive())
        .timeout(d.timeout())
        .pollInterval(d.pollInterval())
        .requestTimeout(d.requestTimeout())
        .streamEnabled(d.streamEnabled())
        .open();
    log.info("Opened job worker type={} restAddress={} maxJobsActive={} timeout={}", type,
        props.restAddress(), d.maxJobsActive(), d.timeout());
    return w;
  }

  /** Runs one job; package-private for tests. */
  void handle(JobClient jobClient, ActivatedJob job) {
    String key = String.valueOf(job.getKey());
    Outcome outcome;
    try {
      outcome = pipeline.invoke(new InvocationRequest(job.getType(), job.getVariablesAsMap(),
          job.getCustomHeaders(), key, job.getRetries()));
    } catch (RuntimeException e) {
      log.error("Invocation pipeline failed jobKey={} type={}", key, job.getType(), e);
      outcome = new Outcome.Failed("RUNTIME_ERROR", "Plugboard runtime error while running '"
          + job.getType() + "': " + e, Math.max(0, job.getRetries() - 1), Duration.ofSeconds(10),
          Map.of());
    }
    try {
      if (outcome instanceof Outcome.Completed c) {
        jobClient.newCompleteCommand(job.getKey())
            .variables(c.variables() == null ? Map.of() : c.variables()).send().join();
        log.debug("Completed jobKey={} type={}", key, job.getType());
      } else if (outcome instanceof Outcome.BpmnErrorThrown b) {
        jobClient.newThrowErrorCommand(job.getKey()).errorCode(b.code())
            .errorMessage(b.message() == null ? "" : b.message())
            .variables(b.variables() == null ? Map.of() : b.variables()).send().join();
        log.info("BPMN error thrown jobKey={} type={} code={}", key, job.getType(), b.code());
      } else if (outcome instanceof Outcome.Failed f) {
        String message = f.code() == null || f.message().startsWith(f.code())
            ? f.message() : "[" + f.code() + "] " + f.message();
        jobClient.newFailCommand(job.getKey()).retries(Math.max(0, f.retries()))
            .retryBackoff(f.backoff() == null ? Duration.ZERO : f.backoff())
            .errorMessage(message)
            .variables(f.variables() == null ? Map.of() : f.variables()).send().join();
        log.info("Job failed jobKey={} type={} code={} retriesLeft={} backoff={}", key,
            job.getType(), f.code(), f.retries(), f.backoff());
      }
    } catch (RuntimeException e) {
      // The job times out on the cluster and is activated again (here or on another replica).
      log.warn("Could not report the outcome jobKey={} type={} error={}", key, job.getType(),
          e.toString());
    }
  }

  @Override
  public void start() {
    running = true;
    registry.addListener(this);
    log.info("Camunda 8 job workers started restAddress={} preferRest={}", props.restAddress(),
        props.preferRestOverGrpc());
  }

  @Override
  public void stop() {
    running = false;
    for (String type : Set.copyOf(workers.keySet())) {
      connectorRemoved(type);
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 100;
  }
}
