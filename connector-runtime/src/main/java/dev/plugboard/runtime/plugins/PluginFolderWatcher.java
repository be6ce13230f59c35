package dev.plugboard.runtime.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the plugin folder with a fast poll: a jar that appears or changes is loaded once its
 * size and time stamp held still for one poll interval (so a copy in progress is never read
 * half-written), a jar that disappears is unloaded. Polling works the same on every file system,
 * including mounted volumes where {@code WatchService} stays silent.
 */
public final class PluginFolderWatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PluginFolderWatcher.class);

  private record Seen(long size, long modified, boolean handled) {}

  private final Path dir;
  private final PluginHost host;
  private final long intervalMillis;
  private final Map<Path, Seen> seen = new HashMap<>();
  private ScheduledExecutorService poller;

  /**
   * A watcher.
   *
   * @param dir the folder
   * @param host the host to tell
   * @param interval the poll interval
   */
  public PluginFolderWatcher(Path dir, PluginHost host, java.time.Duration interval) {
    this.dir = dir.toAbsolutePath().normalize();
    this.host = host;
    this.intervalMillis = Math.max(20, interval.toMillis());
  }

  /**
   * Loads the jars present now (synchronously: they are complete) and, when {@code watch}, polls
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
    for (Map.Entry<Path, BasicFileAttributes> jar : scan().entrySet()) {
      seen.put(jar.getKey(), new Seen(jar.getValue().size(),
          jar.getValue().lastModifiedTime().toMillis(), true));
      host.loadFile(jar.getKey());
    }
    if (watch) {
      poller = Executors.newSingleThreadScheduledExecutor(
          PluginHost.daemonThreads("plugboard-plugin-watch-"));
      poller.scheduleWithFixedDelay(this::pollSafely, intervalMillis, intervalMillis,
          TimeUnit.MILLISECONDS);
      log.info("event=plugin_dir_watched dir={} interval_ms={}", dir, intervalMillis);
    }
  }

  private void pollSafely() {
    try {
      poll();
    } catch (RuntimeException e) {
      log.error("event=plugin_watch_failed dir={} error=\"{}\"", dir, e.toString(), e);
    }
  }

  /** One scan: load stable new or changed jars, unload deleted ones. */
  synchronized void poll() {
    Map<Path, BasicFileAttributes> now = scan();
    Set<Path> gone = new HashSet<>(seen.keySet());
    gone.removeAll(now.keySet());
    for (Path path : gone) {
      Seen old = seen.remove(path);
      if (old.handled()) {
        host.fileRemoved(path);
      }
    }
    for (Map.Entry<Path, BasicFileAttributes> e : now.entrySet()) {
      Path path = e.getKey();
      long size = e.getValue().size();
      long modified = e.getValue().lastModifiedTime().toMillis();
      Seen old = seen.get(path);
      if (old == null || old.size() != size || old.modified() != modified) {
        seen.put(path, new Seen(size, modified, false));
      } else if (!old.handled() && size > 0) {
        seen.put(path, new Seen(size, modified, true));
        log.info("event=plugin_jar_detected file={} size={}", path, size);
        host.loadFile(path);
      }
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
  public synchronized void close() {
    if (poller != null) {
      poller.shutdownNow();
      poller = null;
    }
  }
}
