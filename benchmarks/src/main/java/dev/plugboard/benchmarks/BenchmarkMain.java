package dev.plugboard.benchmarks;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.plugboard.runtime.invocation.InvocationRequest;
import dev.plugboard.runtime.plugins.PluginInfo;
import dev.plugboard.runtime.plugins.PluginState;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.camel.ProducerTemplate;

/**
 * Runs every benchmark once and prints one table: absolute figures, the baseline measured in the
 * same run, the ratio and the goal with PASS / MISS. Usage (from the repository root, after
 * {@code mvn -q -DskipTests package}):
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar [--quick] [--no-restart] [--no-postgres]
 *     [--lines=N] [--repo=DIR] [--only=hot-load,unload,invocation,pickup,webhook,restart,rpa] [--rpa-items=N]</pre>
 *
 * <p>All traffic stays on loopback: a JDK HTTP server stands in for the remote API, GreenMail
 * for the SMTP server; PostgreSQL is the local server (its own database, dropped afterwards).
 */
public final class BenchmarkMain {

  /** The admin token of the runtimes this harness starts. */
  static final String ADMIN_TOKEN = "bench-admin-token-not-a-secret";

  private static final String HTTP_TYPE = "plugboard:http:1";

  /** Sizes of one run. */
  record Settings(boolean quick, int hotLoads, int unloadWarmup, int unloadCycles,
      Duration warmup, Duration measure, int threads, int lines, int restartRuns,
      boolean restartPrime, boolean restart, boolean postgres, List<String> only,
      int rpaItems) {

    /** Whether a section is to run ({@code --only=hot-load,unload,...}; all by default). */
    boolean runs(String section) {
      return only.isEmpty() || only.contains(section);
    }

    static Settings of(List<String> args) {
      boolean quick = args.contains("--quick");
      int lines = args.stream().filter(a -> a.startsWith("--lines=")).findFirst()
          .map(a -> Integer.parseInt(a.substring("--lines=".length())))
          .orElse(quick ? 1000 : 5000);
      List<String> only = args.stream().filter(a -> a.startsWith("--only=")).findFirst()
          .map(a -> List.of(a.substring("--only=".length()).split(","))).orElse(List.of());
      return new Settings(quick, quick ? 10 : 20, quick ? 3 : 5, quick ? 30 : 100,
          Duration.ofSeconds(quick ? 2 : 5), Duration.ofSeconds(quick ? 4 : 10), 8, lines,
          quick ? 1 : 3, !quick, !args.contains("--no-restart"),
          !args.contains("--no-postgres"), only,
          args.stream().filter(a -> a.startsWith("--rpa-items=")).findFirst()
              .map(a -> Integer.parseInt(a.substring("--rpa-items=".length())))
              .orElse(quick ? 1000 : 5000));
    }
  }

  private final Settings settings;
  private final Path repo;
  private final List<Row> rows = new ArrayList<>();
  private final Path work;

  private BenchmarkMain(Settings settings, Path repo) throws IOException {
    this.settings = settings;
    this.repo = repo;
    this.work = Files.createTempDirectory("plugboard-bench-");
    // Also when the run is interrupted: the temporary homes hold databases and jar copies.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(work), "bench-cleanup"));
  }

  /**
   * Runs the benchmarks.
   *
   * @param args {@code --quick}, {@code --no-restart}, {@code --no-postgres},
   *     {@code --lines=N}, {@code --repo=DIR}
   */
  public static void main(String[] args) throws Exception {
    // The JDK HTTP server leaves Nagle's algorithm on: with delayed ACKs every small answer
    // would wait ~40 ms. Must be set before its classes load.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    List<String> list = List.of(args);
    if (list.contains("--help") || list.contains("-h")) {
      System.out.println("java -jar benchmarks/target/benchmarks.jar [--quick] [--no-restart]"
          + " [--no-postgres] [--lines=N] [--repo=DIR]"
          + " [--only=hot-load,unload,invocation,pickup,webhook,restart,rpa] [--rpa-items=N]");
      return;
    }
    Path repo = list.stream().filter(a -> a.startsWith("--repo=")).findFirst()
        .map(a -> Path.of(a.substring("--repo=".length()))).orElseGet(BenchmarkMain::findRepo);
    BenchmarkMain bench = new BenchmarkMain(Settings.of(list), repo.toAbsolutePath().normalize());
    int exit = bench.runAll();
    System.exit(exit);
  }

