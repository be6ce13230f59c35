package dev.plugboard.benchmarks;

import dev.plugboard.runtime.invocation.InvocationPipeline;
import dev.plugboard.runtime.invocation.InvocationRequest;
import dev.plugboard.runtime.invocation.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.runtime.Incident;
import org.operaton.bpm.engine.runtime.ProcessInstance;

/**
 * The example process {@code pickup-order} with N lines on the embedded engine: one instance,
 * N parallel HTTP reservation tasks (external tasks run by the runtime's worker through the
 * pipeline), then the "ready" mail. Timed from start until the instance has ended (or, when no
 * e-mail plugin is built, until every reservation is done and the mail task is waiting).
 */
final class PickupOrderBenchmark {

  /**
   * The outcome.
   *
   * @param lines order lines
   * @param wallNanos start → end
   * @param reservations reservation calls the stub server received
   * @param ended whether the instance ended (false: stopped at the mail task, or timed out)
   * @param timedOut whether the time limit ended the run (the instance was then deleted)
   * @param startNanos start call → first reservation arrived (instance creation, first fetch)
   */
  record Result(int lines, long wallNanos, long reservations, boolean ended, boolean timedOut,
      long startNanos) {
    double tasksPerSecond() {
      return reservations / (wallNanos / 1e9);
    }
  }

  private PickupOrderBenchmark() {}

  static Result run(InProcessRuntime rt, StubHttpServer stub, int lines, boolean mailPlugin,
      Duration timeout) {
    ProcessEngine engine = rt.engine();
    List<Map<String, Object>> orderLines = new ArrayList<>(lines);
    for (int i = 1; i <= lines; i++) {
      Map<String, Object> line = new HashMap<>();
      line.put("sku", String.format("SKU-%05d", i));
      line.put("quantity", i % 3 + 1);
      orderLines.add(line);
    }
    String orderId = "bench-" + System.nanoTime();
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("orderId", orderId);
    vars.put("customerEmail", "customer@example.com");
    vars.put("lines", orderLines);
    stub.resetReservations();
    long t0 = System.nanoTime();
    ProcessInstance pi = engine.getRuntimeService()
        .startProcessInstanceByKey("pickup-order", orderId, vars);
    long deadline = t0 + timeout.toNanos();
    boolean ended = false;
    while (System.nanoTime() < deadline) {
      if (engine.getRuntimeService().createProcessInstanceQuery()
          .processInstanceId(pi.getId()).count() == 0) {
        ended = true;
        break;
      }
      if (!mailPlugin && stub.reservations() >= lines && engine.getExternalTaskService()
          .createExternalTaskQuery().processInstanceId(pi.getId()).topicName("plugboard:email:1")
          .count() > 0) {
        break;
      }
      List<Incident> incidents = engine.getRuntimeService().createIncidentQuery()
          .processInstanceId(pi.getId()).listPage(0, 1);
      if (!incidents.isEmpty() && (mailPlugin || !incidents.get(0).getIncidentMessage()
          .contains("CONNECTOR_NOT_FOUND"))) {
        throw new IllegalStateException("pickup-order with " + lines + " lines raised an"
            + " incident: " + incidents.get(0).getIncidentMessage());
      }
      LockSupport.parkNanos(20_000_000);
    }
    long wall = System.nanoTime() - t0;
    long first = stub.firstReservationAt() == 0 ? wall : stub.firstReservationAt() - t0;
    boolean timedOut = !ended && (mailPlugin || stub.reservations() < lines);
    long done = stub.reservations();
    if (timedOut) {
      // Stop the engine's work so that the next measurements do not compete with it. The
      // worker keeps completing tasks meanwhile, so the delete may collide: try again.
      for (int attempt = 1; attempt <= 20; attempt++) {
        try {
          engine.getRuntimeService().deleteProcessInstance(pi.getId(), "benchmark time limit",
              true, true);
          break;
        } catch (RuntimeException collided) {
          if (attempt == 20) {
            System.err.println("[bench] could not delete the timed-out pickup-order instance "
                + pi.getId() + ": " + collided);
          }
          LockSupport.parkNanos(100_000_000);
        }
      }
    }
    return new Result(lines, wall, done, ended, timedOut, first);
  }

  /** The reservation request the model's task sends, straight through the pipeline. */
  static InvocationRequest reservation(String stockApiUrl, int i) {
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("method", "POST");
    vars.put("url", stockApiUrl + "/reservations");
    vars.put("bodyType", "JSON");
    vars.put("body", "{\"orderId\": \"bench\", \"sku\": \"SKU-" + i + "\", \"quantity\": 1}");
    vars.put("readTimeoutSeconds", "30");
    return new InvocationRequest("plugboard:http:1", vars,
        Map.of("retries", "3", "retryBackoff", "PT5S"), "bench-" + i, null);
  }

  /**
   * The same number of reservations straight through the pipeline, with as many threads as the
   * engine worker runs connectors at once.
   *
   * @return wall time in nanoseconds
   */
  static long pipelineOnly(InvocationPipeline pipeline, String stockApiUrl, int n, int threads)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger next = new AtomicInteger();
    try {
      long t0 = System.nanoTime();
      List<Future<?>> all = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        all.add(pool.submit(() -> {
          for (int i; (i = next.getAndIncrement()) < n; ) {
            Outcome o = pipeline.invoke(reservation(stockApiUrl, i));
            if (!(o instanceof Outcome.Completed)) {
              throw new IllegalStateException("reservation " + i + " answered " + o);
            }
          }
          return null;
        }));
      }
      for (Future<?> f : all) {
        f.get();
      }
      return System.nanoTime() - t0;
    } finally {
      pool.shutdownNow();
    }
  }
}
