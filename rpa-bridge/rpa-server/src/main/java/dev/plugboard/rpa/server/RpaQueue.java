package dev.plugboard.rpa.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.operaton.bpm.engine.BadUserRequestException;
import org.operaton.bpm.engine.ExternalTaskService;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.exception.NotFoundException;
import org.operaton.bpm.engine.externaltask.ExternalTask;
import org.operaton.bpm.engine.impl.ProcessEngineImpl;
import org.operaton.bpm.engine.impl.util.SingleConsumerCondition;
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
 * them one by one (a lock another bot took first is skipped).
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
  /** Queue of an item, read once per item (its local variable {@code queue}). */
  private final Map<String, String> queueOf = new ConcurrentHashMap<>();

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
    List<ExternalTask> candidates = tasks.createExternalTaskQuery().topicName(TOPIC)
        .notLocked().withRetriesLeft().active()
        .orderByPriority().desc().orderByCreateTime().asc()
        .listPage(0, Math.max(max, props.candidateWindow()));
    if (queueOf.size() > 100_000) {
      // Only a cache of an immutable fact: items of cancelled processes would pile up otherwise.
      queueOf.clear();
    }
    List<RpaApi.Item> locked = new ArrayList<>(max);
    // One worker id per fetch: two concurrent fetches of one bot (a runner with concurrency > 1)
    // must not both lock an item, and the engine lets a worker re-lock what it holds.
    String worker = WORKER_PREFIX + bot.id() + "#" + Long.toString(
        java.util.concurrent.ThreadLocalRandom.current().nextLong() >>> 1, 36);
    for (ExternalTask t : candidates) {
      if (locked.size() >= max) {
        break;
      }
      String queue = queueOf.computeIfAbsent(t.getId(), id -> readQueue(t));
      if (!queues.contains(queue)) {
        continue;
      }
      try {
        tasks.lock(t.getId(), worker, lockMillis);
      } catch (BadUserRequestException e) {
        continue; // another bot was faster, or the task is gone
      } catch (org.operaton.bpm.engine.OptimisticLockingException e) {
        continue;
      }
      try {
        locked.add(item(t, queue, Instant.now().plusMillis(lockMillis)));
        log.debug("Item locked itemId={} queue={} bot={}", t.getId(), queue, bot.id());
      } catch (RuntimeException e) {
        // The process was cancelled after the lock, for instance: nothing to hand out.
        log.info("Locked item vanished itemId={} error={}", t.getId(), e.toString());
      }
    }
    return locked;
  }

  private String readQueue(ExternalTask t) {
    Object q = runtime.getVariableLocal(t.getExecutionId(), "queue");
    return q == null ? "default" : q.toString();
  }

  private RpaApi.Item item(ExternalTask t, String queue, Instant lockExpiresAt) {
    Map<String, Object> local = new LinkedHashMap<>(runtime.getVariablesLocal(t.getExecutionId()));
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
    ExternalTask t = held(bot, itemId);
    engineCall(itemId, () -> tasks.extendLock(itemId, t.getWorkerId(), lock));
    return Instant.now().plusMillis(lock);
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
    retrying(itemId, () -> completeOnce(bot, itemId, output, artifacts));
  }

  private void completeOnce(RpaProperties.Bot bot, String itemId, JsonNode output,
      List<RpaApi.Artifact> artifacts) {
    if (output != null && !output.isNull() && !output.isObject()) {
      throw new RpaException(400, "INVALID_OUTPUT", "output must be a JSON object, was a "
          + output.getNodeType().toString().toLowerCase() + "; wrap the value: {\"output\":{\"value\":...}}");
    }
    ExternalTask t = held(bot, itemId);
    Map<String, Object> out = output == null || output.isNull() ? Map.of()
        : json.convertValue(output, Map.class);
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
    engineCall(itemId, () -> tasks.complete(itemId, t.getWorkerId(), vars));
    queueOf.remove(itemId);
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
    retrying(itemId, () -> failOnce(bot, itemId, f));
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
      } catch (org.operaton.bpm.engine.OptimisticLockingException e) {
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

  private void failOnce(RpaProperties.Bot bot, String itemId, RpaApi.FailRequest f) {
    String kind = f.kind() == null ? "technical" : f.kind().toLowerCase();
    Map<String, Object> vars = f.variables() == null ? Map.of() : f.variables();
    String message = f.message() == null ? "" : f.message();
    switch (kind) {
      case "business" -> {
        if (f.code() == null || f.code().isBlank()) {
          throw new RpaException(400, "INVALID_REQUEST", "A business failure needs a code (the"
              + " BPMN error code the model catches)");
        }
        String worker = held(bot, itemId).getWorkerId();
        engineCall(itemId, () -> tasks.handleBpmnError(itemId, worker, f.code(), message, vars));
        queueOf.remove(itemId);
        log.info("Item failed with a business error itemId={} bot={} code={}", itemId, bot.id(),
            f.code());
      }
      case "technical" -> {
        ExternalTask t = held(bot, itemId);
        String worker = t.getWorkerId();
        int retries = (t.getRetries() == null ? props.defaultRetries() : t.getRetries()) - 1;
        long backoff = f.retryBackoffMillis() != null ? Math.max(0, f.retryBackoffMillis())
            : props.retryBackoff().toMillis();
        String code = f.code() == null || f.code().isBlank() ? "BOT_FAILED" : f.code();
        String text = "[" + code + "] " + message;
        String incident = text.length() <= MAX_ERROR_MESSAGE ? text
            : text.substring(0, MAX_ERROR_MESSAGE) + "…";
        engineCall(itemId, () -> tasks.handleFailure(itemId, worker, incident,
            f.details() == null ? text : text + "\n" + f.details(), Math.max(0, retries),
            backoff, vars, Map.of()));
        log.info("Item failed technically itemId={} bot={} code={} retriesLeft={} backoffMs={}",
            itemId, bot.id(), code, Math.max(0, retries), backoff);
      }
      default -> throw new RpaException(400, "INVALID_REQUEST", "kind must be 'business' or"
          + " 'technical', was '" + f.kind() + "'");
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
    ExternalTask t = tasks.createExternalTaskQuery().externalTaskId(itemId).singleResult();
    if (t == null || !TOPIC.equals(t.getTopicName())) {
      throw new RpaException(404, "ITEM_NOT_FOUND", "No open RPA item '" + itemId + "': it was"
          + " completed or failed already, or its process instance ended");
    }
    if (t.getWorkerId() == null || !t.getWorkerId().startsWith(WORKER_PREFIX + bot.id() + "#")) {
      throw new RpaException(409, "NOT_LOCK_HOLDER", "Bot '" + bot.id() + "' does not hold item '"
          + itemId + "'; fetch items with POST /api/rpa/items/fetch and report only those");
    }
    Date until = t.getLockExpirationTime();
    if (until == null || until.getTime() <= System.currentTimeMillis()) {
      throw new RpaException(410, "LOCK_EXPIRED", "The lock of bot '" + bot.id() + "' on item '"
          + itemId + "' expired at " + (until == null ? "?" : until.toInstant()) + "; the item is"
          + " offered again. Send heartbeats (POST /api/rpa/items/{id}/heartbeat) more often than"
          + " the lock duration");
    }
    return t;
  }

  private static void engineCall(String itemId, Runnable call) {
    try {
      call.run();
    } catch (NotFoundException e) {
      throw new RpaException(404, "ITEM_NOT_FOUND", "No open RPA item '" + itemId + "': "
          + e.getMessage());
    } catch (BadUserRequestException e) {
      throw new RpaException(409, "NOT_LOCK_HOLDER", "The engine refused the call on item '"
          + itemId + "': " + e.getMessage());
    }
  }
}
