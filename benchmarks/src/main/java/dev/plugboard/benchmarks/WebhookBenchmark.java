package dev.plugboard.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.RuntimeService;

/**
 * Webhook start events on loopback against the in-process runtime (issue #5): senders post
 * unique orders to {@code POST /inbound/<path>} of the catalog webhook plugin; a message start
 * event with a message id expression (deduplication) and a result expression starts one
 * instance per request. The instances are counted in the engine's history afterwards and a
 * sample of the requests is replayed, which must start nothing.
 *
 * <p>The baseline, measured in the same run with the same number of threads, starts the same
 * process shape straight through {@code RuntimeService.startProcessInstanceByMessage}: the
 * engine's own per-instance cost, without HTTP, FEEL and deduplication.
 */
final class WebhookBenchmark {

  /** Model of the measured process; %1$s = process id, %2$s = message, %3$s = webhook path. */
  private static final String BPMN = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="bench">
        <bpmn:message id="Msg" name="%2$s" />
        <bpmn:process id="%1$s" isExecutable="true" camunda:historyTimeToLive="P1D">
          <bpmn:startEvent id="Received">
            <bpmn:extensionElements><camunda:properties>
              <camunda:property name="inbound.type" value="plugboard:webhook:1" />
              <camunda:property name="inbound.path" value="%3$s" />
              <camunda:property name="inbound.activationCondition" value="=request.body.kind = &quot;order&quot;" />
              <camunda:property name="inbound.messageIdExpression" value="=request.body.id" />
              <camunda:property name="inbound.resultExpression" value="={orderId: request.body.orderId}" />
            </camunda:properties></bpmn:extensionElements>
            <bpmn:outgoing>f1</bpmn:outgoing>
            <bpmn:messageEventDefinition messageRef="Msg" />
          </bpmn:startEvent>
          <bpmn:sequenceFlow id="f1" sourceRef="Received" targetRef="Done" />
          <bpmn:endEvent id="Done"><bpmn:incoming>f1</bpmn:incoming></bpmn:endEvent>
        </bpmn:process>
      </bpmn:definitions>
      """;

  /**
   * The outcome of one run.
   *
   * @param sent measured requests sent
   * @param statuses HTTP status → count, measured requests
   * @param latencies per request, nanoseconds
   * @param wallNanos first send → last answer
   * @param started instances of the webhook process in the engine's history (measured part)
   * @param replayed requests sent again with an id already used
   * @param replayStarted instances those replays started (must be 0)
   * @param directRate instances/s started straight through RuntimeService, same threads
   * @param cpuNanos process CPU time of the measured webhook requests (senders included)
   * @param directCpuNanos process CPU time of the measured baseline starts
   */
  record Result(int sent, Map<Integer, Long> statuses, List<Long> latencies, long wallNanos,
      long started, int replayed, long replayStarted, double directRate, long cpuNanos,
      long directCpuNanos) {

    /** Process CPU per webhook request, milliseconds: less sensitive to a busy machine. */
    double cpuMillisPerRequest() {
      return cpuNanos / 1e6 / sent;
    }

    /** Process CPU per instance started straight through the engine, milliseconds. */
    double directCpuMillisPerStart() {
      return directCpuNanos / 1e6 / sent;
    }

    double rate() {
      return sent / (wallNanos / 1e9);
    }

    long ok() {
      return statuses.getOrDefault(200, 0L);
    }

    long lost() {
      return Math.max(0, ok() - started);
    }

    long duplicated() {
      return Math.max(0, started - ok()) + replayStarted;
    }
  }

  private WebhookBenchmark() {}

  /**
   * Deploys the two processes, waits until the webhook answers, warms up, measures the
   * webhook, then the baseline.
   *
   * @param rt the runtime, the webhook plugin loaded
   * @param warmup requests sent before measuring (and baseline starts before measuring it)
   * @param requests measured requests
   * @param threads concurrent senders
   */
  static Result run(InProcessRuntime rt, int warmup, int requests, int threads) throws Exception {
    ProcessEngine engine = rt.engine();
    String run = Long.toString(System.nanoTime(), 36);
    String hookProcess = "bench-webhook-" + run;
    String directProcess = "bench-direct-" + run;
    String path = "bench-" + run;
    engine.getRepositoryService().createDeployment().name("bench-webhook-" + run)
        .addString(hookProcess + ".bpmn", String.format(BPMN, hookProcess, "bench-hook-" + run, path))
        // The same shape without activation: the webhook path is unique, so give it another.
        .addString(directProcess + ".bpmn", String.format(BPMN.replace("plugboard:webhook:1",
            "bench:none:1"), directProcess, "bench-direct-" + run, path + "-direct"))
        .deploy();
    URI uri = URI.create("http://127.0.0.1:" + rt.port() + "/inbound/" + path);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    awaitActive(client, uri);

    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      // Both paths are warmed up before either is measured: they share the engine's code, and
      // whichever ran first would otherwise pay the JIT compilation of it.
      String prefix = "w-" + run + "-";
      drive(pool, threads, warmup, i -> send(client, uri, prefix + i));
      long warmStarted = count(engine, hookProcess);
      RuntimeService runtime = engine.getRuntimeService();
      String message = "bench-direct-" + run;
      IntConsumer direct = i -> runtime.startProcessInstanceByMessage(message,
          Map.of("orderId", "d-" + i));
      drive(pool, threads, warmup, direct);

      List<Long> latencies = Collections.synchronizedList(new ArrayList<>(requests));
      Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
      String measured = "m-" + run + "-";
      long cpu0 = InvocationBenchmark.processCpuNanos();
      long wall = drive(pool, threads, requests, i -> {
        long t0 = System.nanoTime();
        int status = send(client, uri, measured + i);
        latencies.add(System.nanoTime() - t0);
        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
      });
      long cpu = InvocationBenchmark.processCpuNanos() - cpu0;
      long started = count(engine, hookProcess) - warmStarted;

      // Replays of ids already correlated: answered DUPLICATE, nothing started.
      int replayed = Math.min(requests, 200);
      long before = count(engine, hookProcess);
      drive(pool, threads, replayed, i -> send(client, uri, measured + i));
      long replayStarted = count(engine, hookProcess) - before;

      long directCpu0 = InvocationBenchmark.processCpuNanos();
      long directWall = drive(pool, threads, requests, i -> direct.accept(warmup + i));
      long directCpu = InvocationBenchmark.processCpuNanos() - directCpu0;

      Map<Integer, Long> byStatus = new TreeMap<>();
      statuses.forEach((s, n) -> byStatus.put(s, n.sum()));
      return new Result(requests, byStatus, latencies, wall, started, replayed, replayStarted,
          requests / (directWall / 1e9), cpu, directCpu);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void awaitActive(HttpClient client, URI uri) throws Exception {
    // The runtime scans deployments every plugboard.inbound.scan-interval (2 s by default).
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      HttpResponse<Void> r = client.send(request(uri, "{\"kind\":\"probe\"}"),
          HttpResponse.BodyHandlers.discarding());
      if (r.statusCode() == 202) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the webhook " + uri + " did not become active in 30 s");
  }

  /** Runs {@code n} calls on {@code threads} threads; returns the wall time in nanoseconds. */
  private static long drive(ExecutorService pool, int threads, int n, IntConsumer call)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      futures.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
          call.accept(i);
        }
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    return System.nanoTime() - t0;
  }

  private static int send(HttpClient client, URI uri, String id) {
    try {
      return client.send(request(uri, "{\"kind\":\"order\",\"id\":\"" + id + "\",\"orderId\":\"o-"
          + id + "\"}"), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (java.io.IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -2;
    }
  }

  private static HttpRequest request(URI uri, String body) {
    return HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static long count(ProcessEngine engine, String processKey) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(processKey).count();
  }
}
