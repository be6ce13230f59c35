package dev.plugboard.it.rpa;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The built bot runner jar ({@code rpa-bridge/bot-runner/target/bot-runner.jar}) started as a
 * process with a configuration file, for black-box tests.
 */
final class BotRunnerProcess implements AutoCloseable {

  private final Process process;
  private final Path log;

  private BotRunnerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** The jar: system property {@code plugboard.bot-runner.jar}, else the build output. */
  static Path jar() {
    return Path.of(System.getProperty("plugboard.bot-runner.jar",
        "../rpa-bridge/bot-runner/target/bot-runner.jar")).toAbsolutePath().normalize();
  }

  /**
   * Starts a runner.
   *
   * @param dir a folder for its configuration, work folder and log
   * @param yaml the configuration
   * @return the process
   */
  static BotRunnerProcess start(Path dir, String yaml) {
    Path jar = jar();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("Bot runner jar " + jar + " not found; build it with"
          + " `mvn -q -o -pl rpa-bridge/bot-runner -am package -DskipTests`");
    }
    try {
      Files.createDirectories(dir);
      Path config = Files.writeString(dir.resolve("bot.yaml"), yaml);
      Path log = dir.resolve("bot-runner.log");
      Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-Xmx128m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
          "--config", config.toString())
          .directory(dir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      return new BotRunnerProcess(p, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Its log so far. */
  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log)";
    }
  }

  /** How many processes the runner started are still alive. */
  long descendantsAlive() {
    return process.descendants().filter(ProcessHandle::isAlive).count();
  }

  /** Kills the runner and every process it started, at once, as a crash would. */
  void kill() {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    kill();
  }
}
