package dev.plugboard.rpa.runner;

import dev.plugboard.rpa.client.BotApiException;
import dev.plugboard.rpa.client.BotClient;
import dev.plugboard.rpa.client.BotItem;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot runner: {@code java -jar bot-runner.jar --config bot.yaml}. Each of
 * {@code concurrency} loops long-polls the bot API for one item, runs the item's configured
 * command ({@link ScriptExecutor}) while a heartbeat keeps the lock, uploads the logs and the
 * files the command left in {@code PLUGBOARD_ARTIFACTS_DIR}, and reports the result. When the
 * runner dies mid-item, the lock expires and the item goes to another bot.
 */
public final class BotRunner implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BotRunner.class);

  private final BotConfig config;
  private final BotClient client;
  private final ScriptExecutor executor = new ScriptExecutor();
  private final ScheduledExecutorService heartbeats;
  private final List<Thread> loops = new ArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean();

  /**
   * @param config the configuration
   * @param token the bot token
   */
  public BotRunner(BotConfig config, String token) {
    this.config = config;
    this.client = new BotClient(URI.create(config.runtime()), config.botId(), token);
    this.heartbeats = Executors.newScheduledThreadPool(1, r -> {
      Thread t = new Thread(r, "bot-heartbeat");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Entry point.
   *
   * @param args {@code --config <file>}
   */
  public static void main(String[] args) throws Exception {
    Path file = null;
    for (int i = 0; i < args.length; i++) {
      if ("--config".equals(args[i]) && i + 1 < args.length) {
        file = Path.of(args[++i]);
      } else if (args[i].startsWith("--config=")) {
        file = Path.of(args[i].substring("--config=".length()));
      }
    }
    if (file == null) {
      System.err.println("Usage: java -jar bot-runner.jar --config bot.yaml");
      System.exit(2);
    }
    BotConfig config;
    String token;
    try {
      config = BotConfig.read(file);
      token = config.tokenValue(file);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    BotRunner runner = new BotRunner(config, token);
    Runtime.getRuntime().addShutdownHook(new Thread(runner::close, "bot-runner-stop"));
    runner.start();
    runner.join();
  }

  /** Starts the loops. */
  public void start() {
    running.set(true);
    for (int i = 0; i < config.concurrencyOrDefault(); i++) {
      Thread t = new Thread(this::loop, "bot-" + config.botId() + "-" + (i + 1));
      loops.add(t);
      t.start();
    }
    log.info("Bot runner started bot={} runtime={} capabilities={} concurrency={}",
        config.botId(), config.runtime(), config.capabilities(), config.concurrencyOrDefault());
  }

  /** Waits for the loops to end. */
  public void join() throws InterruptedException {
    for (Thread t : loops) {
      t.join();
    }
  }

  /** Stops fetching; items in progress are killed and left to lock expiry. */
  @Override
  public void close() {
    if (running.getAndSet(false)) {
      loops.forEach(Thread::interrupt);
      heartbeats.shutdownNow();
      log.info("Bot runner stopping bot={}", config.botId());
    }
  }

  private void loop() {
    Duration backoff = Duration.ofMillis(500);
    List<String> caps = config.capabilities() == null ? List.of() : config.capabilities();
    while (running.get()) {
      List<BotItem> items;
      try {
        items = client.fetch(caps, 1, config.lockOrDefault(), config.pollWaitOrDefault());
        backoff = Duration.ofMillis(500);
      } catch (BotApiException e) {
        if (!running.get()) {
          return;
        }
        log.warn("Fetch failed bot={} status={} code={} error={}; retrying in {}", config.botId(),
            e.status(), e.code(), e.getMessage(), backoff);
        if (!pause(backoff)) {
          return;
        }
        backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
            ? Duration.ofSeconds(30) : backoff.multipliedBy(2);
        continue;
      }
      for (BotItem item : items) {
        work(item);
      }
    }
  }

  /** Runs one item and reports it. Package-private for tests. */
  void work(BotItem item) {
    String name = item.script() == null || item.script().isBlank() ? "default" : item.script();
    BotConfig.Script script = config.scripts().get(name);
    log.info("Item taken itemId={} queue={} script={} bot={}", item.id(), item.queue(), name,
        config.botId());
    if (script == null) {
      report(item, new ScriptResult.TechnicalError("SCRIPT_NOT_CONFIGURED", "Bot '"
          + config.botId() + "' has no script '" + name + "'; its scripts are "
          + config.scripts().keySet(), null));
      return;
    }
    AtomicBoolean ours = new AtomicBoolean(true);
    long every = Math.max(200, config.heartbeatOrDefault().toMillis());
    ScheduledFuture<?> beat = heartbeats.scheduleAtFixedRate(() -> {
      try {
        client.heartbeat(item.id(), config.lockOrDefault());
      } catch (BotApiException e) {
        if (e.itemLost()) {
          ours.set(false);
        }
        log.warn("Heartbeat failed itemId={} status={} code={}", item.id(), e.status(), e.code());
      }
    }, every, every, TimeUnit.MILLISECONDS);
    Path dir = config.workDirOrDefault().resolve(item.id());
    ScriptResult result;
    try {
      result = executor.run(item, script, dir, ours::get);
    } finally {
      beat.cancel(false);
    }
    if (!(result instanceof ScriptResult.Abandoned)) {
      uploadArtifacts(item, script, dir);
    }
    report(item, result);
    if (!Boolean.TRUE.equals(config.keepWorkDirs())) {
      deleteTree(dir);
    }
  }

  private void uploadArtifacts(BotItem item, BotConfig.Script script, Path dir) {
    List<Path> files = new ArrayList<>();
    if (!Boolean.FALSE.equals(script.uploadLogs())) {
      for (String log : List.of("stdout.log", "stderr.log")) {
        Path p = dir.resolve(log);
        try {
          if (Files.exists(p) && Files.size(p) > 0) {
            files.add(p);
          }
        } catch (IOException ignored) {
          // skip
        }
      }
    }
    try (Stream<Path> s = Files.list(dir.resolve("artifacts"))) {
      s.filter(Files::isRegularFile).forEach(files::add);
    } catch (IOException ignored) {
      // no artifacts folder
    }
    for (Path f : files) {
      try {
        client.uploadArtifact(item.id(), f.getFileName().toString(), f);
      } catch (RuntimeException e) {
        log.warn("Artifact upload failed itemId={} file={} error={}", item.id(), f.getFileName(),
            e.getMessage());
      }
    }
  }

  private void report(BotItem item, ScriptResult result) {
    try {
      if (result instanceof ScriptResult.Success s) {
        client.complete(item.id(), s.output());
      } else if (result instanceof ScriptResult.BusinessError b) {
        client.failBusiness(item.id(), b.code(), b.message(), java.util.Map.of());
      } else if (result instanceof ScriptResult.TechnicalError t) {
        client.failTechnical(item.id(), t.code(), t.message(), t.details(), null);
      } else if (result instanceof ScriptResult.Abandoned a) {
        log.warn("Item abandoned itemId={} reason={}", item.id(), a.reason());
        return;
      }
      log.info("Item reported itemId={} result={}", item.id(), result.getClass().getSimpleName());
    } catch (BotApiException e) {
      // 404/409/410: the item is no longer ours (lock expired and taken, process ended).
      log.warn("Report refused itemId={} status={} code={} error={}", item.id(), e.status(),
          e.code(), e.getMessage());
    }
  }

  private boolean pause(Duration d) {
    try {
      Thread.sleep(d.toMillis()); // back-off after a failed call, not a wait for a condition
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // left behind: harmless
    }
  }
}