  /** The repository root: the working folder or one of its parents with {@code dist/}. */
  private static Path findRepo() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("connector-runtime")) && Files.isDirectory(p.resolve("dist"))) {
        return p;
      }
    }
    return dir;
  }

  private static void progress(String message) {
    System.err.printf(Locale.ROOT, "[bench %s] %s%n",
        Instant.now().truncatedTo(ChronoUnit.SECONDS), message);
  }

  private int runAll() throws Exception {
    long started = System.nanoTime();
    String loadBefore = loadAverage();
    progress("repo=" + repo + " work=" + work + " settings=" + settings);
    if (settings.only().equals(List.of("rpa"))) {
      runRpa(); // needs no plugin and no stub server
      return report(started, loadBefore);
    }
    Optional<Path> http = PluginJars.find(repo, "plugboard-connector-http",
        "connectors-catalog/http");
    Optional<Path> email = PluginJars.find(repo, "plugboard-email", "connectors-catalog/email");
    if (http.isEmpty()) {
      System.err.println("The HTTP connector plugin jar is not built: neither "
          + repo.resolve("dist/plugins") + "/plugboard-connector-http-*.jar nor"
          + " connectors-catalog/http/target has it. Build first: mvn -q -DskipTests package"
          + " (or pass --repo=<repository root>).");
      return 2;
    }
    progress("plugins: http=" + http.get() + " email=" + email.map(Path::toString).orElse("-"));
    try (StubHttpServer stub = new StubHttpServer()) {
      GreenMail smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", "smtp"));
      smtp.start();
      try {
        runInProcess(http.get(), email, stub, smtp);
        if (settings.postgres() && settings.runs("pickup")) {
          runPostgres(http.get(), email, stub, smtp);
        } else {
          add(Row.notMeasured("#4", "pickup-order on PostgreSQL", "--no-postgres given"));
        }
      } finally {
        smtp.stop();
      }
      if (settings.restart() && settings.runs("restart")) {
        runRestart(http.get(), stub);
      } else {
        add(Row.notMeasured("#3", "restart to first invocation", "--no-restart given"));
      }
    }
    if (settings.runs("rpa")) {
      runRpa();
    }
    if (settings.only().isEmpty()) {
      harnesses();
    }
    return report(started, loadBefore);
  }

  private int report(long started, String loadBefore) {
    sortRows();
    System.out.println();
    System.out.printf(Locale.ROOT, "Plugboard benchmarks %s — %s, %d cores, Java %s, %s%n",
        settings.quick() ? "(--quick)" : "(full)", Instant.now().truncatedTo(ChronoUnit.SECONDS),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    System.out.printf(Locale.ROOT, "Load average (1/5/15 min) at start: %s, at end: %s — other"
        + " processes on the machine share its cores and slow every figure alike.%n", loadBefore,
        loadAverage());
    System.out.println();
    System.out.print(Report.table(rows));
    System.out.println();
    System.out.printf(Locale.ROOT, "Total time %s.%n", Stats.seconds(System.nanoTime() - started));
    return 0;
  }

  /** Adds a row and shows it at once, so that an interrupted run still leaves its figures. */
  private void add(Row row) {
    rows.add(row);
    progress("row: " + row.issue() + " | " + row.measure() + " | " + row.value() + " | "
        + row.baseline() + " | " + row.ratio() + " | " + row.goal() + " | " + row.verdict());
  }

  private void sortRows() {
    rows.sort(Comparator.comparing(Row::issue));
  }

  private Map<String, Object> exampleSettings(StubHttpServer stub, GreenMail smtp) {
    return Map.of(
        "plugboard.examples.stock-api-url", stub.baseUrl() + "/stock",
        "plugboard.examples.smtp-host", "127.0.0.1",
        "plugboard.examples.smtp-port", String.valueOf(smtp.getSmtp().getPort()),
        "plugboard.examples.smtp-security", "NONE");
  }

  private void runInProcess(Path http, Optional<Path> email, StubHttpServer stub, GreenMail smtp)
      throws Exception {
    progress("starting the runtime in-process (embedded Operaton on H2)");
    Path home = work.resolve("in-process");
    try (InProcessRuntime rt = InProcessRuntime.start(home,
        "jdbc:h2:file:" + home.resolve("data/plugboard"), exampleSettings(stub, smtp))) {
      InvocationRequest ping = HotLoadBenchmark.ping(stub.baseUrl());
      if (settings.runs("hot-load")) {
        attempt("#3", "hot-load", () -> hotLoad(rt, http, ping));
      }
      if (settings.runs("unload")) {
        attempt("#3", "unload", () -> unload(rt, http, ping));
      }
      load(rt, http);
      if (settings.runs("invocation")) {
        attempt("#3", "invocation overhead", () -> invocation(rt, stub, ping));
      }
      email.ifPresent(e -> load(rt, e));
      if (settings.runs("pickup")) {
        attempt("#4", "pickup-order on H2", () -> pickupOrder(rt, stub, email.isPresent(), "H2"));
      }
      if (settings.runs("webhook")) {
        attempt("#5", "webhook", () -> webhook(rt));
      }
    }
  }

  private void runPostgres(Path http, Optional<Path> email, StubHttpServer stub, GreenMail smtp) {
    String db = "plugboard_bench_" + ProcessHandle.current().pid();
    String admin = "jdbc:postgresql://localhost:5432/test";
    try (Connection c = DriverManager.getConnection(admin, "postgres", "")) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + db);
      }
    } catch (SQLException e) {
      add(Row.notMeasured("#4", "pickup-order on PostgreSQL", "cannot create database " + db
          + " on localhost:5432 as postgres (" + e.getMessage() + ")"));
      return;
    }
    progress("starting the runtime in-process (embedded Operaton on PostgreSQL, database " + db
        + ")");
    try {
      Path home = work.resolve("postgres");
      Files.createDirectories(home.resolve("plugins"));
      Files.copy(http, home.resolve("plugins").resolve(http.getFileName()));
      if (email.isPresent()) {
        Files.copy(email.get(), home.resolve("plugins").resolve(email.get().getFileName()));
      }
      Map<String, Object> props = new java.util.HashMap<>(exampleSettings(stub, smtp));
      props.put("spring.datasource.username", "postgres");
      props.put("spring.datasource.password", "");
      try (InProcessRuntime rt = InProcessRuntime.start(home,
          "jdbc:postgresql://localhost:5432/" + db, props)) {
        attempt("#4", "pickup-order on PostgreSQL",
            () -> pickupOrder(rt, stub, email.isPresent(), "PostgreSQL"));
      }
    } catch (Exception e) {
      add(Row.notMeasured("#4", "pickup-order on PostgreSQL", e.toString()));
    } finally {
      try (Connection c = DriverManager.getConnection(admin, "postgres", "");
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
      } catch (SQLException e) {
        progress("could not drop database " + db + ": " + e.getMessage()
            + " — drop it by hand: psql -h localhost -U postgres -c 'DROP DATABASE " + db + "'");
      }
    }
  }

  private void load(InProcessRuntime rt, Path jar) {
    PluginInfo info = rt.host().loadFile(jar);
    if (info.state() != PluginState.ACTIVE) {
      throw new IllegalStateException("plugin " + jar + " did not load: " + info.lastError());
    }
  }

  /** A section that may fail: its rows become N/A with the reason, the others still run. */
  private interface Section {
    void run() throws Exception;
  }

  private void attempt(String issue, String name, Section section) {
    long t0 = System.nanoTime();
    progress(name + " ...");
    try {
      section.run();
      progress(name + " done in " + Stats.seconds(System.nanoTime() - t0));
    } catch (Exception | LinkageError e) {
      progress(name + " failed: " + e);
      e.printStackTrace();
      add(Row.notMeasured(issue, name, e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
  }

  private long hotLoadP50 = -1;
  private long hotLoadP95 = -1;

  private void hotLoad(InProcessRuntime rt, Path http, InvocationRequest ping) throws Exception {
    HotLoadBenchmark.Result r = HotLoadBenchmark.run(rt, http, work.resolve("staging"),
        2, settings.hotLoads(), ping);
    hotLoadP50 = Stats.percentile(r.copyToFirstSuccess(), 50);
    hotLoadP95 = Stats.percentile(r.copyToFirstSuccess(), 95);
    add(Row.goal("#3", "hot-load: jar copied into watched folder -> first successful"
        + " invocation, p50 / p95 over " + r.copyToFirstSuccess().size() + " loads (after 2"
        + " warm-up loads)",
        Stats.ms(hotLoadP50) + " / " + Stats.ms(hotLoadP95), "-", "-", "p95 <= 500 ms",
        hotLoadP95 <= 500_000_000L));
    if (!r.detectedToLoaded().isEmpty()) {
      add(Row.info("#3", "hot-load: of which the load itself (jar seen -> invocable,"
          + " PluginInfo), p50 / p95", Stats.ms(Stats.percentile(r.detectedToLoaded(), 50))
          + " / " + Stats.ms(Stats.percentile(r.detectedToLoaded(), 95)), "-", "-"));
      add(Row.info("#3", "hot-load: of which detection (copy -> jar seen complete: change event,"
          + " quiet period, zip check), p50 / p95", Stats.ms(Stats.percentile(
          r.copyToDetected(), 50)) + " / " + Stats.ms(Stats.percentile(r.copyToDetected(), 95)),
          "-", "-"));
    }
    add(Row.info("#3", "hot-load: of which the first invocation (invocable -> completed, cold"
        + " plugin), p50 / p95", Stats.ms(Stats.percentile(r.firstInvocation(), 50)) + " / "
        + Stats.ms(Stats.percentile(r.firstInvocation(), 95)), "-", "-"));
  }

  private void unload(InProcessRuntime rt, Path http, InvocationRequest ping) throws Exception {
    UnloadBenchmark.Result r = UnloadBenchmark.run(rt, http, settings.unloadWarmup(),
        settings.unloadCycles(), ping);
    add(Row.goal("#3", "unload: class loaders retained after GC, " + r.cycles()
        + " load/invoke/unload cycles", String.valueOf(r.retained()), "-", "-", "0",
        r.retained() == 0));
    double mb = r.metaspaceGrowthBytes() / (1024.0 * 1024.0);
    add(Row.goal("#3", "unload: metaspace growth over " + r.cycles() + " cycles",
        String.format(Locale.ROOT, "%.2f MB", mb), "-", "-", "<= 5 MB", mb <= 5.0));
    add(Row.info("#3", "unload: load+invoke+unload cycle time (mean)",
        Stats.ms(r.elapsedNanos() / r.cycles()), "-", "-"));
    for (String problem : r.unloadProblems()) {
      add(Row.info("#3", "unload: finding", problem, "-", "-"));
    }
  }

  private void invocation(InProcessRuntime rt, StubHttpServer stub, InvocationRequest ping)
      throws Exception {
    String url = stub.baseUrl() + "/ping";
    ProducerTemplate producer = rt.camel().createProducerTemplate();
    try {
      List<InvocationBenchmark.Call> calls = List.of(
          InvocationBenchmark.pipeline(rt.pipeline(), ping),
          InvocationBenchmark.camel(producer, url),
          InvocationBenchmark.jdkClient(url));
      List<InvocationBenchmark.Rate> r1 =
          InvocationBenchmark.rates(calls, 1, settings.warmup(), settings.measure());
      double[] one = r1.stream().mapToDouble(InvocationBenchmark.Rate::perSecond).toArray();
      double ratio = one[1] / one[0];
      add(Row.goal("#3", "invocation: HTTP GET through the pipeline vs plain Camel"
          + " ProducerTemplate (camel-http), 1 thread", Stats.rate(one[0]), Stats.rate(one[1])
          + " Camel", Stats.ratio(ratio) + " slower", "ratio <= 1.15", ratio <= 1.15));
      add(Row.goal("#3", "invocation: pipeline rate, 1 thread", Stats.rate(one[0]), "-", "-",
          ">= 3,000/s", one[0] >= 3000));
      add(Row.info("#3", "invocation: pipeline vs the JDK HttpClient alone (what the HTTP"
          + " connector uses), 1 thread", Stats.rate(one[0]), Stats.rate(one[2]) + " JDK client",
          Stats.ratio(one[2] / one[0]) + " slower"));
      addCpuPerCall("#3", "1 thread", r1);
      int n = settings.threads();
      List<InvocationBenchmark.Rate> rn =
          InvocationBenchmark.rates(calls, n, settings.warmup(), settings.measure());
      double[] many = rn.stream().mapToDouble(InvocationBenchmark.Rate::perSecond).toArray();
      double ratioN = many[1] / many[0];
      add(Row.goal("#6", "HTTP connector through the runtime, " + n + " threads, vs plain"
          + " Camel", Stats.rate(many[0]), Stats.rate(many[1]) + " Camel",
          Stats.ratio(ratioN) + " slower", ">= 3,000/s, ratio <= 1.15",
          many[0] >= 3000 && ratioN <= 1.15));
      add(Row.info("#6", "HTTP connector through the runtime vs the JDK HttpClient alone, "
          + n + " threads", Stats.rate(many[0]), Stats.rate(many[2]) + " JDK client",
          Stats.ratio(many[2] / many[0]) + " slower"));
      addCpuPerCall("#6", n + " threads", rn);
    } finally {
      producer.stop();
    }
  }

  /** Process CPU per call: pipeline vs Camel (and the JDK client), measured beside the rates. */
  private void addCpuPerCall(String issue, String threads, List<InvocationBenchmark.Rate> r) {
    add(Row.info(issue, "invocation: process CPU per call (all threads), pipeline vs plain Camel,"
        + " " + threads, Stats.micros(r.get(0).cpuMicrosPerCall()),
        Stats.micros(r.get(1).cpuMicrosPerCall()) + " Camel, "
            + Stats.micros(r.get(2).cpuMicrosPerCall()) + " JDK client",
        Stats.ratio(r.get(0).cpuMicrosPerCall() / r.get(1).cpuMicrosPerCall()) + " Camel's"));
  }

  private void pickupOrder(InProcessRuntime rt, StubHttpServer stub, boolean mail, String db)
      throws Exception {
    int lines = settings.lines();
    PickupOrderBenchmark.Result r = PickupOrderBenchmark.run(rt, stub, lines, mail,
        Duration.ofSeconds(settings.quick() ? 45 : 150));
    String stock = stub.baseUrl() + "/stock";
    // Same count straight through the pipeline, as many threads as the engine worker uses.
    long direct = PickupOrderBenchmark.pipelineOnly(rt.pipeline(), stock, lines, 32);
    double tps = r.tasksPerSecond();
    double directTps = lines / (direct / 1e9);
    String what = r.timedOut() ? " (time limit: " + r.reservations() + " of " + lines
        + " reservations done, instance deleted)"
        : r.ended() ? "" : " (no e-mail plugin built: until the mail task)";
    add(Row.info("#4", "pickup-order " + lines + " lines, embedded Operaton on " + db
        + ": wall time" + what, Stats.seconds(r.wallNanos()), Stats.seconds(direct)
        + " pipeline only", Stats.ratio((double) r.wallNanos() / direct) + " (engine overhead)"));
    add(Row.info("#4", "pickup-order on " + db + ": start call -> first reservation",
        Stats.seconds(r.startNanos()), "-", "-"));
    add(Row.goal("#4", "pickup-order " + lines + " lines on " + db + ": connector tasks/s",
        Stats.rate(tps), Stats.rate(directTps) + " pipeline only (32 threads)",
        Stats.ratio(directTps / tps) + " slower", ">= 500/s", tps >= 500 && !r.timedOut()));
  }

  private void webhook(InProcessRuntime rt) throws Exception {
    Optional<Path> jar = PluginJars.find(repo, "plugboard-connector-webhook",
        "connectors-catalog/webhook");
    if (jar.isEmpty()) {
      add(Row.notMeasured("#5", "webhook", "the webhook plugin jar is not built"
          + " (connectors-catalog/webhook); mvn -q -DskipTests package"));
      return;
    }
    load(rt, jar.get());
    int threads = 16;
    WebhookBenchmark.Result r = WebhookBenchmark.run(rt, settings.quick() ? 300 : 2000,
        settings.quick() ? 1500 : 10000, threads);
    String what = r.sent() + " requests, " + threads + " senders on loopback, H2";
    add(Row.goal("#5", "webhook start events: " + what + ", req/s vs the engine alone"
        + " (startProcessInstanceByMessage, same threads)", Stats.rate(r.rate()),
        Stats.rate(r.directRate()) + " engine alone", Stats.ratio(r.directRate() / r.rate())
        + " slower", ">= 2,000/s", r.rate() >= 2000));
    add(Row.info("#5", "webhook: process CPU per request (senders, Tomcat, plugin, FEEL,"
        + " dedup insert, engine: all in this JVM) vs per instance started by the engine alone",
        String.format(Locale.ROOT, "%.2f ms", r.cpuMillisPerRequest()),
        String.format(Locale.ROOT, "%.2f ms engine alone", r.directCpuMillisPerStart()),
        Stats.ratio(r.cpuMillisPerRequest() / r.directCpuMillisPerStart()) + " the engine's"));
    long p99 = Stats.percentile(r.latencies(), 99);
    add(Row.goal("#5", "webhook latency p50 / p99", Stats.ms(Stats.percentile(r.latencies(), 50))
        + " / " + Stats.ms(p99), "-", "-", "p99 <= 50 ms", p99 <= 50_000_000L));
    add(Row.goal("#5", "webhook: sent vs started (statuses " + r.statuses() + "), then "
        + r.replayed() + " replays", r.sent() + " sent / " + r.started() + " started, replays"
        + " started " + r.replayStarted(), "-", "-", "0 lost, 0 duplicated",
        r.lost() == 0 && r.duplicated() == 0 && r.ok() == r.sent()));
  }

  private void runRestart(Path http, StubHttpServer stub) {
    Path jar = repo.resolve("connector-runtime/target/connector-runtime.jar");
    if (!Files.isRegularFile(jar)) {
      add(Row.notMeasured("#3", "restart to first invocation", jar + " is not built"));
      return;
    }
    attempt("#3", "restart", () -> {
      List<Long> times = RestartBenchmark.run(jar, http, work.resolve("restart"),
          settings.restartRuns(), settings.restartPrime(), stub.baseUrl());
      long p50 = Stats.percentile(times, 50);
      String runs = times.size() + (times.size() == 1 ? " run" : " runs")
          + (settings.restartPrime() ? " after a priming run" : ", schema created in the run");
      if (hotLoadP50 < 0) {
        add(Row.info("#3", "restart: process start -> first invocation over HTTP, median of "
            + runs, Stats.seconds(p50), "-", "-"));
        return;
      }
      double ratio = (double) p50 / hotLoadP50;
      add(Row.goal("#3", "hot-load vs restart (process start -> first invocation over HTTP,"
          + " median of " + runs + ")", Stats.ms(hotLoadP50) + " hot-load p50",
          Stats.seconds(p50) + " restart", Stats.ratio(ratio) + " faster", ">= 20x",
          ratio >= 20));
    });
  }

  /** Issue 8: the RPA work queue, in a runtime of its own with bench bots configured. */
  private void runRpa() {
    int bots = 4;
    int items = settings.rpaItems();
    attempt("#8", "rpa queue", () -> {
      Path home = work.resolve("rpa");
      progress("starting the runtime in-process for the RPA queue (embedded Operaton on H2)");
      try (InProcessRuntime rt = InProcessRuntime.start(home,
          "jdbc:h2:file:" + home.resolve("data/plugboard"), RpaQueueBenchmark.botProperties(bots))) {
        RpaQueueBenchmark.deploy(rt.engine());
        // Warm-up of both paths (JIT, connection pools), then the measured runs.
        progress("rpa queue: warm-up, 200 items each way");
        RpaQueueBenchmark.engineBaseline(rt.engine(), 200, bots, 10, 4, 0);
        RpaQueueBenchmark.bridge(rt.engine(), rt.port(), 200, bots, 10, 4, 0);
        progress("rpa queue: engine baseline, " + items + " items");
        RpaQueueBenchmark.Result base = RpaQueueBenchmark.engineBaseline(rt.engine(), items,
            bots, 10, 4, 0);
        progress("rpa queue: engine baseline " + Stats.rate(base.itemsPerSecond())
            + "; bot API, " + items + " items");
        RpaQueueBenchmark.Result bridge = RpaQueueBenchmark.bridge(rt.engine(), rt.port(), items,
            bots, 10, 4, 0);
        double ratio = base.itemsPerSecond() / bridge.itemsPerSecond();
        add(Row.goal("#8", "RPA queue: " + items + " items end to end (process start -> bot"
            + " fetch over HTTP -> complete), " + bots + " bots, batch 10, 4 starters",
            Stats.rate(bridge.itemsPerSecond()), Stats.rate(base.itemsPerSecond())
            + " engine fetchAndLock/complete in-process", ratio >= 1
                ? Stats.ratio(ratio) + " slower" : Stats.ratio(1 / ratio) + " faster",
            ">= 1,000/s", bridge.itemsPerSecond() >= 1000 && bridge.duplicates() == 0));
        add(Row.info("#8", "RPA queue: process CPU per item in that run (starters, bots and"
            + " runtime: all in this JVM)", String.format(Locale.ROOT, "%.2f ms",
                bridge.cpuMillisPerItem()), String.format(Locale.ROOT, "%.2f ms engine",
                base.cpuMillisPerItem()), Stats.ratio(bridge.cpuMillisPerItem()
                / base.cpuMillisPerItem()) + " the engine's"));
        add(Row.info("#8", "RPA queue: enqueue -> pick-up p50 / p99 in that run (starts outpace"
            + " the bots: mostly waiting in line)",
            Stats.ms(Stats.percentile(bridge.pickupNanos(), 50)) + " / "
                + Stats.ms(Stats.percentile(bridge.pickupNanos(), 99)),
            Stats.ms(Stats.percentile(base.pickupNanos(), 50)) + " / "
                + Stats.ms(Stats.percentile(base.pickupNanos(), 99)) + " engine", "-"));
        // Latency of a queue that keeps up: items offered at half the measured rate, bots idle
        // in their long polls between items.
        double rate = Math.max(1, bridge.itemsPerSecond() / 2);
        int paced = (int) Math.max(20, Math.min(200, rate * 20));
        progress("rpa queue: latency at " + Stats.rate(rate) + " offered, " + paced + " items");
        RpaQueueBenchmark.Result pacedBase = RpaQueueBenchmark.engineBaseline(rt.engine(), paced,
            bots, 10, 1, rate);
        RpaQueueBenchmark.Result pacedBridge = RpaQueueBenchmark.bridge(rt.engine(), rt.port(),
            paced, bots, 10, 1, rate);
        add(Row.info("#8", "RPA queue: enqueue -> pick-up p50 / p99, " + paced + " items offered"
            + " at " + Stats.rate(rate) + " (half the measured rate; bots waiting in long polls)",
            Stats.ms(Stats.percentile(pacedBridge.pickupNanos(), 50)) + " / "
                + Stats.ms(Stats.percentile(pacedBridge.pickupNanos(), 99)),
            Stats.ms(Stats.percentile(pacedBase.pickupNanos(), 50)) + " / "
                + Stats.ms(Stats.percentile(pacedBase.pickupNanos(), 99))
                + " engine (polling every 1 ms)", "-"));
        int twice = bridge.duplicates() + pacedBridge.duplicates();
        add(Row.goal("#8", "RPA queue: items handed out twice (both runs)", String.valueOf(twice),
            (base.duplicates() + pacedBase.duplicates()) + " engine", "-", "0", twice == 0));
      }
    });
  }

  /** Harness classes others may have left (#5 is WebhookBenchmark, #8 RpaQueueBenchmark). */
  private void harnesses() throws IOException {
    List<Path> found = new ArrayList<>();
    for (String dir : List.of("connector-runtime", "integration-tests")) {
      Path root = repo.resolve(dir);
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        files.filter(p -> p.getFileName().toString().contains("Benchmark")
                && p.toString().endsWith(".java") && !p.toString().contains("/target/"))
            .forEach(found::add);
      }
    }
    for (Path p : found) {
      add(Row.notMeasured("#5/#8", repo.relativize(p).toString(),
          "harness found, not wired into this run yet"));
    }
  }

  /** The system load average (Linux), to judge how busy the machine was. */
  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " / " + f[1] + " / " + f[2];
    } catch (IOException | RuntimeException e) {
      return String.format(Locale.ROOT, "%.2f",
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      progress("could not delete " + dir + ": " + e.getMessage());
    }
  }
}
