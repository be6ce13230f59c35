package dev.plugboard.benchmarks;

import dev.plugboard.rpa.client.BotApiException;
import dev.plugboard.rpa.client.BotClient;
import dev.plugboard.rpa.client.BotItem;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.operaton.bpm.engine.ExternalTaskService;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.externaltask.LockedExternalTask;

/**
 * The RPA work queue end to end (issue #8): process instances with one RPA task are started
 * in-process while bots fetch and complete the items over the bot API on loopback, as bot runners
 * do (one {@link BotClient} per bot, its own bot id and token). Measured: items per second from
 * the first start to the last completion, and enqueue → pick-up latency (from just before the
 * process start call to the fetch answer that carries the item).
 *
 * <p>Baseline in the same runtime: the same process, the same starters, and as many workers
 * calling the engine's own {@code fetchAndLock}/{@code complete} in-process (no HTTP, no queue
 * filter, no bot checks): what the engine's external tasks can do on this machine.
 */
final class RpaQueueBenchmark {

  /** The bot ids and tokens the runtime must be started with: {@link #botProperties(int)}. */
  static final String BOT_PREFIX = "bench-bot-";
  static final String QUEUE = "bench";
  private static final String TOPIC = "plugboard:rpa:1";
  private static final String PROCESS = "plugboard-rpa-bench";
  private static final String BPMN = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://plugboard.dev/bench">
        <bpmn:process id="plugboard-rpa-bench" isExecutable="true" camunda:historyTimeToLive="P1D">
          <bpmn:startEvent id="s"/>
          <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
          <bpmn:serviceTask id="t" camunda:type="external" camunda:topic="plugboard:rpa:1">
            <bpmn:extensionElements><camunda:inputOutput>
              <camunda:inputParameter name="queue">bench</camunda:inputParameter>
              <camunda:inputParameter name="input">${input}</camunda:inputParameter>
            </camunda:inputOutput></bpmn:extensionElements>
          </bpmn:serviceTask>
          <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/>
          <bpmn:endEvent id="e"/>
        </bpmn:process>
      </bpmn:definitions>
      """;

  /**
   * One run.
   *
   * @param items items that went through
   * @param wallNanos first start to last completion
   * @param pickupNanos enqueue → pick-up of every item
   * @param duplicates items handed out more than once (must be 0)
   * @param cpuNanos CPU time of this whole process during the run (starters, consumers and,
   *     for the bot API, the runtime serving it)
   */
  record Result(int items, long wallNanos, List<Long> pickupNanos, int duplicates,
      long cpuNanos) {
    double itemsPerSecond() {
      return items / (wallNanos / 1e9);
    }

    /** Process CPU milliseconds per item: less sensitive to a busy machine than the rate. */
    double cpuMillisPerItem() {
      return cpuNanos / 1e6 / items;
    }
  }

  private RpaQueueBenchmark() {}

  /** The runtime properties that configure {@code bots} bench bots serving queue {@value #QUEUE}. */
  static Map<String, Object> botProperties(int bots) {
    Map<String, Object> props = new java.util.LinkedHashMap<>();
    for (int b = 0; b < bots; b++) {
      props.put("plugboard.rpa.bots[" + b + "].id", BOT_PREFIX + b);
      props.put("plugboard.rpa.bots[" + b + "].token", token(b));
      props.put("plugboard.rpa.bots[" + b + "].capabilities", QUEUE);
    }
    return props;
  }

  private static String token(int bot) {
    return "bench-token-" + bot + "-not-a-secret";
  }

  /** Deploys the benchmark process (once per engine; duplicates are filtered). */
  static void deploy(ProcessEngine engine) {
    engine.getRepositoryService().createDeployment().name(PROCESS).enableDuplicateFiltering(true)
        .addString("rpa-bench.bpmn", BPMN).deploy();
  }

  /** Items through the bot API with {@code bots} bots over HTTP on loopback. */
  static Result bridge(ProcessEngine engine, int port, int items, int bots, int batch,
      int starters, double pacedRate) throws InterruptedException {
    URI runtime = URI.create("http://127.0.0.1:" + port);
    return run(engine, items, bots, starters, pacedRate, (bot, handOut) -> {
      BotClient client = new BotClient(runtime, BOT_PREFIX + bot, token(bot));
      return () -> {
        List<BotItem> got;
        try {
          got = client.fetch(List.of(QUEUE), batch, Duration.ofMinutes(2), Duration.ofSeconds(1));
        } catch (BotApiException e) {
          System.err.println("[bench rpa] fetch failed: " + e.getMessage());
          return;
        }
        long now = System.nanoTime();
        for (BotItem item : got) {
          handOut.pickedUp(item.input().path("seq").asInt(), now);
        }
        for (BotItem item : got) {
          client.complete(item.id(), Map.of("ok", true));
          handOut.completed();
        }
      };
    });
  }

  /** The baseline: the engine's own fetch-and-lock and complete, in-process. */
  static Result engineBaseline(ProcessEngine engine, int items, int workers, int batch,
      int starters, double pacedRate) throws InterruptedException {
    ExternalTaskService tasks = engine.getExternalTaskService();
    return run(engine, items, workers, starters, pacedRate, (worker, handOut) -> () -> {
      List<LockedExternalTask> got = tasks.fetchAndLock(batch, "bench-worker-" + worker)
          .topic(TOPIC, 120_000).variables("input").execute();
      if (got.isEmpty()) {
        LockSupport.parkNanos(1_000_000); // the in-process API has no long poll
        return;
      }
      long now = System.nanoTime();
      for (LockedExternalTask t : got) {
        handOut.pickedUp(seq(t.getVariables().get("input")), now);
      }
      for (LockedExternalTask t : got) {
        tasks.complete(t.getId(), "bench-worker-" + worker, Map.of("ok", true));
        handOut.completed();
      }
    });
  }

  private static int seq(Object input) {
    String s = String.valueOf(input);
    return Integer.parseInt(s.substring(s.indexOf(':') + 1, s.indexOf('}')).trim());
  }

  private interface HandOut {
    /** An item was handed to a consumer. */
    void pickedUp(int seq, long nanos);

    /** An item was completed. */
    void completed();
  }

  private interface Consumer {
    Runnable loop(int index, HandOut handOut);
  }

  /**
   * @param pacedRate 0: the starters start instances as fast as they can (throughput; the queue
   *     fills up and pick-up latency is mostly waiting in line); else one item every
   *     1/pacedRate s in total, spread over the starters (latency of a queue that keeps up)
   */
  private static Result run(ProcessEngine engine, int items, int consumers, int starters,
      double pacedRate, Consumer consumer) throws InterruptedException {
    AtomicLongArray enqueued = new AtomicLongArray(items);
    AtomicLongArray pickedUp = new AtomicLongArray(items);
    AtomicInteger duplicates = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    CountDownLatch finished = new CountDownLatch(1);
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(consumers + starters);
    HandOut handOut = new HandOut() {
      @Override
      public void pickedUp(int seq, long nanos) {
        if (!pickedUp.compareAndSet(seq, 0, nanos)) {
          duplicates.incrementAndGet();
        }
      }

      @Override
      public void completed() {
        if (done.incrementAndGet() == items) {
          finished.countDown();
        }
      }
    };
    long t0 = System.nanoTime();
    long cpu0 = InvocationBenchmark.processCpuNanos();
    try {
      for (int c = 0; c < consumers; c++) {
        Runnable step = consumer.loop(c, handOut);
        pool.execute(() -> {
          while (finished.getCount() > 0 && !Thread.currentThread().isInterrupted()) {
            try {
              step.run();
            } catch (RuntimeException e) {
              failures.add(e);
            }
          }
        });
      }
      AtomicInteger next = new AtomicInteger();
      long interval = pacedRate > 0 ? (long) (1e9 / pacedRate) : 0;
      long firstStart = System.nanoTime();
      for (int s = 0; s < starters; s++) {
        pool.execute(() -> {
          for (int seq = next.getAndIncrement(); seq < items; seq = next.getAndIncrement()) {
            long due = firstStart + seq * interval;
            while (interval > 0 && System.nanoTime() < due) {
              LockSupport.parkNanos(due - System.nanoTime());
            }
            enqueued.set(seq, System.nanoTime());
            engine.getRuntimeService().startProcessInstanceByKey(PROCESS,
                Map.of("input", "{\"seq\": " + seq + "}"));
          }
        });
      }
      if (!finished.await(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("not finished after 10 minutes: " + done.get() + " of "
            + items + " items completed; first failure: " + failures.peek());
      }
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(30, TimeUnit.SECONDS);
    }
    long wall = System.nanoTime() - t0;
    long cpu = InvocationBenchmark.processCpuNanos() - cpu0;
    if (!failures.isEmpty()) {
      System.err.println("[bench rpa] " + failures.size() + " failed calls, first: "
          + failures.peek());
    }
    List<Long> latencies = new ArrayList<>(items);
    for (int i = 0; i < items; i++) {
      latencies.add(pickedUp.get(i) - enqueued.get(i));
    }
    return new Result(items, wall, latencies, duplicates.get(), cpu);
  }
}
