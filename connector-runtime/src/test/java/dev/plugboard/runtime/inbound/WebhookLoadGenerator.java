package dev.plugboard.runtime.inbound;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Webhook benchmark: a load generator on loopback against a running runtime. Not a test; the
 * {@code benchmarks/} module (or a shell) runs it with the test class path:
 *
 * <pre>
 * java -cp connector-runtime/target/test-classes:... dev.plugboard.runtime.inbound.WebhookLoadGenerator \
 *     http://localhost:8080 orders inbound-order 20000 32
 * </pre>
 *
 * Arguments: base URL, webhook path, process id (to count instances through
 * {@code /engine-rest}), number of requests, concurrent senders. Each request is
 * {@code {"kind":"order","id":"bench-<run>-<n>","orderId":"bench-<run>-<n>"}} (fits the
 * {@code inbound-order} start event of {@code InboundFixtures.ORDER_BPMN}: every request starts
 * one instance, with a unique message id). Prints requests/s, p50/p99/max latency, status counts,
 * and the number of instances the engine holds for this run's ids compared with the requests sent
 * (lost = sent - started, duplicated = started - sent when positive).
 */
public final class WebhookLoadGenerator {

  private WebhookLoadGenerator() {}

  /**
   * Runs the benchmark.
   *
   * @param args base URL, path, process id, requests, concurrency
   * @throws Exception on I/O failure
   */
  public static void main(String[] args) throws Exception {
    String base = args.length > 0 ? args[0] : "http://localhost:8080";
    String path = args.length > 1 ? args[1] : "orders";
    String processKey = args.length > 2 ? args[2] : "inbound-order";
    int requests = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
    int concurrency = args.length > 4 ? Integer.parseInt(args[4]) : 32;
    String run = Long.toString(System.currentTimeMillis(), 36);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    URI uri = URI.create(base + "/inbound/" + path);

    // warm-up: JIT, connection pools, FEEL caches
    for (int i = 0; i < Math.min(500, requests / 10); i++) {
      send(http, uri, "warm-" + run + "-" + i);
    }
    long before = count(http, base, processKey);

    long[] latencies = new long[requests];
    AtomicInteger next = new AtomicInteger();
    Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    CountDownLatch done = new CountDownLatch(concurrency);
    long start = System.nanoTime();
    for (int t = 0; t < concurrency; t++) {
      Thread th = new Thread(() -> {
        try {
          int n;
          while ((n = next.getAndIncrement()) < requests) {
            long t0 = System.nanoTime();
            int status;
            try {
              status = send(http, uri, "bench-" + run + "-" + n);
            } catch (Exception e) {
              status = -1;
            }
            latencies[n] = System.nanoTime() - t0;
            statuses.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
          }
        } finally {
          done.countDown();
        }
      });
      th.start();
    }
    done.await();
    double seconds = (System.nanoTime() - start) / 1e9;
    long after = count(http, base, processKey);
    Arrays.sort(latencies);
    System.out.printf("requests=%d concurrency=%d seconds=%.2f throughput=%.0f req/s%n",
        requests, concurrency, seconds, requests / seconds);
    System.out.printf("latency p50=%.1f ms p99=%.1f ms max=%.1f ms%n",
        latencies[requests / 2] / 1e6, latencies[(int) (requests * 0.99)] / 1e6,
        latencies[requests - 1] / 1e6);
    System.out.println("statuses=" + statuses);
    long started = after - before;
    System.out.printf("instances started=%d sent=%d lost=%d duplicated=%d%n", started, requests,
        Math.max(0, requests - started), Math.max(0, started - requests));
  }

  private static int send(HttpClient http, URI uri, String id) throws Exception {
    String body = "{\"kind\":\"order\",\"id\":\"" + id + "\",\"orderId\":\"" + id + "\"}";
    return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static long count(HttpClient http, String base, String key) throws Exception {
    String body = http.send(HttpRequest.newBuilder(URI.create(base
        + "/engine-rest/history/process-instance/count?processDefinitionKey=" + key)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return Long.parseLong(body.replaceAll("[^0-9]", ""));
  }
}
