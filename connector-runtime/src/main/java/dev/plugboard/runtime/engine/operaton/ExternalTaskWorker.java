package dev.plugboard.runtime.engine.operaton;

import dev.plugboard.runtime.engine.EngineAdapter;
import dev.plugboard.runtime.engine.EngineKind;
import dev.plugboard.runtime.invocation.InvocationPipeline;
import dev.plugboard.runtime.invocation.InvocationRequest;
import dev.plugboard.runtime.invocation.Outcome;
import dev.plugboard.runtime.registry.ConnectorRegistry;
import dev.plugboard.runtime.registry.RegisteredConnector;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.ThreadLocalRandom;
import org.operaton.bpm.engine.ExternalTaskService;
import org.operaton.bpm.engine.OptimisticLockingException;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.externaltask.ExternalTask;
import org.operaton.bpm.engine.externaltask.ExternalTaskQueryBuilder;
import org.operaton.bpm.engine.externaltask.LockedExternalTask;
import org.operaton.bpm.engine.impl.ProcessEngineImpl;
import org.operaton.bpm.engine.impl.util.SingleConsumerCondition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Executes the external tasks of the embedded Operaton engine whose topic is a connector type.
 *
 * <p>One fetch thread serves every known topic: it locks as many tasks as there are free
 * execution slots ({@code plugboard.operaton.max-concurrent}), hands each to the
 * {@link InvocationPipeline} on a worker thread, and reports the {@link Outcome} (complete,
 * {@code handleBpmnError}, {@code handleFailure} with retries and backoff). When nothing is
 * available it parks on the engine's own external-task condition, which the engine signals when
 * a task is created, unlocked or given retries in this JVM; a bounded wait
 * ({@code idle-wait}) covers tasks created by other cluster nodes and ended backoffs. No busy
 * waiting, and several runtimes on one database share the work through the engine's locking.
 *
 * <p>Tasks whose topic no loaded plugin provides get an incident naming the missing type; when a
 * plugin with that type is loaded, their retries are restored so they run.
 */
