package dev.plugboard.benchmarks;

import dev.plugboard.runtime.invocation.InvocationPipeline;
import dev.plugboard.runtime.invocation.InvocationRequest;
import dev.plugboard.runtime.invocation.Outcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.ProducerTemplate;

/**
 * Invocation throughput: the same GET of the local stub server through the whole pipeline (HTTP
 * connector plugin, in-process {@code InvocationPipeline.invoke}), through a plain Camel
 * {@code ProducerTemplate} to camel-http, and through the JDK {@code HttpClient} alone (what the
 * HTTP connector uses underneath). Each variant is warmed up, then measured in two alternating
 * rounds so that drift of the machine hits all of them alike.
 */
final class InvocationBenchmark {

  /** One call; throws when the call did not succeed. */
  @FunctionalInterface
  interface Call {
    void run() throws Exception;
  }

  private InvocationBenchmark() {}

  static Call pipeline(InvocationPipeline pipeline, InvocationRequest request) {
    return () -> {
      Outcome o = pipeline.invoke(request);
      if (!(o instanceof Outcome.Completed)) {
        throw new IllegalStateException("pipeline answered " + o);
      }
    };
  }

  static Call camel(ProducerTemplate producer, String url) {
    String endpoint = url + "?httpMethod=GET";
    return () -> {
      String body = producer.requestBody(endpoint, null, String.class);
      if (body == null || body.isEmpty()) {
        throw new IllegalStateException("camel-http returned no body");
      }
    };
  }

  static Call jdkClient(String url) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).GET()
        .timeout(Duration.ofSeconds(60)).build();
    return () -> {
      HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("status " + r.statusCode());
      }
    };
  }

  /**
   * What one variant cost: calls per second, and the process's CPU time per call (every thread of
   * the JVM: callers, the HTTP client's threads, the stub server, the runtime's background work).
   * The CPU figure depends far less on how busy the machine is than the rate: on a shared machine
   * it is the fairer comparison of the variants' own work.
   *
   * @param perSecond calls per second
   * @param cpuMicrosPerCall process CPU microseconds per call
   */
  record Rate(double perSecond, double cpuMicrosPerCall) {}

  /**
   * Calls per second and CPU per call of each variant with the given number of threads.
   *
   * @param calls the variants
   * @param threads concurrent callers
   * @param warmup warm-up per variant
   * @param measure measured time per variant (split into two rounds)
   * @return the rates, in the order of {@code calls}
   */
  static List<Rate> rates(List<Call> calls, int threads, Duration warmup, Duration measure)
      throws Exception {
    for (Call c : calls) {
      timed(c, threads, warmup);
    }
    long[] ops = new long[calls.size()];
    long[] nanos = new long[calls.size()];
    long[] cpu = new long[calls.size()];
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < calls.size(); i++) {
        long t0 = System.nanoTime();
        long c0 = processCpuNanos();
        ops[i] += timed(calls.get(i), threads, measure.dividedBy(2));
        cpu[i] += processCpuNanos() - c0;
        nanos[i] += System.nanoTime() - t0;
      }
    }
    List<Rate> rates = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      rates.add(new Rate(ops[i] / (nanos[i] / 1e9), ops[i] == 0 ? 0 : cpu[i] / 1e3 / ops[i]));
    }
    return rates;
  }

  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** Runs {@code call} on {@code threads} threads for {@code duration}; returns calls done. */
  static long timed(Call call, int threads, Duration duration) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicBoolean stop = new AtomicBoolean();
    try {
      List<Future<Long>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(pool.submit(() -> {
          long n = 0;
          while (!stop.get()) {
            call.run();
            n++;
          }
          return n;
        }));
      }
      long end = System.nanoTime() + duration.toNanos();
      while (System.nanoTime() < end) {
        java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
      }
      stop.set(true);
      long total = 0;
      for (Future<Long> f : results) {
        total += f.get();
      }
      return total;
    } finally {
      pool.shutdownNow();
    }
  }
}
