package dev.plugboard.benchmarks;

import dev.plugboard.runtime.invocation.InvocationRequest;
import dev.plugboard.runtime.invocation.Outcome;
import dev.plugboard.runtime.plugins.PluginInfo;
import dev.plugboard.runtime.registry.RegisteredConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Hot-load: a plugin jar copied into the watched folder of a running runtime, timed until the
 * first successful invocation of its connector. Each load is a new plugin version (same code,
 * another {@code Plugin-Version}); it is removed again before the next one.
 */
final class HotLoadBenchmark {

  /**
   * Results in nanoseconds: copy → first success, and its three parts: copy → the runtime saw
   * the jar complete (detection: change event, quiet period, zip check), jar seen → invocable
   * (the load, {@code PluginInfo}), and invocable → the first invocation completed (a cold
   * plugin: its classes, validator, HTTP client and connection).
   */
  record Result(List<Long> copyToFirstSuccess, List<Long> detectedToLoaded,
      List<Long> copyToDetected, List<Long> firstInvocation) {}

  private HotLoadBenchmark() {}

  static Result run(InProcessRuntime rt, Path pluginJar, Path staging, int warmup, int loads,
      InvocationRequest request) throws Exception {
    String pluginId = PluginJars.pluginId(pluginJar);
    String type = request.connectorType();
    List<Long> firstSuccess = new ArrayList<>();
    List<Long> loadStep = new ArrayList<>();
    List<Long> detection = new ArrayList<>();
    List<Long> firstCall = new ArrayList<>();
    Files.createDirectories(staging);
    for (int i = 0; i < warmup + loads; i++) {
      String version = "9.0." + i;
      Path variant = PluginJars.withVersion(pluginJar, staging.resolve("hot-" + version + ".jar"),
          version);
      Path target = rt.pluginsDir().resolve(pluginId + "-" + version + ".jar");
      java.time.Instant wall0 = java.time.Instant.now();
      long t0 = System.nanoTime();
      Files.copy(variant, target);
      long found;
      long deadline = t0 + Duration.ofSeconds(30).toNanos();
      while (true) {
        Optional<RegisteredConnector> c = rt.registry().find(type);
        if (c.isPresent() && version.equals(c.get().pluginVersion())) {
          found = System.nanoTime();
          Outcome outcome = rt.pipeline().invoke(request);
          if (outcome instanceof Outcome.Completed) {
            break;
          }
          throw new IllegalStateException("hot-loaded " + type + " " + version
              + " answered " + outcome + " instead of completing");
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("plugin " + pluginId + " " + version + " copied to "
              + target + " was not invocable within 30 s; plugins: " + rt.host().list());
        }
        LockSupport.parkNanos(500_000);
      }
      long elapsed = System.nanoTime() - t0;
      PluginInfo info = rt.host().active(pluginId).orElseThrow();
      if (i >= warmup) {
        firstSuccess.add(elapsed);
      }
      if (i >= warmup && info.detectedAt() != null && info.loadedAt() != null) {
        loadStep.add(Duration.between(info.detectedAt(), info.loadedAt()).toNanos());
        detection.add(Math.max(0, Duration.between(wall0, info.detectedAt()).toNanos()));
      }
      if (i >= warmup) {
        firstCall.add(t0 + elapsed - found);
      }
      if (!rt.host().remove(pluginId)) {
        throw new IllegalStateException("plugin " + pluginId + " was not active for removal");
      }
    }
    return new Result(firstSuccess, loadStep, detection, firstCall);
  }

  /** A GET of the stub server through the HTTP connector. */
  static InvocationRequest ping(String baseUrl) {
    return new InvocationRequest("plugboard:http:1",
        Map.of("url", baseUrl + "/ping", "method", "GET"), Map.of("resultVariable", "r"),
        "bench", 3);
  }
}
