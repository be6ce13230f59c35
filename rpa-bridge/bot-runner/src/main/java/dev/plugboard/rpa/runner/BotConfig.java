package dev.plugboard.rpa.runner;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The bot runner's configuration ({@code bot.yaml}).
 *
 * @param runtime the runtime's base URL
 * @param botId the bot id
 * @param token the bot token (prefer {@code tokenEnv} or {@code tokenFile})
 * @param tokenEnv an environment variable holding the token
 * @param tokenFile a file holding the token
 * @param capabilities the queues to serve (empty: all of the bot's)
 * @param concurrency items worked on at once
 * @param lockDuration the lock of a fetched item; heartbeats renew it
 * @param heartbeat how often a running item's lock is renewed (default a third of the lock)
 * @param pollWait the long-poll wait of one fetch
 * @param workDir where each item gets a folder (input, output, logs, artifacts)
 * @param keepWorkDirs whether item folders are kept after the item is reported
 * @param scripts the commands, by script name; {@code default} runs items that name none
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record BotConfig(String runtime, String botId, String token, String tokenEnv,
    String tokenFile, List<String> capabilities, Integer concurrency, Duration lockDuration,
    Duration heartbeat, Duration pollWait, Path workDir, Boolean keepWorkDirs,
    Map<String, Script> scripts) {

  /**
   * One command.
   *
   * @param command the program and its arguments
   * @param workingDir its working directory (default: the item's folder)
   * @param input {@code stdin} (default) or {@code file} ({@code PLUGBOARD_INPUT_FILE})
   * @param output {@code stdout} (default) or {@code file} ({@code PLUGBOARD_OUTPUT_FILE})
   * @param timeout the longest run (the item's own timeout wins when it sets one); then the
   *     process tree is killed and the item fails technically with {@code TIMEOUT}
   * @param businessErrors exit codes that mean a business error, with the BPMN error code each
   *     becomes; every other non-zero exit code is a technical failure
   * @param env extra environment variables
   * @param uploadLogs whether stdout/stderr are uploaded as artifacts
   */
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Script(List<String> command, Path workingDir, String input, String output,
      Duration timeout, Map<Integer, String> businessErrors, Map<String, String> env,
      Boolean uploadLogs) {

    /** Whether input goes on stdin. */
    public boolean inputOnStdin() {
      return input == null || "stdin".equalsIgnoreCase(input);
    }

    /** Whether output is read from stdout. */
    public boolean outputOnStdout() {
      return output == null || "stdout".equalsIgnoreCase(output);
    }

    /** The timeout, default 10 minutes. */
    public Duration timeoutOrDefault() {
      return timeout == null ? Duration.ofMinutes(10) : timeout;
    }
  }

  /**
   * Reads and checks a configuration file.
   *
   * @param file the YAML file
   * @return the configuration
   * @throws IllegalArgumentException with what is wrong
   */
  public static BotConfig read(Path file) {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).registerModule(new JavaTimeModule())
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    BotConfig c;
    try {
      c = yaml.readValue(file.toFile(), BotConfig.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read bot configuration " + file + ": "
          + e.getMessage(), e);
    }
    c.check(file);
    return c;
  }

  private void check(Path file) {
    if (runtime == null || runtime.isBlank()) {
      throw new IllegalArgumentException(file + ": 'runtime' (the runtime's URL) is missing");
    }
    if (botId == null || botId.isBlank()) {
      throw new IllegalArgumentException(file + ": 'botId' is missing");
    }
    if (scripts == null || scripts.isEmpty()) {
      throw new IllegalArgumentException(file + ": 'scripts' is empty; configure at least"
          + " 'default: {command: [...]}'");
    }
    scripts.forEach((name, s) -> {
      if (s.command() == null || s.command().isEmpty()) {
        throw new IllegalArgumentException(file + ": script '" + name + "' has no command");
      }
    });
    tokenValue(file);
  }

  /** The token, from {@code token}, {@code tokenEnv} or {@code tokenFile}. */
  public String tokenValue(Path file) {
    if (token != null && !token.isBlank()) {
      return token;
    }
    if (tokenEnv != null && !tokenEnv.isBlank()) {
      String v = System.getenv(tokenEnv);
      if (v == null || v.isBlank()) {
        throw new IllegalArgumentException(file + ": environment variable " + tokenEnv
            + " (tokenEnv) is not set");
      }
      return v;
    }
    if (tokenFile != null && !tokenFile.isBlank()) {
      try {
        return Files.readString(Path.of(tokenFile), StandardCharsets.UTF_8).trim();
      } catch (IOException e) {
        throw new IllegalArgumentException(file + ": token file " + tokenFile + " unreadable: "
            + e.getMessage(), e);
      }
    }
    throw new IllegalArgumentException(file + ": no token; set tokenEnv, tokenFile or token");
  }

  int concurrencyOrDefault() {
    return concurrency == null || concurrency < 1 ? 1 : concurrency;
  }

  Duration lockOrDefault() {
    return lockDuration == null ? Duration.ofMinutes(1) : lockDuration;
  }

  Duration heartbeatOrDefault() {
    return heartbeat == null ? lockOrDefault().dividedBy(3) : heartbeat;
  }

  Duration pollWaitOrDefault() {
    return pollWait == null ? Duration.ofSeconds(30) : pollWait;
  }

  Path workDirOrDefault() {
    return workDir == null ? Path.of("bot-work") : workDir;
  }
}
