package dev.plugboard.rpa.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.rpa.client.BotItem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs one item's command: the input JSON on stdin or in {@code PLUGBOARD_INPUT_FILE}, the output
 * JSON from stdout or {@code PLUGBOARD_OUTPUT_FILE}, stdout and stderr into files of the item's
 * folder (never pipes, so a chatty process cannot block), the exit code mapped to success,
 * business or technical error, and the whole process tree killed on timeout.
 */
public final class ScriptExecutor {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TAIL = 2_000;

  /**
   * Runs an item.
   *
   * @param item the item
   * @param script its command
   * @param dir the item's folder (created)
   * @param stillOurs polled while running; false (lock lost) kills the process
   * @return the result
   */
  public ScriptResult run(BotItem item, BotConfig.Script script, Path dir,
      BooleanSupplier stillOurs) {
    Path input = dir.resolve("input.json");
    Path output = dir.resolve("output.json");
    Path stdout = dir.resolve("stdout.log");
    Path stderr = dir.resolve("stderr.log");
    Path artifacts = dir.resolve("artifacts");
    Process process;
    try {
      Files.createDirectories(artifacts);
      Files.write(input, JSON.writeValueAsBytes(item.input() == null
          ? JSON.createObjectNode() : item.input()));
      ProcessBuilder pb = new ProcessBuilder(script.command())
          .directory((script.workingDir() == null ? dir : script.workingDir()).toFile())
          .redirectOutput(stdout.toFile())
          .redirectError(stderr.toFile());
      if (script.inputOnStdin()) {
        pb.redirectInput(input.toFile());
      } else {
        pb.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
      }
      Map<String, String> env = pb.environment();
      env.put("PLUGBOARD_ITEM_ID", item.id());
      env.put("PLUGBOARD_QUEUE", String.valueOf(item.queue()));
      env.put("PLUGBOARD_INPUT_FILE", input.toAbsolutePath().toString());
      env.put("PLUGBOARD_OUTPUT_FILE", output.toAbsolutePath().toString());
      env.put("PLUGBOARD_ARTIFACTS_DIR", artifacts.toAbsolutePath().toString());
      if (script.env() != null) {
        env.putAll(script.env());
      }
      process = pb.start();
    } catch (IOException e) {
      return new ScriptResult.TechnicalError("SCRIPT_NOT_STARTED", "Could not start "
          + script.command() + " for item " + item.id() + ": " + e.getMessage(), null);
    }
    Duration timeout = item.timeoutMillis() != null && item.timeoutMillis() > 0
        ? Duration.ofMillis(item.timeoutMillis()) : script.timeoutOrDefault();
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (!process.waitFor(Math.min(200, Math.max(1,
          (deadline - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS)) {
        if (System.nanoTime() >= deadline) {
          killTree(process);
          return new ScriptResult.TechnicalError("TIMEOUT", "Command " + script.command()
              + " did not finish within " + timeout + " for item " + item.id()
              + "; its process tree was killed", tail(stderr));
        }
        if (!stillOurs.getAsBoolean()) {
          killTree(process);
          return new ScriptResult.Abandoned("the item's lock was lost");
        }
      }
    } catch (InterruptedException e) {
      killTree(process);
      Thread.currentThread().interrupt();
      return new ScriptResult.Abandoned("the bot runner is stopping");
    }
    int exit = process.exitValue();
    if (exit != 0) {
      String business = script.businessErrors() == null ? null : script.businessErrors().get(exit);
      String err = tail(stderr);
      if (business != null) {
        return new ScriptResult.BusinessError(business, err.isBlank()
            ? "Command exited with code " + exit : err.strip());
      }
      return new ScriptResult.TechnicalError("EXIT_" + exit, "Command " + script.command()
          + " exited with code " + exit + " for item " + item.id(), err);
    }
    Path source = script.outputOnStdout() ? stdout : output;
    try {
      String text = Files.exists(source) ? Files.readString(source, StandardCharsets.UTF_8) : "";
      if (text.isBlank()) {
        return new ScriptResult.Success(JSON.createObjectNode());
      }
      JsonNode out = JSON.readTree(text);
      if (!out.isObject()) {
        return new ScriptResult.TechnicalError("INVALID_OUTPUT", "The output of " + script.command()
            + " for item " + item.id() + " is JSON but not an object (" + out.getNodeType()
            + "); print one JSON object", null);
      }
      return new ScriptResult.Success(out);
    } catch (IOException e) {
      return new ScriptResult.TechnicalError("INVALID_OUTPUT", "The output of " + script.command()
          + " for item " + item.id() + " is not JSON (" + firstLine(e.getMessage()) + "); print"
          + " one JSON object to " + (script.outputOnStdout() ? "stdout" : "PLUGBOARD_OUTPUT_FILE")
          + " and logs to stderr", null);
    }
  }

  /** Kills a process and all its descendants (children first, so none is re-parented alive). */
  static void killTree(Process process) {
    List<ProcessHandle> children = process.descendants().toList();
    for (int i = children.size() - 1; i >= 0; i--) {
      children.get(i).destroyForcibly();
    }
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
      for (ProcessHandle child : children) {
        // SIGKILL is asynchronous: wait until each is gone, so "killed" means gone.
        child.onExit().get(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // a child that does not go away within 5 s is reported by the OS tools, not by us
    }
  }

  private static String tail(Path file) {
    try {
      if (!Files.exists(file)) {
        return "";
      }
      byte[] all = Files.readAllBytes(file);
      int from = Math.max(0, all.length - TAIL);
      return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static java.io.File nullDevice() {
    return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }
}
