package dev.plugboard.rpa.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.operaton.bpm.engine.BadUserRequestException;
import org.operaton.bpm.engine.ExternalTaskService;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.exception.NotFoundException;
import org.operaton.bpm.engine.OptimisticLockingException;
import org.operaton.bpm.engine.externaltask.ExternalTask;
import org.operaton.bpm.engine.impl.ProcessEngineImpl;
import org.operaton.bpm.engine.impl.interceptor.CommandExecutor;
import org.operaton.bpm.engine.impl.util.SingleConsumerCondition;
import org.operaton.bpm.engine.runtime.VariableInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot work queue: the embedded engine's external tasks of topic {@value #TOPIC}.
 *
 * <p>Nothing is kept here that the engine does not keep: an item is locked in the engine under
 * the worker id {@code rpa:<botId>#<fetch>}, so a runtime restart loses nothing, an expired lock makes the
 * item available again, and retries, backoff and incidents are the engine's. The queue an item
 * belongs to is the task's local variable {@code queue}; a fetch looks at the available items of
 * the topic (highest priority, then oldest first), keeps those of the bot's capabilities and locks
 * them in one engine transaction (when another runtime on the same database took one first, one by
 * one, skipping what is taken).
 *
 * <p>Cost per item, which sets the queue's throughput: a fetch reads a small first page of
 * candidates (more pages only when the bot's queues are not among them), the queue of new
 * candidates and the variables of the locked items in one query each, and locks its items in one
 * transaction; concurrent fetches of this runtime skip the items another fetch is locking or holds
 * ({@link #claimed}), instead of all racing for the oldest items and failing one engine call per
 * lost race. A report (complete, fail, heartbeat) checks the bot's lock and changes the item in one
 * transaction, so a report and another bot's lock of the same item cannot both succeed.
 */
public final class RpaQueue {

  /** The external task topic of RPA tasks. */
  public static final String TOPIC = "plugboard:rpa:1";
  /** The worker id prefix of bots. */
  public static final String WORKER_PREFIX = "rpa:";

  private static final Logger log = LoggerFactory.getLogger(RpaQueue.class);
  private static final Set<String> RESERVED = Set.of("queue", "script", "input", "timeout",
      "resultVariable");
  private static final int MAX_ERROR_MESSAGE = 3_800;

  private final ExternalTaskService tasks;
  private final RuntimeService runtime;
  private final RpaProperties props;
  private final ObjectMapper json;
  private static final int CACHE_LIMIT = 100_000;

  private final CommandExecutor transaction;
  /** Queue of an item, read once per item (its local variable {@code queue}). */
  private final Map<String, String> queueOf = new ConcurrentHashMap<>();
  /**
   * Items a fetch of this runtime is locking or a bot holds, with the end of that lock (epoch
   * millis): other fetches of this runtime skip them. Only a hint to avoid lost races; the engine's
   * lock decides, so several runtimes on one database stay correct.
   */
  private final Map<String, Long> claimed = new ConcurrentHashMap<>();

  /**
   * @param engine the embedded engine
   * @param props the settings
   * @param json the object mapper
   */
  public RpaQueue(ProcessEngine engine, RpaProperties props, ObjectMapper json) {
    this.tasks = engine.getExternalTaskService();
    this.runtime = engine.getRuntimeService();
    this.props = props;
    this.json = json;
    this.transaction = ((ProcessEngineImpl) engine).getProcessEngineConfiguration()
        .getCommandExecutorTxRequired();
  }

  /**
   * Runs several engine calls in one transaction: engine calls made inside join it (the engine
   * reuses the open command context), and any exception rolls all of them back.
   */
  private <T> T inTransaction(Supplier<T> work) {
    return transaction.execute(commandContext -> work.get());
  }

  /**
   * Locks up to {@code maxItems} items of the bot's capabilities, waiting up to
   * {@code waitMillis} for one when none is available.
   *
   * @param bot the bot
   * @param request the request
   * @return the locked items (empty after the wait)
   */
  public List<RpaApi.Item> fetch(RpaProperties.Bot bot, RpaApi.FetchRequest request) {
    Set<String> queues = new HashSet<>(bot.capabilities());
    if (request.capabilities() != null && !request.capabilities().isEmpty()) {
      for (String c : request.capabilities()) {
        if (!queues.contains(c)) {
          throw new RpaException(403, "CAPABILITY_NOT_ALLOWED", "Bot '" + bot.id()
              + "' may not serve queue '" + c + "'; its capabilities are " + bot.capabilities()
              + " (plugboard.rpa.bots[..].capabilities)");
        }
      }
      queues = new HashSet<>(request.capabilities());
    }
    int max = request.maxItems() == null ? 1 : request.maxItems();
    if (max < 1 || max > 100) {
      throw new RpaException(400, "INVALID_REQUEST", "maxItems must be 1..100, was " + max);
    }
    long lock = lockMillis(request.lockDuration());
    long wait = request.waitMillis() == null ? 0 : request.waitMillis();
    if (wait < 0) {
      throw new RpaException(400, "INVALID_REQUEST", "waitMillis must not be negative, was " + wait);
    }
    long deadline = System.nanoTime() + Math.min(wait, props.maxWait().toMillis()) * 1_000_000L;
    while (true) {
      SingleConsumerCondition condition = new SingleConsumerCondition(Thread.currentThread());
      // Subscribe before looking, so a task created in between still wakes us.
      ProcessEngineImpl.EXT_TASK_CONDITIONS.addConsumer(condition);
      try {
        List<RpaApi.Item> items = tryLock(bot, queues, max, lock);
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (!items.isEmpty() || left <= 0) {
          return items;
        }
        // Lock expiries and ended backoffs signal nothing: look again at least every second.
        condition.await(Math.min(left, 1_000));
      } finally {
        ProcessEngineImpl.EXT_TASK_CONDITIONS.removeConsumer(condition);
      }
      if (Thread.currentThread().isInterrupted()) {
        return List.of();
      }
    }
  }

  private List<RpaApi.Item> tryLock(RpaProperties.Bot bot, Set<String> queues, int max,
      long lockMillis) {
    long now = System.currentTimeMillis();
    trimCaches(now);
    int window = Math.max(max, props.candidateWindow());
    // A page a few times the batch: enough when the bot's queues are among the oldest items,
    // without reading (and sorting into entities) the whole window on every fetch.
    int page = Math.min(window, Math.max(32, 4 * max));
    List<ExternalTask> chosen = new ArrayList<>(max);
    for (int offset = 0; offset < window && chosen.size() < max; offset += page) {
      List<ExternalTask> candidates = tasks.createExternalTaskQuery().topicName(TOPIC)
          .notLocked().withRetriesLeft().active()
          .orderByPriority().desc().orderByCreateTime().asc()
          .listPage(offset, Math.min(page, window - offset));
      readQueues(candidates);
      for (ExternalTask t : candidates) {
        if (chosen.size() >= max) {
          break;
        }
        if (queues.contains(queueOf.get(t.getId())) && claim(t.getId(), now, now + lockMillis)) {
          chosen.add(t);
        }
      }
      if (candidates.size() < page) {
        break;
      }
    }
    if (chosen.isEmpty()) {
      return List.of();
    }
    // One worker id per fetch: two concurrent fetches of one bot (a runner with concurrency > 1)
    // must not both lock an item, and the engine lets a worker re-lock what it holds.
    String worker = WORKER_PREFIX + bot.id() + "#" + Long.toString(
        java.util.concurrent.ThreadLocalRandom.current().nextLong() >>> 1, 36);
    List<ExternalTask> locked;
    try {
      locked = lock(chosen, worker, lockMillis);
    } catch (RuntimeException e) {
      chosen.forEach(t -> claimed.remove(t.getId())); // nothing was locked: offer them again
      throw e;
    }
    List<RpaApi.Item> items = items(locked, Instant.ofEpochMilli(now + lockMillis));
    log.debug("Items locked count={} bot={} worker={}", items.size(), bot.id(), worker);
    return items;
  }

  /** Claims an item for this fetch unless another fetch of this runtime has a live claim. */
  private boolean claim(String itemId, long now, long until) {
    boolean[] won = {false};
    claimed.compute(itemId, (id, previous) -> {
      if (previous != null && previous > now) {
        return previous;
      }
      won[0] = true;
      return until;
    });
    return won[0];
  }

  /**
   * Locks the chosen items in one transaction; when that fails because another runtime changed
   * one of them, locks them one by one and keeps those it got.
   */
  private List<ExternalTask> lock(List<ExternalTask> chosen, String worker, long lockMillis) {
    try {
      inTransaction(() -> {
        for (ExternalTask t : chosen) {
          tasks.lock(t.getId(), worker, lockMillis);
        }
        return null;
      });
      return chosen;
    } catch (BadUserRequestException | OptimisticLockingException e) {
      log.debug("Batch lock collided, locking one by one count={} error={}", chosen.size(),
          e.toString());
    }
    List<ExternalTask> locked = new ArrayList<>(chosen.size());
    for (ExternalTask t : chosen) {
      try {
        tasks.lock(t.getId(), worker, lockMillis);
        locked.add(t);
      } catch (BadUserRequestException | OptimisticLockingException e) {
        claimed.remove(t.getId()); // another runtime's bot was faster, or the task is gone (NotFound is a BadUserRequest)
      }
    }
    return locked;
  }

  /** Reads the queue of the candidates not seen before, in one query. */
  private void readQueues(List<ExternalTask> candidates) {
    Map<String, String> unknown = new HashMap<>(); // execution id -> item id
    for (ExternalTask t : candidates) {
      if (!queueOf.containsKey(t.getId())) {
        unknown.put(t.getExecutionId(), t.getId());
      }
    }
    if (unknown.isEmpty()) {
      return;
    }
    Map<String, String> found = new HashMap<>();
    for (VariableInstance v : runtime.createVariableInstanceQuery().variableName("queue")
        .executionIdIn(unknown.keySet().toArray(String[]::new)).disableCustomObjectDeserialization()
        .list()) {
      found.put(v.getExecutionId(), v.getValue() == null ? "default" : v.getValue().toString());
    }
    unknown.forEach((execution, item) ->
        queueOf.put(item, found.getOrDefault(execution, "default")));
  }

  /** The items of locked tasks, their local variables read in one query. */
  private List<RpaApi.Item> items(List<ExternalTask> locked, Instant lockExpiresAt) {
    if (locked.isEmpty()) {
      return List.of();
    }
    Map<String, Map<String, Object>> locals = new HashMap<>();
    for (VariableInstance v : runtime.createVariableInstanceQuery().executionIdIn(
        locked.stream().map(ExternalTask::getExecutionId).toArray(String[]::new)).list()) {
      locals.computeIfAbsent(v.getExecutionId(), e -> new LinkedHashMap<>())
          .put(v.getName(), v.getValue());
    }
    List<RpaApi.Item> items = new ArrayList<>(locked.size());
    for (ExternalTask t : locked) {
      items.add(item(t, queueOf.getOrDefault(t.getId(), "default"),
          locals.getOrDefault(t.getExecutionId(), Map.of()), lockExpiresAt));
    }
    return items;
  }

  /** Only caches of facts the engine keeps: items of cancelled processes would pile up. */
  private void trimCaches(long now) {
    if (queueOf.size() > CACHE_LIMIT) {
      queueOf.clear();
    }
    if (claimed.size() > CACHE_LIMIT) {
      claimed.values().removeIf(until -> until <= now);
    }
  }

  private RpaApi.Item item(ExternalTask t, String queue, Map<String, Object> local,
      Instant lockExpiresAt) {
    Object script = local.get("script");
    Long timeout = timeoutMillis(local.get("timeout"));
    JsonNode input = toJson(local.get("input"));
    Map<String, Object> rest = new LinkedHashMap<>();
    local.forEach((k, v) -> {
      if (!RESERVED.contains(k)) {
        rest.put(k, v);
      }
    });
    return new RpaApi.Item(t.getId(), queue, script == null ? null : script.toString(), input,
        timeout, t.getPriority(), t.getRetries(), lockExpiresAt, t.getProcessInstanceId(),
        t.getBusinessKey(), t.getActivityId(), rest);
  }

  private JsonNode toJson(Object value) {
    if (value == null) {
      return json.createObjectNode();
    }
    if (value instanceof String s) {
      String trimmed = s.trim();
      if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
        try {
          return json.readTree(trimmed);
        } catch (JsonProcessingException e) {
          return json.getNodeFactory().textNode(s); // text that only looks like JSON
        }
      }
      return json.getNodeFactory().textNode(s);
    }
    return json.valueToTree(value);
  }

  private static Long timeoutMillis(Object value) {
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    String s = value.toString().trim();
    try {
      return s.startsWith("P") || s.startsWith("p") ? Duration.parse(s).toMillis() : Long.parseLong(s);
    } catch (RuntimeException e) {
      return null; // an unreadable timeout leaves the bot's default
    }
  }

  private long lockMillis(Long requested) {
    long lock = requested == null ? props.defaultLockDuration().toMillis() : requested;
    if (lock < 1_000 || lock > props.maxLockDuration().toMillis()) {
      throw new RpaException(400, "INVALID_REQUEST", "lockDuration must be between 1000 ms and "
          + props.maxLockDuration().toMillis() + " ms (plugboard.rpa.max-lock-duration), was "
          + lock);
    }
    return lock;
  }

  /**
   * Extends the lock of an item the bot holds.
   *
   * @param bot the bot
   * @param itemId the item
   * @param lockDuration the new lock from now, in milliseconds (null: the default)
   * @return when the lock now ends
   */
  public Instant heartbeat(RpaProperties.Bot bot, String itemId, Long lockDuration) {
    long lock = lockMillis(lockDuration);
    Instant until = report(itemId, t -> {
      tasks.extendLock(itemId, t.getWorkerId(), lock);
      return Instant.now().plusMillis(lock);
    }, bot);
    claimed.put(itemId, until.toEpochMilli());
    return until;
  }

  /**
   * Completes an item with the bot's output.
   *
   * @param bot the bot
   * @param itemId the item
   * @param output a JSON object (or null for none)
   * @param artifacts the item's artifacts, recorded as variable {@code rpaArtifacts}
   */
  public void complete(RpaProperties.Bot bot, String itemId, JsonNode output,
      List<RpaApi.Artifact> artifacts) {
    if (output != null && !output.isNull() && !output.isObject()) {
      throw new RpaException(400, "INVALID_OUTPUT", "output must be a JSON object, was a "
          + output.getNodeType().toString().toLowerCase() + "; wrap the value: {\"output\":{\"value\":...}}");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> out = output == null || output.isNull() ? Map.of()
        : json.convertValue(output, Map.class);
    retrying(itemId, () -> report(itemId, t -> {
      Object resultVariable = runtime.getVariableLocal(t.getExecutionId(), "resultVariable");
      Map<String, Object> vars = new LinkedHashMap<>();
      if (resultVariable != null && !resultVariable.toString().isBlank()) {
        vars.put(resultVariable.toString(), new LinkedHashMap<>(out));
      } else {
        vars.putAll(out);
      }
      if (!artifacts.isEmpty()) {
        vars.put("rpaArtifacts", json.convertValue(artifacts, List.class));
      }
      tasks.complete(itemId, t.getWorkerId(), vars);
      return null;
    }, bot));
    forget(itemId);
    log.info("Item completed itemId={} bot={} outputKeys={}", itemId, bot.id(), out.keySet());
  }

  /**
   * Fails an item: a business failure throws a BPMN error, a technical one uses a retry
   * (then an incident).
   *
   * @param bot the bot
   * @param itemId the item
   * @param f the failure
   */
  public void fail(RpaProperties.Bot bot, String itemId, RpaApi.FailRequest f) {
    String kind = f.kind() == null ? "technical" : f.kind().toLowerCase();
    Map<String, Object> vars = f.variables() == null ? Map.of() : f.variables();
    String message = f.message() == null ? "" : f.message();
    switch (kind) {
      case "business" -> {
        if (f.code() == null || f.code().isBlank()) {
          throw new RpaException(400, "INVALID_REQUEST", "A business failure needs a code (the"
              + " BPMN error code the model catches)");
        }
        retrying(itemId, () -> report(itemId, t -> {
          tasks.handleBpmnError(itemId, t.getWorkerId(), f.code(), message, vars);
          return null;
        }, bot));
        forget(itemId);
        log.info("Item failed with a business error itemId={} bot={} code={}", itemId, bot.id(),
            f.code());
      }
      case "technical" -> {
        long backoff = f.retryBackoffMillis() != null ? Math.max(0, f.retryBackoffMillis())
            : props.retryBackoff().toMillis();
        String code = f.code() == null || f.code().isBlank() ? "BOT_FAILED" : f.code();
        String text = "[" + code + "] " + message;
        String incident = text.length() <= MAX_ERROR_MESSAGE ? text
            : text.substring(0, MAX_ERROR_MESSAGE) + "…";
        int[] left = {0};
        retrying(itemId, () -> report(itemId, t -> {
          left[0] = Math.max(0,
              (t.getRetries() == null ? props.defaultRetries() : t.getRetries()) - 1);
          tasks.handleFailure(itemId, t.getWorkerId(), incident,
              f.details() == null ? text : text + "\n" + f.details(), left[0], backoff, vars,
              Map.of());
          return null;
        }, bot));
        forget(itemId);
        log.info("Item failed technically itemId={} bot={} code={} retriesLeft={} backoffMs={}",
            itemId, bot.id(), code, left[0], backoff);
      }
      default -> throw new RpaException(400, "INVALID_REQUEST", "kind must be 'business' or"
          + " 'technical', was '" + f.kind() + "'");
    }
  }

  private void forget(String itemId) {
    queueOf.remove(itemId);
    claimed.remove(itemId);
  }

  /** A change of an item the bot holds, given the engine's task. */
  private interface Change<T> {
    T apply(ExternalTask held);
  }

  /**
   * Checks that the bot holds the item and changes it, in one transaction: the check reads the
   * task's row, and the change is written only if that row is still the one read (the engine's
   * optimistic locking), so a late report cannot overwrite another bot's fresh lock.
   */
  private <T> T report(String itemId, Change<T> change, RpaProperties.Bot bot) {
    try {
      Object[] outcome = inTransaction(() -> {
        Object checked = check(bot, itemId);
        if (checked instanceof RpaException refused) {
          return new Object[] {refused, null}; // nothing changed: the transaction is empty
        }
        return new Object[] {null, change.apply((ExternalTask) checked)};
      });
      if (outcome[0] != null) {
        throw (RpaException) outcome[0];
      }
      @SuppressWarnings("unchecked")
      T result = (T) outcome[1];
      return result;
    } catch (NotFoundException e) {
      throw new RpaException(404, "ITEM_NOT_FOUND", "No open RPA item '" + itemId + "': "
          + e.getMessage());
    } catch (BadUserRequestException e) {
      throw new RpaException(409, "NOT_LOCK_HOLDER", "The engine refused the call on item '"
          + itemId + "': " + e.getMessage());
    }
  }

  /**
   * Runs a report again when it collided with a concurrent change of the same process instance
   * (the engine rolled it back; the lock is still the bot's), so that a bot is not told to give
   * up an item it finished.
   */
  private static void retrying(String itemId, Runnable report) {
    for (int attempt = 1; ; attempt++) {
      try {
        report.run();
        return;
      } catch (OptimisticLockingException e) {
        if (attempt >= 5) {
          throw new RpaException(409, "CONFLICT", "Item '" + itemId + "' kept colliding with"
              + " concurrent changes of its process instance; send the report again");
        }
        try {
          Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new RpaException(503, "INTERRUPTED", "Interrupted reporting item '" + itemId + "'");
        }
      }
    }
  }

  /**
   * The item if this bot holds its lock and the lock has not expired.
   *
   * @param bot the bot
   * @param itemId the item
   * @return the engine's task
   * @throws RpaException 404 when there is no such item (completed, or its process ended), 409
   *     when another bot (or none) holds it, 410 when the bot's lock has expired
   */
  public ExternalTask held(RpaProperties.Bot bot, String itemId) {
    Object checked = check(bot, itemId);
    if (checked instanceof RpaException refused) {
      throw refused;
    }
    return (ExternalTask) checked;
  }

  /** The task if the bot holds it, else the refusal (returned, not thrown, inside transactions). */
  private Object check(RpaProperties.Bot bot, String itemId) {
    ExternalTask t = tasks.createExternalTaskQuery().externalTaskId(itemId).singleResult();
    if (t == null || !TOPIC.equals(t.getTopicName())) {
      return new RpaException(404, "ITEM_NOT_FOUND", "No open RPA item '" + itemId + "': it was"
          + " completed or failed already, or its process instance ended");
    }
    if (t.getWorkerId() == null || !t.getWorkerId().startsWith(WORKER_PREFIX + bot.id() + "#")) {
      return new RpaException(409, "NOT_LOCK_HOLDER", "Bot '" + bot.id() + "' does not hold item '"
          + itemId + "'; fetch items with POST /api/rpa/items/fetch and report only those");
    }
    Date until = t.getLockExpirationTime();
    if (until == null || until.getTime() <= System.currentTimeMillis()) {
      return new RpaException(410, "LOCK_EXPIRED", "The lock of bot '" + bot.id() + "' on item '"
          + itemId + "' expired at " + (until == null ? "?" : until.toInstant()) + "; the item is"
          + " offered again. Send heartbeats (POST /api/rpa/items/{id}/heartbeat) more often than"
          + " the lock duration");
    }
    return t;
  }
}
