package dev.plugboard.runtime.plugins;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the plugin folder: a jar that appears or changes is loaded once it is complete, a jar
 * that disappears is unloaded.
 *
 * <p>The file system's change events ({@link WatchService}, inotify on Linux) wake the watcher at
 * once; a scan every poll interval covers file systems that send no events (some network and
 * container mounts) and lost events. A jar counts as complete when both hold:
 * <ul>
 *   <li>its size and time stamp have not changed for the quiet period, and
 *   <li>its zip central directory opens: a jar is written front to back and its directory comes
 *       last, so a half-copied jar does not open.
 * </ul>
 * A file that stays unchanged but never opens as a zip (random bytes named {@code .jar}, an
 * aborted copy) is handed to the host after {@link #INCOMPLETE_GRACE}, which refuses it with its
 * reason; when the file changes again it is tried again.
 */
public final class PluginFolderWatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PluginFolderWatcher.class);
  /** How long a file that is not a complete zip must hold still before the host may refuse it. */
  static final Duration INCOMPLETE_GRACE = Duration.ofSeconds(2);

  /** What a jar looked like: size, time stamp and file key (inode: a jar renamed over another). */
  private record Seen(long size, long modified, Object fileKey, long changedAt, boolean handled) {

    boolean sameFile(BasicFileAttributes a) {
      return size == a.size() && modified == a.lastModifiedTime().toMillis()
          && java.util.Objects.equals(fileKey, a.fileKey());
    }
  }

  private final Path dir;
  private final PluginHost host;
  private final long intervalNanos;
  private final long quietNanos;
  private final Map<Path, Seen> seen = new HashMap<>();
  private Thread thread;
  private WatchService events;
  private volatile boolean closed;

  /**
   * A watcher with a quiet period of 50 ms.
   *
   * @param dir the folder
   * @param host the host to tell
   * @param interval the fallback scan interval
   */
  public PluginFolderWatcher(Path dir, PluginHost host, Duration interval) {
    this(dir, host, interval, Duration.ofMillis(50));
  }

  /**
   * A watcher.
   *
   * @param dir the folder
   * @param host the host to tell
   * @param interval the fallback scan interval
   * @param quietPeriod how long a jar's size and time stamp must hold still before it is read
   */
  public PluginFolderWatcher(Path dir, PluginHost host, Duration interval, Duration quietPeriod) {
    this.dir = dir.toAbsolutePath().normalize();
    this.host = host;
    this.intervalNanos = Math.max(20, interval.toMillis()) * 1_000_000L;
    this.quietNanos = Math.max(0, quietPeriod.toNanos());
  }

  /**
   * Loads the jars present now (synchronously: they are complete) and, when {@code watch}, watches
   * for changes from then on.
   *
   * @param watch whether to keep watching
   */
  public synchronized void start(boolean watch) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      log.warn("event=plugin_dir_unavailable dir={} error=\"{}\"", dir, e.toString());
    }
    if (watch) {
      // Registered before the first scan, so a jar copied in meanwhile raises an event.
      events = openWatchService();
    }
    long now = System.nanoTime();
    for (Map.Entry<Path, BasicFileAttributes> jar : scan().entrySet()) {
      seen.put(jar.getKey(), new Seen(jar.getValue().size(),
          jar.getValue().lastModifiedTime().toMillis(), jar.getValue().fileKey(), now, true));
      host.loadFile(jar.getKey());
    }
    if (watch) {
      thread = new Thread(this::run, "plugboard-plugin-watch");
      thread.setDaemon(true);
      thread.setContextClassLoader(PluginFolderWatcher.class.getClassLoader());
      thread.start();
      log.info("event=plugin_dir_watched dir={} events={} scan_interval_ms={} quiet_ms={}", dir,
          events != null, intervalNanos / 1_000_000, quietNanos / 1_000_000);
    }
  }

  private WatchService openWatchService() {
    try {
      WatchService ws = FileSystems.getDefault().newWatchService();
      dir.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
          StandardWatchEventKinds.ENTRY_DELETE);
      return ws;
    } catch (IOException | UnsupportedOperationException e) {
      log.info("event=plugin_dir_events_unavailable dir={} error=\"{}\" detail=\"scanning only\"",
          dir, e.toString());
      return null;
    }
  }

  private void run() {
    long nextScan = System.nanoTime() + intervalNanos;
    long due = Long.MAX_VALUE;
    while (!closed) {
      long wait = Math.max(0, Math.min(nextScan, due) - System.nanoTime());
      try {
        if (waitForEvents(wait)) {
          due = pollSafely();
        } else if (System.nanoTime() - Math.min(nextScan, due) >= 0) {
          due = pollSafely();
          nextScan = System.nanoTime() + intervalNanos;
        }
      } catch (ClosedWatchServiceException | InterruptedException stop) {
        return;
      }
    }
  }

  /** Waits up to {@code nanos}; true when the folder reported a change. */
  private boolean waitForEvents(long nanos) throws InterruptedException {
    if (events == null) {
      LockSupport.parkNanos(nanos);
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      return false;
    }
    WatchKey key = events.poll(nanos, TimeUnit.NANOSECONDS);
    if (key == null) {
      return false;
    }
    // Which file changed does not matter: the scan compares every jar; an OVERFLOW is covered too.
    key.pollEvents();
    key.reset();
    return true;
  }

  private long pollSafely() {
    try {
      return poll();
    } catch (RuntimeException e) {
      log.error("event=plugin_watch_failed dir={} error=\"{}\"", dir, e.toString(), e);
      return System.nanoTime() + intervalNanos;
    }
  }

  /**
   * One scan: load complete new or changed jars, unload deleted ones.
   *
   * @return when a jar that is not complete yet should be looked at again ({@link System#nanoTime}),
   *     or {@code Long.MAX_VALUE} when none waits
   */
  synchronized long poll() {
    long now = System.nanoTime();
    long due = Long.MAX_VALUE;
    Map<Path, BasicFileAttributes> found = scan();
    Set<Path> gone = new HashSet<>(seen.keySet());
    gone.removeAll(found.keySet());
    for (Path path : gone) {
      Seen old = seen.remove(path);
      if (old.handled()) {
        host.fileRemoved(path);
      }
    }
    for (Map.Entry<Path, BasicFileAttributes> e : found.entrySet()) {
      Path path = e.getKey();
      long size = e.getValue().size();
      long modified = e.getValue().lastModifiedTime().toMillis();
      Seen old = seen.get(path);
      if (old == null || !old.sameFile(e.getValue())) {
        seen.put(path, new Seen(size, modified, e.getValue().fileKey(), now, false));
        due = Math.min(due, now + quietNanos);
        continue;
      }
      if (old.handled() || size == 0) {
        continue;
      }
      long still = now - old.changedAt();
      if (still < quietNanos) {
        due = Math.min(due, old.changedAt() + quietNanos);
        continue;
      }
      boolean complete = opensAsZip(path);
      if (!complete && still < INCOMPLETE_GRACE.toNanos()) {
        // Still being written (a stalled copy), or not a jar at all: look again shortly.
        due = Math.min(due, now + Math.max(quietNanos, 20_000_000L));
        continue;
      }
      seen.put(path, new Seen(size, modified, old.fileKey(), old.changedAt(), true));
      log.info("event=plugin_jar_detected file={} size={} complete_zip={} still_ms={}", path, size,
          complete, still / 1_000_000);
      host.loadFile(path);
    }
    return due;
  }

  /** Whether the zip central directory (written last) can be read: the copy is complete. */
  static boolean opensAsZip(Path path) {
    try (ZipFile zip = new ZipFile(path.toFile())) {
      return zip.size() >= 0;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private Map<Path, BasicFileAttributes> scan() {
    Map<Path, BasicFileAttributes> jars = new HashMap<>();
    if (!Files.isDirectory(dir)) {
      return jars;
    }
    try (Stream<Path> files = Files.list(dir)) {
      files.filter(p -> {
        String name = p.getFileName().toString();
        return name.endsWith(".jar") && !name.startsWith(".");
      }).forEach(p -> {
        try {
          BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
          if (a.isRegularFile()) {
            jars.put(p.toAbsolutePath().normalize(), a);
          }
        } catch (IOException vanished) {
          // deleted between list and read: the next scan sees it gone
        }
      });
    } catch (IOException e) {
      log.warn("event=plugin_dir_unreadable dir={} error=\"{}\"", dir, e.toString());
    }
    return jars;
  }

  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      closed = true;
      t = thread;
      thread = null;
      if (events != null) {
        try {
          events.close();
        } catch (IOException e) {
          log.debug("event=plugin_watch_close_failed error=\"{}\"", e.toString());
        }
      }
    }
    if (t != null) {
      t.interrupt();
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