public final class ExternalTaskWorker
    implements EngineAdapter, ConnectorRegistry.RegistryListener, SmartLifecycle {

  /** Prefix of the incident message of a task whose connector type is not loaded. */
  static final String MISSING_TYPE_CODE = "CONNECTOR_NOT_FOUND";

  private static final Logger log = LoggerFactory.getLogger(ExternalTaskWorker.class);
  private static final int MAX_ERROR_MESSAGE = 3_800;
  private static final ReentrantLock[] INSTANCE_LOCKS = new ReentrantLock[64];
  private static final int MAX_CONTENDED = 10_000;

  static {
    for (int i = 0; i < INSTANCE_LOCKS.length; i++) {
      INSTANCE_LOCKS[i] = new ReentrantLock();
    }
  }

  private final ProcessEngine engine;
  private final ExternalTaskService tasks;
  private final InvocationPipeline pipeline;
  private final ConnectorRegistry registry;
  private final OperatonProperties props;
  private final String workerId;
  private final Set<String> topics = ConcurrentHashMap.newKeySet();
  private final Semaphore slots;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong collisions = new AtomicLong();
  /** Process instances whose reports collided: from then on reported one at a time. */
  private final Set<String> contendedInstances = ConcurrentHashMap.newKeySet();
  private ExecutorService executor;
  private ScheduledExecutorService scheduler;
  private Thread fetcher;
  private volatile SingleConsumerCondition wakeUp;
  private volatile boolean running;

  /**
   * Creates the worker; {@link #start()} subscribes it.
   *
   * @param engine the embedded engine
   * @param pipeline the invocation pipeline
   * @param registry the connector registry
   * @param props the settings
   */
  public ExternalTaskWorker(ProcessEngine engine, InvocationPipeline pipeline,
      ConnectorRegistry registry, OperatonProperties props) {
    this.engine = engine;
    this.tasks = engine.getExternalTaskService();
    this.pipeline = pipeline;
    this.registry = registry;
    this.props = props;
    this.workerId = props.workerId().isBlank() ? defaultWorkerId() : props.workerId();
    this.slots = new Semaphore(Math.max(1, props.maxConcurrent()));
  }

  @Override
  public String name() {
    return EngineKind.OPERATON.value();
  }

  @Override
  public Set<String> subscribedTypes() {
    return Set.copyOf(topics);
  }

  /** The worker id external tasks are locked with. */
  public String workerId() {
    return workerId;
  }

  /** Connector executions in progress. */
  public int inFlight() {
    return inFlight.get();
  }

  @Override
  public void connectorAdded(RegisteredConnector connector) {
    if (!connector.definition().kind().inbound() && topics.add(connector.type())) {
      log.info("Subscribed to external task topic type={} plugin={} workerId={}",
          connector.type(), connector.pluginId(), workerId);
    }
    if (!connector.definition().kind().inbound()) {
      restoreTasksWaitingFor(connector.type(), connector.definition().annotation().retries());
      signal();
    }
  }

  @Override
  public void connectorRemoved(String type) {
    if (topics.remove(type)) {
      log.info("Unsubscribed from external task topic type={}", type);
    }
  }

  // ---------------------------------------------------------------- lifecycle

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    AtomicInteger n = new AtomicInteger();
    executor = Executors.newFixedThreadPool(Math.max(1, props.maxConcurrent()),
        r -> daemon(r, "plugboard-task-" + n.incrementAndGet()));
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "plugboard-task-locks"));
    registry.addListener(this);
    fetcher = daemon(this::fetchLoop, "plugboard-task-fetcher");
    fetcher.start();
    long check = Math.max(500, props.missingTypeCheck().toMillis());
    scheduler.scheduleWithFixedDelay(this::failTasksOfMissingTypes, check, check,
        TimeUnit.MILLISECONDS);
    log.info("External task worker started workerId={} lockDuration={} maxConcurrent={}",
        workerId, props.lockDuration(), props.maxConcurrent());
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    signal();
    if (fetcher != null) {
      fetcher.interrupt();
    }
    executor.shutdown();
    try {
      // Tasks still running after this are unlocked by lock expiry and run elsewhere.
      if (!executor.awaitTermination(20, TimeUnit.SECONDS)) {
        log.warn("Stopping with connector executions still running count={}", inFlight.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor.shutdownNow();
    scheduler.shutdownNow();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    // Stop before the engine and the web server go away, start after the engine is up.
    return Integer.MAX_VALUE - 100;
  }

  // ---------------------------------------------------------------- fetching

  private void fetchLoop() {
    while (running) {
      int taken = 0;
      try {
        slots.acquire();
        taken = 1 + drainSlots();
        List<String> subscribed = List.copyOf(topics);
        List<LockedExternalTask> locked = subscribed.isEmpty() ? List.of() : fetch(subscribed, taken);
        slots.release(taken - locked.size());
        taken = 0;
        for (LockedExternalTask task : locked) {
          inFlight.incrementAndGet();
          executor.execute(() -> {
            try {
              execute(task);
            } finally {
              inFlight.decrementAndGet();
              slots.release();
              signal();
            }
          });
        }
        if (locked.isEmpty()) {
          awaitWork();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        slots.release(taken);
        if (!running) {
          return;
        }
        // Database unreachable, for example: log and back off instead of spinning.
        log.warn("Fetching external tasks failed; retrying error={}", e.toString());
        awaitWork();
      }
    }
  }

  private int drainSlots() {
    int more = 0;
    while (slots.tryAcquire()) {
      more++;
    }
    return more;
  }

  private List<LockedExternalTask> fetch(List<String> subscribed, int max) {
    ExternalTaskQueryBuilder builder = tasks.fetchAndLock(max, workerId, true);
    for (String topic : subscribed) {
      builder = builder.topic(topic, props.lockDuration().toMillis())
          .localVariables()
          .includeExtensionProperties()
          .enableCustomObjectDeserialization();
    }
    return builder.execute();
  }

  private void awaitWork() {
    SingleConsumerCondition condition = new SingleConsumerCondition(Thread.currentThread());
    wakeUp = condition;
    ProcessEngineImpl.EXT_TASK_CONDITIONS.addConsumer(condition);
    try {
      condition.await(Math.max(50, props.idleWait().toMillis()));
    } finally {
      ProcessEngineImpl.EXT_TASK_CONDITIONS.removeConsumer(condition);
      wakeUp = null;
    }
  }

  private void signal() {
    SingleConsumerCondition c = wakeUp;
    if (c != null) {
      c.signal();
    }
  }

  // ---------------------------------------------------------------- executing

  private void execute(LockedExternalTask task) {
    String id = task.getId();
    long lockMillis = props.lockDuration().toMillis();
    ScheduledFuture<?> extender = scheduler.scheduleAtFixedRate(() -> extendLock(id, lockMillis),
        lockMillis / 2, lockMillis / 2, TimeUnit.MILLISECONDS);
    Outcome outcome;
    try {
      Map<String, Object> variables = variablesOf(task);
      Map<String, String> headers = task.getExtensionProperties() == null
          ? Map.of() : Map.copyOf(task.getExtensionProperties());
      outcome = pipeline.invoke(new InvocationRequest(task.getTopicName(), variables, headers, id,
          task.getRetries()));
    } catch (RuntimeException e) {
      // The pipeline promises never to throw; if it does, the task must still not be lost.
      log.error("Invocation pipeline failed taskId={} type={}", id, task.getTopicName(), e);
      int left = task.getRetries() == null ? 2 : Math.max(0, task.getRetries() - 1);
      outcome = new Outcome.Failed("RUNTIME_ERROR", "Plugboard runtime error while running '"
          + task.getTopicName() + "': " + e, left, java.time.Duration.ofSeconds(10), Map.of());
    } finally {
      extender.cancel(false);
    }
    report(task, outcome);
  }

  /**
   * The task's own variables (its input mapping). A task without input mapping, or one whose
   * inputs are FEEL expressions ({@code =...}) that may read other variables, gets the variables
   * of its whole scope underneath its own.
   */
  private Map<String, Object> variablesOf(LockedExternalTask task) {
    Map<String, Object> local = new LinkedHashMap<>(task.getVariables());
    boolean needsScope = local.isEmpty() || local.values().stream()
        .anyMatch(v -> v instanceof String s && s.startsWith("="));
    if (!needsScope) {
      return local;
    }
    Map<String, Object> all = new HashMap<>(
        engine.getRuntimeService().getVariables(task.getExecutionId()));
    all.putAll(local);
    return all;
  }

  private void report(LockedExternalTask task, Outcome outcome) {
    // Outcomes are reported in parallel. Some models make siblings collide: the branches of a
    // parallel multi-instance task without an async continuation after each instance all update
    // the multi-instance body (its loop counters) when they complete, and the engine rolls all
    // but one back (OptimisticLockingException). Retrying such collisions in parallel wastes
    // whole transactions, so an instance that has collided once is reported one outcome at a
    // time in this runtime from then on; a collision with another cluster node is rolled back
    // by the engine and repeated with jitter (the lock on the task is still ours).
    String instance = String.valueOf(task.getProcessInstanceId());
    ReentrantLock lock = INSTANCE_LOCKS[Math.floorMod(instance.hashCode(), INSTANCE_LOCKS.length)];
    for (int attempt = 1; ; attempt++) {
      boolean serialize = contendedInstances.contains(instance);
      if (serialize) {
        lock.lock();
      }
      try {
        reportOnce(task, outcome);
        return;
      } catch (OptimisticLockingException e) {
        if (!serialize) {
          if (contendedInstances.size() >= MAX_CONTENDED) {
            contendedInstances.clear();
          }
          contendedInstances.add(instance);
          collisions.incrementAndGet();
          continue;
        }
        collisions.incrementAndGet();
        if (attempt >= 10) {
          log.warn("Could not report outcome after retries taskId={} error={}", task.getId(),
              e.toString());
          return;
        }
      } finally {
        if (serialize) {
          lock.unlock();
        }
      }
      try {
        // Outside the lock: let the other transaction (job executor, other node) finish.
        Thread.sleep(ThreadLocalRandom.current().nextLong(10, 50L * attempt));
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Reports rolled back by the engine because another transaction changed the same rows. */
  public long collisions() {
    return collisions.get();
  }

  private void reportOnce(LockedExternalTask task, Outcome outcome) {
    String id = task.getId();
    try {
      if (outcome instanceof Outcome.Completed c) {
        tasks.complete(id, workerId, c.variables() == null ? Map.of() : c.variables());
        log.debug("Completed taskId={} type={}", id, task.getTopicName());
      } else if (outcome instanceof Outcome.BpmnErrorThrown b) {
        tasks.handleBpmnError(id, workerId, b.code(), b.message(),
            b.variables() == null ? Map.of() : b.variables());
        log.info("BPMN error thrown taskId={} type={} code={}", id, task.getTopicName(), b.code());
      } else if (outcome instanceof Outcome.Failed f) {
        String message = incidentMessage(f.code(), f.message());
        long backoff = f.backoff() == null ? 0 : f.backoff().toMillis();
        Map<String, Object> vars = f.variables() == null ? Map.of() : f.variables();
        tasks.handleFailure(id, workerId, message, f.code() + "\n" + f.message(),
            Math.max(0, f.retries()), backoff, vars, Map.of());
        log.info("Task failed taskId={} type={} code={} retriesLeft={} backoff={}", id,
            task.getTopicName(), f.code(), f.retries(), f.backoff());
      }
    } catch (OptimisticLockingException e) {
      throw e;
    } catch (RuntimeException e) {
      // Typically: the process instance was cancelled or the lock was lost (taken over by
      // another node after expiry); the engine keeps its state consistent either way.
      log.warn("Could not report outcome taskId={} type={} outcome={} error={}", id,
          task.getTopicName(), outcome.getClass().getSimpleName(), e.toString());
    }
  }

  static String incidentMessage(String code, String message) {
    String m = message == null ? "" : message;
    String text = code == null || m.startsWith(code) || m.startsWith("[" + code + "]")
        ? m : "[" + code + "] " + m;
    return text.length() <= MAX_ERROR_MESSAGE ? text : text.substring(0, MAX_ERROR_MESSAGE) + "…";
  }

  private void extendLock(String taskId, long lockMillis) {
    try {
      tasks.extendLock(taskId, workerId, lockMillis);
    } catch (RuntimeException e) {
      log.warn("Could not extend the lock taskId={} error={}", taskId, e.toString());
    }
  }

  // ---------------------------------------------------------------- missing connector types

  /**
   * Gives tasks whose topic no loaded plugin provides an incident that names the missing type.
   * Runs periodically; in a cluster the engine's locking makes sure one node handles a task.
   */
  void failTasksOfMissingTypes() {
    if (!running) {
      return;
    }
    try {
      for (String topic : tasks.getTopicNames(false, true, true)) {
        if (topics.contains(topic) || registry.find(topic).isPresent()
            || props.foreignTopics().contains(topic)) {
          continue;
        }
        List<LockedExternalTask> orphans =
            tasks.fetchAndLock(100, workerId).topic(topic, 60_000).execute();
        for (LockedExternalTask t : orphans) {
          String message = missingTypeMessage(topic);
          tasks.handleFailure(t.getId(), workerId, message, message
              + "\nProcess definition: " + t.getProcessDefinitionKey() + ", activity: "
              + t.getActivityId(), 0, 0);
          log.warn("Incident: no plugin provides the task's connector type type={} taskId={}"
              + " process={} activity={}", topic, t.getId(), t.getProcessDefinitionKey(),
              t.getActivityId());
        }
      }
    } catch (RuntimeException e) {
      log.warn("Checking for tasks of missing connector types failed error={}", e.toString());
    }
  }

  static String missingTypeMessage(String type) {
    return "[" + MISSING_TYPE_CODE + "] No loaded plugin provides connector type '" + type
        + "'; load the plugin, then retry the incident (Plugboard retries it by itself when the"
        + " type appears)";
  }

  private void restoreTasksWaitingFor(String type, int retries) {
    try {
      List<String> ids = tasks.createExternalTaskQuery().topicName(type).noRetriesLeft().list()
          .stream()
          .filter(t -> t.getErrorMessage() != null
              && t.getErrorMessage().startsWith("[" + MISSING_TYPE_CODE + "]"))
          .map(ExternalTask::getId)
          .toList();
      if (!ids.isEmpty()) {
        tasks.setRetries(ids, Math.max(1, retries));
        log.info("Connector type is back: retrying its tasks type={} count={}", type, ids.size());
      }
    } catch (RuntimeException e) {
      log.warn("Could not retry the tasks waiting for type={} error={}", type, e.toString());
    }
  }

  // ---------------------------------------------------------------- helpers

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private static String defaultWorkerId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "localhost";
    }
    return "plugboard@" + host + ":" + ManagementFactory.getRuntimeMXBean().getPid();
  }
}
