package dev.plugboard.benchmarks;

import dev.plugboard.runtime.invocation.InvocationRequest;
import dev.plugboard.runtime.invocation.Outcome;
import dev.plugboard.runtime.plugins.PluginInfo;
import dev.plugboard.runtime.plugins.PluginState;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Unload: load, invoke once, remove, many times over; then how many of the plugin class loaders
 * survive a full GC, and how much metaspace grew.
 */
final class UnloadBenchmark {

  /**
   * The outcome.
   *
   * @param cycles cycles measured
   * @param retained class loaders still reachable after GC
   * @param metaspaceGrowthBytes metaspace used after minus before (after GC)
   * @param unloadProblems unloads the runtime reported with problems (first one kept)
   * @param elapsedNanos time of the measured cycles
   */
  record Result(int cycles, int retained, long metaspaceGrowthBytes, List<String> unloadProblems,
      long elapsedNanos) {}

  private UnloadBenchmark() {}

  static Result run(InProcessRuntime rt, Path pluginJar, int warmup, int cycles,
      InvocationRequest request) throws Exception {
    String pluginId = PluginJars.pluginId(pluginJar);
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < warmup; i++) {
      cycle(rt, pluginJar, pluginId, request, problems);
    }
    problems.clear();
    long before = metaspaceAfterGc();
    List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < cycles; i++) {
      loaders.add(cycle(rt, pluginJar, pluginId, request, problems));
    }
    long elapsed = System.nanoTime() - t0;
    long end = System.nanoTime() + 20_000_000_000L;
    while (alive(loaders) > 0 && System.nanoTime() < end) {
      System.gc();
      LockSupport.parkNanos(50_000_000); // reference processing between rounds
    }
    int retained = alive(loaders);
    for (WeakReference<ClassLoader> ref : loaders) {
      ClassLoader loader = ref.get();
      if (loader != null && problems.size() < 3) {
        problems.add("retained loader " + loader + " is the context class loader of threads "
            + holders(loader));
      }
      loader = null;
    }
    long after = metaspaceAfterGc();
    return new Result(cycles, retained, after - before, problems, elapsed);
  }

  private static WeakReference<ClassLoader> cycle(InProcessRuntime rt, Path jar, String pluginId,
      InvocationRequest request, List<String> problems) {
    PluginInfo info = rt.host().loadFile(jar);
    if (info.state() != PluginState.ACTIVE) {
      throw new IllegalStateException("plugin " + jar + " did not load: " + info.state() + " "
          + info.lastError());
    }
    Outcome outcome = rt.pipeline().invoke(request);
    if (!(outcome instanceof Outcome.Completed)) {
      throw new IllegalStateException("invocation after load answered " + outcome);
    }
    WeakReference<ClassLoader> ref = new WeakReference<>(
        rt.registry().find(request.connectorType()).orElseThrow().classLoader());
    rt.host().remove(pluginId);
    for (PluginInfo p : rt.host().list()) {
      if (p.state() == PluginState.UNLOADED && p.lastError() != null && problems.isEmpty()) {
        problems.add(p.lastError());
      }
    }
    return ref;
  }

  /** Live threads that pin a loader (as context class loader or by their own class). */
  private static List<String> holders(ClassLoader loader) {
    List<String> names = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getContextClassLoader() == loader || t.getClass().getClassLoader() == loader) {
        names.add(t.getName());
      }
    }
    return names;
  }

  private static int alive(List<WeakReference<ClassLoader>> refs) {
    int n = 0;
    for (WeakReference<ClassLoader> r : refs) {
      if (r.get() != null) {
        n++;
      }
    }
    return n;
  }

  static long metaspaceAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      LockSupport.parkNanos(50_000_000);
    }
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getName().equals("Metaspace")) {
        return pool.getUsage().getUsed();
      }
    }
    throw new IllegalStateException("this JVM reports no Metaspace memory pool");
  }
}
