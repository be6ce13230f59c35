package dev.plugboard.rpa.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.rpa.client.BotApiException;
import dev.plugboard.rpa.client.BotClient;
import dev.plugboard.rpa.client.BotItem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark of the RPA work queue end to end (not a test): process instances with one RPA task
 * are started while {@code --bots} bot loops (each a {@link BotClient}, as a bot runner uses it)
 * fetch and complete them; prints items per second (first start to last completion) and the
 * latency from enqueue (process start) to pick-up (fetch answer), p50/p99/max.
 *
 * <p>Needs a running runtime whose configuration has a bot {@code bench} with capability
 * {@code bench} and the token given here:
 *
 * <pre>
 * java -jar connector-runtime/target/connector-runtime.jar \
 *   --plugboard.rpa.bots[0].id=bench --plugboard.rpa.bots[0].token=bench-token \
 *   --plugboard.rpa.bots[0].capabilities=bench
 * java -cp rpa-bridge/bot-runner/target/bot-runner.jar dev.plugboard.rpa.runner.QueueBenchmark \
 *   --runtime http://localhost:8080 --admin-token $PLUGBOARD_ADMIN_TOKEN --bot-token bench-token \
 *   --items 2000 --bots 4 --batch 10 --starters 4
 * </pre>
 *
 * It deploys the process {@code plugboard-rpa-bench} through {@code /engine-rest} first.
 */
public final class QueueBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
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

  private QueueBenchmark() {}

  /**
   * Runs the benchmark.
   *
   * @param args {@code --runtime URL --admin-token T --bot-token T [--items N] [--bots N]
   *     [--batch N] [--starters N]}
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> a = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    String runtime = a.getOrDefault("runtime", "http://localhost:8080");
    String admin = a.getOrDefault("admin-token", System.getenv("PLUGBOARD_ADMIN_TOKEN"));
    String botToken = a.getOrDefault("bot-token", "bench-token");
    int items = Integer.parseInt(a.getOrDefault("items", "2000"));
    int bots = Integer.parseInt(a.getOrDefault("bots", "4"));
    int batch = Integer.parseInt(a.getOrDefault("batch", "10"));
    int starters = Integer.parseInt(a.getOrDefault("starters", "4"));
    HttpClient http = HttpClient.newHttpClient();

    deploy(http, runtime, admin);
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    AtomicInteger done = new AtomicInteger();
    CountDownLatch finished = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(bots + starters);
    long t0 = System.nanoTime();
    for (int b = 0; b < bots; b++) {
      BotClient client = new BotClient(URI.create(runtime), "bench", botToken);
      pool.execute(() -> {
        while (done.get() < items) {
          List<BotItem> got;
          try {
            got = client.fetch(List.of("bench"), batch, Duration.ofMinutes(1), Duration.ofSeconds(1));
          } catch (BotApiException e) {
            System.err.println("fetch failed: " + e.getMessage());
            continue;
          }
          long now = System.currentTimeMillis();
          for (BotItem item : got) {
            latencies.add(now - item.input().path("t").asLong());
            client.complete(item.id(), Map.of("ok", true));
            if (done.incrementAndGet() == items) {
              finished.countDown();
            }
          }
        }
      });
    }
    AtomicInteger next = new AtomicInteger();
    for (int s = 0; s < starters; s++) {
      pool.execute(() -> {
        while (next.getAndIncrement() < items) {
          start(http, runtime, admin);
        }
      });
    }
    if (!finished.await(30, TimeUnit.MINUTES)) {
      System.err.println("Not finished after 30 minutes: done=" + done.get());
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    pool.shutdownNow();
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    System.out.printf("RPA queue: items=%d bots=%d batch=%d starters=%d%n", items, bots, batch,
        starters);
    System.out.printf("  throughput: %.0f items/s (start to completion, %.1f s)%n",
        items / seconds, seconds);
    System.out.printf("  enqueue->pick-up latency: p50=%d ms p99=%d ms max=%d ms%n",
        pct(sorted, 0.50), pct(sorted, 0.99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1));
  }

  private static long pct(List<Long> sorted, double p) {
    return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1,
        (int) Math.ceil(p * sorted.size()) - 1));
  }

  private static void start(HttpClient http, String runtime, String admin) {
    try {
      String input = "{\"t\":" + System.currentTimeMillis() + "}";
      String body = JSON.writeValueAsString(Map.of("variables", Map.of("input", input)));
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(runtime
              + "/api/engine/process-definitions/plugboard-rpa-bench/start"))
          .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 201) {
        System.err.println("start failed: " + r.statusCode() + " " + r.body());
      }
    } catch (Exception e) {
      System.err.println("start failed: " + e);
    }
  }

  private static void deploy(HttpClient http, String runtime, String admin) throws Exception {
    String boundary = "----plugboard" + UUID.randomUUID();
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\""
        + "\r\n\r\nplugboard-rpa-bench\r\n--" + boundary + "\r\nContent-Disposition: form-data;"
        + " name=\"enable-duplicate-filtering\"\r\n\r\ntrue\r\n--" + boundary
        + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"rpa-bench.bpmn\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + BPMN + "\r\n--" + boundary + "--\r\n";
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(runtime
            + "/engine-rest/deployment/create"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .header("Authorization", "Bearer " + admin)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException("Deploying the benchmark process failed: " + r.statusCode()
          + " " + r.body());
    }
  }
}
