package dev.plugboard.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The alternative to a hot-load: start the runtime jar as its own process with the plugin
 * already in its folder, timed until the first successful invocation over HTTP
 * ({@code POST /api/connectors/plugboard:http:1/invoke}). All runs share one home, so only the
 * first creates the H2 schema, as on a real restart; that first run is a priming run when more
 * than one is asked for.
 */
final class RestartBenchmark {

  private RestartBenchmark() {}

  /**
   * Measures restarts.
   *
   * @param runtimeJar {@code connector-runtime/target/connector-runtime.jar}
   * @param pluginJar the plugin to have in the folder
   * @param home the runtime's working folder
   * @param runs measured runs
   * @param prime whether to run once unmeasured first (creates the database schema)
   * @param stubUrl the URL the invocation calls
   * @return the measured start → first success times
   */
  static List<Long> run(Path runtimeJar, Path pluginJar, Path home, int runs, boolean prime,
      String stubUrl) throws Exception {
    Files.createDirectories(home.resolve("plugins"));
    Files.copy(pluginJar, home.resolve("plugins").resolve(pluginJar.getFileName()));
    List<Long> times = new ArrayList<>();
    for (int i = prime ? -1 : 0; i < runs; i++) {
      long t = once(runtimeJar, home, stubUrl, i);
      if (i >= 0) {
        times.add(t);
      }
    }
    return times;
  }

  private static long once(Path runtimeJar, Path home, String stubUrl, int run) throws Exception {
    int port = freePort();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-jar", runtimeJar.toString(),
        "--server.port=" + port,
        "--plugboard.plugins.dir=" + home.resolve("plugins"),
        "--plugboard.plugins.extra-dirs=" + home.resolve("no-extra-plugins"),
        "--plugboard.plugins.work-dir=" + home.resolve("cache"),
        "--spring.datasource.url=jdbc:h2:file:" + home.resolve("data/plugboard"),
        "--logging.level.root=WARN")
        .directory(home.toFile())
        .redirectErrorStream(true)
        .redirectOutput(home.resolve("runtime-" + run + ".log").toFile());
    pb.environment().put("PLUGBOARD_ADMIN_TOKEN", BenchmarkMain.ADMIN_TOKEN);
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest invoke = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/connectors/plugboard:http:1/invoke"))
        .header("Authorization", "Bearer " + BenchmarkMain.ADMIN_TOKEN)
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString("{\"variables\":{\"url\":\"" + stubUrl
            + "/ping\",\"method\":\"GET\"}}"))
        .build();
    long t0 = System.nanoTime();
    Process process = pb.start();
    // A harness stopped with Ctrl-C must not leave a runtime behind.
    Thread reaper = new Thread(process::destroyForcibly, "bench-reap-runtime");
    Runtime.getRuntime().addShutdownHook(reaper);
    try {
      long deadline = t0 + Duration.ofMinutes(3).toNanos();
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException("the runtime process ended with exit code "
              + process.exitValue() + " before it answered; see " + home.resolve(
              "runtime-" + run + ".log"));
        }
        try {
          HttpResponse<String> r = client.send(invoke, HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200) {
            return System.nanoTime() - t0;
          }
        } catch (IOException notYet) {
          // not listening yet
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the runtime did not invoke plugboard:http:1 within 3"
              + " minutes of its start; see " + home.resolve("runtime-" + run + ".log"));
        }
        LockSupport.parkNanos(20_000_000);
      }
    } finally {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      Runtime.getRuntime().removeShutdownHook(reaper);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
