package dev.plugboard.runtime.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watched folder: copy in → invocable, copy a newer version → takeover, delete → gone. */
class HotReloadTest {

  @TempDir Path dir;
  @TempDir Path work;
  @TempDir Path staging;
  PluginTestHost t;
  PluginFolderWatcher watcher;

  @BeforeEach
  void start() {
    t = new PluginTestHost(PluginsProperties.defaults(dir, work)
        .withDrainDeadline(Duration.ofSeconds(10)));
    watcher = new PluginFolderWatcher(dir, t.host, Duration.ofMillis(100));
    watcher.start(true);
  }

  @AfterEach
  void stop() {
    watcher.close();
    t.close();
  }

  /** Same classes for every version; the reply comes from the jar's resource. */
  static TestPluginJars counter(String version) {
    return TestPluginJars.plugin("counter", version)
        .connector("t.counter.Count", TestPluginJars.routeConnector("t.counter", "Count",
            "test:count:1", "${body[text]}"))
        .connector("t.counter.Version", TestPluginJars.functionConnector("t.counter", "Version",
            "test:version:1", "new String(Version.class.getResourceAsStream(\"/version.txt\")"
                + ".readAllBytes())"))
        .resource("version.txt", version)
        .withTemplates("test:version:1");
  }

  @Test
  void aJarCopiedIntoTheFolderIsInvocableWithinASecondAndGoneWhenDeleted() throws Exception {
    byte[] jar = counter("1.0.0").bytes();
    long start = System.nanoTime();
    // a plain, non-atomic copy, as cp does: the watcher waits until the size holds still
    Files.write(dir.resolve("counter.jar"), jar);

    await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10))
        .until(() -> t.registry.find("test:version:1").isPresent());
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.println("jar copied -> invocable: " + millis + " ms");
    assertThat(t.invoke("test:version:1", "")).isEqualTo("1.0.0");

    Files.delete(dir.resolve("counter.jar"));
    await().atMost(Duration.ofSeconds(3)).until(() -> t.registry.find("test:version:1").isEmpty()
        && t.host.list().isEmpty());
    assertThat(t.camel.getRoutes()).isEmpty();
  }

  @Test
  void aHalfCopiedJarIsNotLoadedUntilItsLastByteIsWritten() throws Exception {
    byte[] jar = counter("1.0.0").bytes();
    Path target = dir.resolve("counter.jar");
    // a copy that stalls half-way for longer than the quiet period, as a slow network copy does
    Files.write(target, java.util.Arrays.copyOf(jar, jar.length / 2));
    assertThat(PluginFolderWatcher.opensAsZip(target)).isFalse();

    await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2))
        .until(() -> t.host.list().isEmpty());

    try (var out = Files.newOutputStream(target, java.nio.file.StandardOpenOption.APPEND)) {
      out.write(jar, jar.length / 2, jar.length - jar.length / 2);
    }
    assertThat(PluginFolderWatcher.opensAsZip(target)).isTrue();
    await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10))
        .until(() -> t.registry.find("test:version:1").isPresent());
    assertThat(t.invoke("test:version:1", "")).isEqualTo("1.0.0");
    assertThat(t.host.list()).singleElement()
        .satisfies(p -> assertThat(p.state()).isEqualTo(PluginState.ACTIVE));
  }

  @Test
  void replacingUnderLoadFailsNoInvocation() throws Exception {
    Files.write(dir.resolve("counter.jar"), counter("1.0.0").bytes());
    await().atMost(Duration.ofSeconds(3)).until(() -> t.registry.find("test:count:1").isPresent());

    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger ok = new AtomicInteger();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    Map<String, AtomicInteger> versionsSeen = new ConcurrentHashMap<>();
    List<Thread> hammers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Thread h = new Thread(() -> {
        while (running.get()) {
          try {
            Object reply = t.invoke("test:count:1", "ping");
            if (!"ping".equals(reply)) {
              throw new AssertionError("unexpected reply " + reply);
            }
            versionsSeen.computeIfAbsent(String.valueOf(t.invoke("test:version:1", "")),
                k -> new AtomicInteger()).incrementAndGet();
            ok.incrementAndGet();
          } catch (Throwable e) {
            failures.add(e);
          }
        }
      }, "hammer-" + i);
      h.start();
      hammers.add(h);
    }
    await().until(() -> ok.get() > 200);

    // replace in place: a new version over the same file name, written atomically
    counter("1.1.0").writeTo(dir, "counter.jar");
    await().atMost(Duration.ofSeconds(5)).until(() -> versionsSeen.containsKey("1.1.0"));
    await().atMost(Duration.ofSeconds(10)).until(() -> t.host.list().size() == 1);
    int afterReplace = ok.get();
    await().until(() -> ok.get() > afterReplace + 200);
    running.set(false);
    for (Thread h : hammers) {
      h.join(5000);
    }

    assertThat(failures).as("failed invocations during the replacement").isEmpty();
    assertThat(t.host.list()).singleElement().satisfies(p -> {
      assertThat(p.version()).isEqualTo("1.1.0");
      assertThat(p.state()).isEqualTo(PluginState.ACTIVE);
    });
    assertThat(t.invoke("test:version:1", "")).isEqualTo("1.1.0");
    assertThat(t.camel.getRoutes()).extracting(r -> r.getRouteId())
        .containsExactly("counter-1.1.0-test-count-1");
    System.out.println("invocations during replace test: " + ok.get() + " versions " + versionsSeen);
  }

  @Test
  void aBadJarInTheFolderIsListedWithItsReasonAndForgottenWhenDeleted() throws Exception {
    Files.write(dir.resolve("broken.jar"), "not a jar".getBytes());

    // handed to the host (and refused) once it held still for the grace given to stalled copies
    await().atMost(PluginFolderWatcher.INCOMPLETE_GRACE.plusSeconds(3))
        .until(() -> !t.host.list().isEmpty());
    assertThat(t.host.list()).singleElement().satisfies(p -> {
      assertThat(p.state()).isEqualTo(PluginState.REFUSED);
      assertThat(p.lastError()).contains("broken.jar", "not a jar");
    });

    Files.delete(dir.resolve("broken.jar"));
    await().atMost(Duration.ofSeconds(3)).until(() -> t.host.list().isEmpty());
  }

  @Test
  void anUploadIsStoredInTheFolderAndNotLoadedTwice() throws Exception {
    byte[] jar = counter("2.0.0").bytes();

    PluginInfo info = t.host.upload(new java.io.ByteArrayInputStream(jar), "my-upload.jar");

    assertThat(info.state()).isEqualTo(PluginState.ACTIVE);
    assertThat(dir.resolve("counter-2.0.0.jar")).exists();
    // the watcher sees the stored file: same bytes, nothing loads twice
    await().pollDelay(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2))
        .until(() -> t.host.list().size() == 1);
    assertThat(t.host.list().get(0).file()).isEqualTo("counter-2.0.0.jar");

    assertThat(t.host.remove("counter")).isTrue();
    assertThat(dir.resolve("counter-2.0.0.jar")).doesNotExist();
  }
}
