package dev.plugboard.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The built runtime jar ({@code connector-runtime/target/connector-runtime.jar}) started as a
 * separate process, for black-box tests.
 *
 * <p>Each instance gets its own working directory under {@code target/it-work/} (so {@code ./data},
 * {@code ./plugins} and {@code ./processes} are private to it), a free port, an admin token
 * ({@code PLUGBOARD_ADMIN_TOKEN}) and a log file under {@code target/runtime-logs/}. {@link #start()}
 * waits until {@code /actuator/health} answers UP (bounded); {@link #close()} stops the process
 * (SIGTERM, then SIGKILL). Use it with try-with-resources or from {@code @AfterAll}:
 *
 * <pre>{@code
 * try (RuntimeProcess runtime = RuntimeProcess.builder("smoke")
 *     .withDistPlugins()                       // copies ../dist/plugins/*.jar into ./plugins
 *     .arg("--plugboard.engine=operaton")
 *     .env("PLUGBOARD_SECRET_TOKEN", "s3cret")
 *     .start()) {
 *   HttpResponse<String> r = runtime.get("/api/connectors");
 * }
 * }</pre>
 *
 * <p>When the runtime jar is missing, {@link #start()} fails with the command that builds it.
 */
public final class RuntimeProcess implements AutoCloseable {

  /** Longest wait for the runtime to report UP, unless the builder says otherwise. */
  public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(240);

  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String name;
  private final Path workDir;
  private final Path logFile;
  private final int port;
  private final String adminToken;
  private final List<String> command;
  private final Map<String, String> env;
  private final Duration startupTimeout;
  private final boolean requireUp;
  private Process process;

  private RuntimeProcess(Builder b) {
    this.name = b.name;
    this.workDir = b.workDir;
    this.logFile = b.logFile;
    this.port = b.port;
    this.adminToken = b.adminToken;
    this.env = b.env;
    this.startupTimeout = b.startupTimeout;
    this.requireUp = b.requireUp;
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(b.jvmArgs);
    cmd.add("-jar");
    cmd.add(runtimeJar().toString());
    cmd.add("--server.port=" + port);
    cmd.addAll(b.args);
    this.command = List.copyOf(cmd);
  }

  /**
   * A builder for a runtime process.
   *
   * @param name a short name for the working directory and the log file, such as {@code cluster-a}
   * @return the builder
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * The runtime jar under test: system property {@code plugboard.runtime.jar} (set by the module's
   * POM), else {@code ../connector-runtime/target/connector-runtime.jar}.
   *
   * @return the absolute path
   */
  public static Path runtimeJar() {
    return Path.of(System.getProperty("plugboard.runtime.jar",
        "../connector-runtime/target/connector-runtime.jar")).toAbsolutePath().normalize();
  }

  /**
   * The folder the build collects the repo's plugin jars into: system property
   * {@code plugboard.dist.plugins}, else {@code ../dist/plugins}.
   *
   * @return the absolute path (may not exist)
   */
  public static Path distPlugins() {
    return Path.of(System.getProperty("plugboard.dist.plugins", "../dist/plugins"))
        .toAbsolutePath().normalize();
  }

  /**
   * A jar from {@link #distPlugins()} named {@code <prefix>-<version>.jar}, such as
   * {@code "plugboard-connector-http"} for {@code plugboard-connector-http-0.1.0-SNAPSHOT.jar}.
   *
   * @param prefix the file name prefix
   * @return the jar, or {@code null} when the build has not produced it
   */
  public static Path distPlugin(String prefix) {
    Path dir = distPlugins();
    if (!Files.isDirectory(dir)) {
      return null;
    }
    try (Stream<Path> s = Files.list(dir)) {
      // prefix-<version>.jar, so "plugboard-connector-http" does not match "...-http-support-..."
      return s.filter(p -> p.getFileName().toString().matches(
              java.util.regex.Pattern.quote(prefix) + "-[0-9].*\\.jar"))
          .findFirst().orElse(null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts the process and waits until {@code /actuator/health} reports UP.
   *
   * @return this
   * @throws IllegalStateException when the jar is missing, the process exits, or it is not UP in
   *     time; the message carries the tail of the log
   */
  public RuntimeProcess start() {
    Path jar = runtimeJar();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("Runtime jar " + jar + " not found; build it first with"
          + " `mvn -q -o -pl connector-runtime -am package -DskipTests` (or run these tests with"
          + " `mvn -pl integration-tests -am verify`)");
    }
    try {
      Files.createDirectories(logFile.getParent());
      ProcessBuilder pb = new ProcessBuilder(command)
          .directory(workDir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      pb.environment().put("PLUGBOARD_ADMIN_TOKEN", adminToken);
      pb.environment().putAll(env);
      Files.writeString(logFile, "# " + Instant.now() + " " + String.join(" ", command) + "\n",
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start " + command, e);
    }
    awaitHealthy(startupTimeout);
    return this;
  }

  /**
   * Waits until {@code /actuator/health} answers 200 with status UP.
   *
   * @param timeout the longest wait
   */
  public void awaitHealthy(Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Runtime '" + name + "' exited with code "
            + process.exitValue() + " before it was healthy; log " + logFile + ":\n" + logTail(60));
      }
      try {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/actuator/health"))
            .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        last = r.statusCode() + " " + r.body();
        if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
          return;
        }
        if (!requireUp && (r.statusCode() == 200 || r.statusCode() == 503)) {
          return;
        }
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for runtime '" + name + "'", e);
      }
      try {
        // Polling an external process's port: there is no event to wait on.
        TimeUnit.MILLISECONDS.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for runtime '" + name + "'", e);
      }
    }
    throw new IllegalStateException("Runtime '" + name + "' not healthy within " + timeout
        + " (last answer: " + last + "); log " + logFile + ":\n" + logTail(60));
  }

  /** The base URL, such as {@code http://localhost:40123}. */
  public String baseUrl() {
    return "http://localhost:" + port;
  }

  /** The HTTP port. */
  public int port() {
    return port;
  }

  /** The admin token passed as {@code PLUGBOARD_ADMIN_TOKEN}. */
  public String adminToken() {
    return adminToken;
  }

  /** The process's working directory ({@code ./data}, {@code ./plugins}, {@code ./processes}). */
  public Path workDir() {
    return workDir;
  }

  /** The folder the runtime watches for plugin jars by default: {@code <workDir>/plugins}. */
  public Path pluginsDir() {
    return workDir.resolve("plugins");
  }

  /** Where the process's stdout and stderr go. */
  public Path logFile() {
    return logFile;
  }

  /** The operating-system process, for {@code pid()} or to check it is alive. */
  public Process process() {
    return process;
  }

  /**
   * The process log so far.
   *
   * @return the whole log
   */
  public String log() {
    try {
      return Files.readString(logFile);
    } catch (IOException e) {
      return "(log " + logFile + " unreadable: " + e + ")";
    }
  }

  /**
   * The last lines of the process log, for failure messages.
   *
   * @param lines how many
   * @return the lines
   */
  public String logTail(int lines) {
    List<String> all = log().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /**
   * Copies a plugin jar into {@link #pluginsDir()} (the runtime picks it up while running).
   *
   * @param jar the plugin jar
   * @return the copy
   */
  public Path addPlugin(Path jar) {
    return copyPlugin(jar, pluginsDir());
  }

  /**
   * {@code GET} a path, with the admin token.
   *
   * @param path such as {@code /api/connectors}
   * @return the response
   */
  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  /**
   * {@code POST} a JSON body to a path, with the admin token.
   *
   * @param path such as {@code /api/connectors/plugboard:http:1/invoke}
   * @param json the body
   * @return the response
   */
  public HttpResponse<String> postJson(String path, String json) {
    return send(HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /**
   * {@code DELETE} a path, with the admin token.
   *
   * @param path the path
   * @return the response
   */
  public HttpResponse<String> delete(String path) {
    return send(HttpRequest.newBuilder(uri(path)).DELETE());
  }

  /**
   * Sends any request to this runtime, adding the admin token unless an Authorization header is set.
   *
   * @param request a request builder whose URI is already set (use {@link #uri(String)})
   * @return the response
   */
  public HttpResponse<String> send(HttpRequest.Builder request) {
    HttpRequest built = request.timeout(Duration.ofSeconds(60)).build();
    if (built.headers().firstValue("Authorization").isEmpty()) {
      built = HttpRequest.newBuilder(built, (k, v) -> true)
          .header("Authorization", "Bearer " + adminToken).build();
    }
    try {
      return HTTP.send(built, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(built.method() + " " + built.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted: " + built.method() + " " + built.uri(), e);
    }
  }

  /**
   * An absolute URI on this runtime.
   *
   * @param path a path starting with {@code /}
   * @return the URI
   */
  public URI uri(String path) {
    return URI.create(baseUrl() + path);
  }

  /** Kills the process at once (SIGKILL), as a crash would; for fail-over tests. */
  public void kill() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      waitFor(Duration.ofSeconds(20));
    }
  }

  /** Stops the process: SIGTERM (graceful shutdown), then SIGKILL after 20 seconds. */
  @Override
  public void close() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    if (!waitFor(Duration.ofSeconds(20))) {
      process.destroyForcibly();
      waitFor(Duration.ofSeconds(10));
    }
  }

  private boolean waitFor(Duration d) {
    try {
      return process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Path copyPlugin(Path jar, Path dir) {
    try {
      Files.createDirectories(dir);
      return Files.copy(jar, dir.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not copy plugin " + jar + " to " + dir, e);
    }
  }

  /**
   * A free TCP port on localhost (closed again before it is returned; taken by the process soon
   * after).
   *
   * @return the port
   */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port", e);
    }
  }

  /** Configures a {@link RuntimeProcess}. */
  public static final class Builder {

    private final String name;
    private final Path workDir;
    private final Path logFile;
    private int port = freePort();
    private String adminToken = "it-admin-" + UUID.randomUUID();
    private final List<String> jvmArgs =
        new ArrayList<>(List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;
    private boolean requireUp = true;

    private Builder(String name) {
      this.name = name;
      String unique = name + "-" + SEQUENCE.incrementAndGet() + "-" + ProcessHandle.current().pid();
      Path target = Path.of("target").toAbsolutePath();
      this.logFile = Path.of(System.getProperty("plugboard.it.logs",
          target.resolve("runtime-logs").toString())).resolve(unique + ".log");
      try {
        this.workDir = Files.createDirectories(target.resolve("it-work").resolve(unique));
        Files.createDirectories(workDir.resolve("plugins"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Uses this port instead of a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Uses this admin token instead of a random one. */
    public Builder adminToken(String token) {
      this.adminToken = token;
      return this;
    }

    /** Adds a program argument, such as {@code --plugboard.engine=camunda8}. */
    public Builder arg(String arg) {
      args.add(arg);
      return this;
    }

    /** Sets a Spring property as a program argument {@code --key=value}. */
    public Builder property(String key, Object value) {
      args.add("--" + key + "=" + value);
      return this;
    }

    /** Adds a JVM option, such as {@code -Dfoo=bar}. */
    public Builder jvmArg(String arg) {
      jvmArgs.add(arg);
      return this;
    }

    /** Sets an environment variable of the process. */
    public Builder env(String key, String value) {
      env.put(key, value);
      return this;
    }

    /**
     * Whether {@link RuntimeProcess#start()} waits for UP (default) or for any health answer,
     * also DOWN (for tests of an unreachable engine).
     */
    public Builder requireUp(boolean requireUp) {
      this.requireUp = requireUp;
      return this;
    }

    /** Sets the longest wait for UP. */
    public Builder startupTimeout(Duration timeout) {
      this.startupTimeout = timeout;
      return this;
    }

    /** Copies a plugin jar into the process's {@code ./plugins} before it starts. */
    public Builder withPlugin(Path jar) {
      copyPlugin(jar, workDir.resolve("plugins"));
      return this;
    }

    /** Copies every jar of {@link RuntimeProcess#distPlugins()} into {@code ./plugins}. */
    public Builder withDistPlugins() {
      Path dir = distPlugins();
      if (Files.isDirectory(dir)) {
        try (Stream<Path> s = Files.list(dir)) {
          s.filter(p -> p.toString().endsWith(".jar")).forEach(this::withPlugin);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return this;
    }

    /** Copies a file into the process's {@code ./processes} folder (deployed at start). */
    public Builder withProcess(Path bpmn) {
      try {
        Path dir = Files.createDirectories(workDir.resolve("processes"));
        Files.copy(bpmn, dir.resolve(bpmn.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    /** The working directory, to place more files before start. */
    public Path workDir() {
      return workDir;
    }

    /** Builds without starting. */
    public RuntimeProcess build() {
      return new RuntimeProcess(this);
    }

    /** Builds and starts; see {@link RuntimeProcess#start()}. */
    public RuntimeProcess start() {
      return build().start();
    }
  }
}
