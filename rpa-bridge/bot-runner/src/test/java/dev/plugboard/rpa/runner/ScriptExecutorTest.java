package dev.plugboard.rpa.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.rpa.client.BotItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptExecutorTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void inputOnStdinAndAJsonObjectOnStdoutIsASuccess() throws Exception {
    ScriptResult r = run("read -r i; printf '{\"got\":%s}' \"$i\"", null, null, "{\"a\":1}", null);
    assertThat(r).isInstanceOf(ScriptResult.Success.class);
    assertThat(((ScriptResult.Success) r).output().path("got").path("a").asInt()).isEqualTo(1);
  }

  @Test
  void inputAndOutputFilesWork() throws Exception {
    ScriptResult r = run("cat \"$PLUGBOARD_INPUT_FILE\" > \"$PLUGBOARD_OUTPUT_FILE\"; echo noise",
        "file", "file", "{\"b\":2}", null);
    assertThat(((ScriptResult.Success) r).output().path("b").asInt()).isEqualTo(2);
  }

  @Test
  void aConfiguredExitCodeIsABusinessErrorWithTheStderrMessage() throws Exception {
    ScriptResult r = run("echo 'vendor unknown' >&2; exit 3", null, null, "{}", null);
    assertThat(r).isEqualTo(new ScriptResult.BusinessError("VENDOR_UNKNOWN", "vendor unknown"));
  }

  @Test
  void anyOtherExitCodeIsATechnicalError() throws Exception {
    ScriptResult r = run("echo boom >&2; exit 7", null, null, "{}", null);
    assertThat(r).isInstanceOf(ScriptResult.TechnicalError.class);
    assertThat(((ScriptResult.TechnicalError) r).code()).isEqualTo("EXIT_7");
    assertThat(((ScriptResult.TechnicalError) r).details()).contains("boom");
  }

  @Test
  void outputThatIsNotAJsonObjectIsATechnicalError() throws Exception {
    assertThat(((ScriptResult.TechnicalError) run("echo done", null, null, "{}", null)).code())
        .isEqualTo("INVALID_OUTPUT");
    assertThat(((ScriptResult.TechnicalError) run("echo '[1]'", null, null, "{}", null)).code())
        .isEqualTo("INVALID_OUTPUT");
    assertThat(run("true", null, null, "{}", null)).isInstanceOf(ScriptResult.Success.class);
  }

  @Test
  void aCommandThatHangsPastTheTimeoutIsKilledWithItsChildren() throws Exception {
    Path pidFile = dir.resolve("child.pid");
    long t0 = System.nanoTime();
    ScriptResult r = run("sleep 300 & echo $! > " + pidFile + "; wait", null, null, "{}", 500L);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
    assertThat(((ScriptResult.TechnicalError) r).code()).isEqualTo("TIMEOUT");
    long child = Long.parseLong(Files.readString(pidFile).trim());
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
        !ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false));
  }

  @Test
  void aLostLockKillsTheCommandAndReportsNothing() throws Exception {
    BotConfig.Script script = new BotConfig.Script(List.of("sh", "-c", "sleep 300"), null, null,
        null, Duration.ofMinutes(1), Map.of(), Map.of(), true);
    ScriptResult r = new ScriptExecutor().run(item("{}", null), script, dir.resolve("w"), () -> false);
    assertThat(r).isInstanceOf(ScriptResult.Abandoned.class);
  }

  private ScriptResult run(String shell, String input, String output, String json, Long timeout)
      throws Exception {
    BotConfig.Script script = new BotConfig.Script(List.of("sh", "-c", shell), null, input,
        output, Duration.ofMinutes(1), Map.of(3, "VENDOR_UNKNOWN"), Map.of(), true);
    return new ScriptExecutor().run(item(json, timeout), script, dir.resolve("work"), () -> true);
  }

  private static BotItem item(String json, Long timeout) throws Exception {
    return new BotItem("item-1", "q", null, JSON.readTree(json), timeout, 0, null, null, "pi",
        null, "Task", Map.of());
  }
}
