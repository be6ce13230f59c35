package dev.plugboard.runtime.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unloaded plugins leave nothing behind: the class loader is collected, metaspace stays flat. */
class LeakTest {

  @TempDir Path dir;
  @TempDir Path work;
  @TempDir Path staging;
  PluginTestHost t;

  @BeforeEach
  void start() {
    t = new PluginTestHost(dir, work);
  }

  @AfterEach
  void stop() {
    t.close();
  }

  /** A plugin with a function and a route connector, exercised once: a realistic footprint. */
  static TestPluginJars busyPlugin() {
    return TestPluginJars.plugin("busy", "1.0.0")
        .connector("t.busy.Fn", TestPluginJars.functionConnector("t.busy", "Fn", "test:busy-fn:1",
            "\"fn \" + input.text()"))
        .connector("t.busy.Route", TestPluginJars.routeConnector("t.busy", "Route",
            "test:busy-route:1", "route ${body[text]}"))
        .withTemplates("test:busy-fn:1");
  }

  private WeakReference<ClassLoader> loadUseAndRemove(Path jar) throws Exception {
    PluginInfo info = t.host.loadFile(jar);
    assertThat(info.state()).as(info.lastError()).isEqualTo(PluginState.ACTIVE);
    assertThat(t.invoke("test:busy-fn:1", "a")).isEqualTo("fn a");
    assertThat(t.invoke("test:busy-route:1", "b")).isEqualTo("route b");
    WeakReference<ClassLoader> ref =
        new WeakReference<>(t.registry.find("test:busy-fn:1").orElseThrow().classLoader());
    assertThat(t.host.remove("busy")).isTrue();
    return ref;
  }

  static boolean collected(WeakReference<?> ref, Duration within) throws InterruptedException {
    long end = System.nanoTime() + within.toNanos();
    while (ref.get() != null && System.nanoTime() < end) {
      System.gc();
      // Give the collector and reference processing a moment between rounds.
      Thread.sleep(20);
    }
    return ref.get() == null;
  }

  @Test
  void unloadingAPluginFreesItsClassLoader() throws Exception {
    WeakReference<ClassLoader> ref = loadUseAndRemove(busyPlugin().writeTo(staging));

    assertThat(collected(ref, Duration.ofSeconds(10)))
        .as("the unloaded plugin's class loader is garbage-collected").isTrue();
  }

  @Test
  void fiftyLoadUnloadCyclesLeaveMetaspaceFlat() throws Exception {
    Path jar = busyPlugin().writeTo(staging);
    for (int i = 0; i < 5; i++) { // warm up: the host's own classes load once
      loadUseAndRemove(jar);
    }
    long before = metaspaceAfterGc();
    WeakReference<ClassLoader> last = null;
    for (int i = 0; i < 50; i++) {
      last = loadUseAndRemove(jar);
    }
    assertThat(collected(last, Duration.ofSeconds(10))).isTrue();
    long after = metaspaceAfterGc();

    long growthKb = (after - before) / 1024;
    System.out.printf("metaspace before=%d KB after=%d KB growth=%d KB over 50 cycles%n",
        before / 1024, after / 1024, growthKb);
    assertThat(growthKb).as("metaspace growth over 50 load/unload cycles, KB").isLessThan(3 * 1024);
  }

  @Test
  void aPluginThatLeaksAThreadIsReported() throws Exception {
    Path jar = TestPluginJars.plugin("leaky", "1.0.0")
        .manifest("Plugin-Class", "t.leaky.LeakyPlugin")
        .source("t.leaky.LeakyPlugin", """
            package t.leaky;
            public class LeakyPlugin extends org.pf4j.Plugin {
              static final java.util.concurrent.CountDownLatch STOP = new java.util.concurrent.CountDownLatch(1);
              public void start() {
                Thread t = new Thread(() -> {
                  try { STOP.await(); } catch (InterruptedException e) { }
                }, "leaky-poller");
                t.setDaemon(true);
                t.start();
              }
              public static void release() { STOP.countDown(); }
            }
            """)
        .connector("t.leaky.Fn", TestPluginJars.functionConnector("t.leaky", "Fn", "test:leaky:1",
            "\"x\""))
        .writeTo(dir);
    assertThat(t.host.loadFile(jar).state()).isEqualTo(PluginState.ACTIVE);
    Class<?> plugin = t.registry.find("test:leaky:1").orElseThrow().classLoader()
        .loadClass("t.leaky.LeakyPlugin");

    t.host.remove("leaky");

    assertThat(t.host.list()).singleElement().satisfies(p -> {
      assertThat(p.state()).isEqualTo(PluginState.UNLOADED);
      assertThat(p.lastError()).contains("threads still running after unload", "leaky-poller");
    });
    plugin.getMethod("release").invoke(null);
  }

  private static long metaspaceAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getName().equals("Metaspace")) {
        return pool.getUsage().getUsed();
      }
    }
    throw new IllegalStateException("no Metaspace pool");
  }
}
