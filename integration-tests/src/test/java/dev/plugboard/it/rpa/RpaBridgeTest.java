package dev.plugboard.it.rpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.it.RuntimeProcess;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The RPA bridge end to end, black box: the built runtime jar with three bots configured, the
 * built bot runner jar running small shell scripts, a process with an RPA task (external task of
 * topic {@code plugboard:rpa:1}), observed through {@code /engine-rest} and the bot API.
 */
class RpaBridgeTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String TOKEN_1 = "bot-one-token-1111";
  private static final String TOKEN_2 = "bot-two-token-2222";
  private static final String TOKEN_OTHER = "bot-other-token-3333";
  /**
   * One queue per test: a runner killed at the end of a test may leave a long poll running in the
   * runtime, which would lock the next test's item for a bot that is gone (until the lock expires).
   */
  private static final String QUEUES = "q-happy,q-business,q-timeout,q-crash,q-bad";
  private static RuntimeProcess runtime;
  private static Path scripts;

  @BeforeAll
  static void start() throws Exception {
    RuntimeProcess.Builder b = RuntimeProcess.builder("rpa")
        .withProcess(Path.of(RpaBridgeTest.class.getResource("/rpa/it-rpa.bpmn").toURI()))
        .property("plugboard.operaton.missing-type-check", "PT1S")
        .property("plugboard.rpa.default-retries", "1")
        .property("plugboard.rpa.retry-backoff", "PT0.2S")
        .property("plugboard.rpa.bots[0].id", "bot-1")
        .property("plugboard.rpa.bots[0].token-sha256", sha256(TOKEN_1))
        .property("plugboard.rpa.bots[0].capabilities", QUEUES)
        .property("plugboard.rpa.bots[1].id", "bot-2")
        .property("plugboard.rpa.bots[1].token", "{{secrets.BOT2_TOKEN}}")
        .property("plugboard.rpa.bots[1].capabilities", QUEUES)
        .property("plugboard.rpa.bots[2].id", "bot-other")
        .property("plugboard.rpa.bots[2].token", TOKEN_OTHER)
        .property("plugboard.rpa.bots[2].capabilities", "other")
        .env("PLUGBOARD_SECRET_BOT2_TOKEN", TOKEN_2);
    scripts = Files.createDirectories(b.workDir().resolve("scripts"));
    // Reads the item's input (one line of JSON) on stdin; rejects, hangs or approves.
    Files.writeString(scripts.resolve("check.sh"), """
        #!/bin/sh
        read -r input
        case "$input" in
          *'"reject":true'*) echo "invoice total over the limit" >&2; exit 3 ;;
          *'"hang":true'*) sleep 300 ;;
        esac
        echo "screenshot bytes" > "$PLUGBOARD_ARTIFACTS_DIR/screen.png"
        echo "checked $PLUGBOARD_ITEM_ID" >&2
        printf '{"approved":true,"checkedBy":"%s","invoice":%s}\\n' "$BOT_NAME" "$input"
        """);
    Files.writeString(scripts.resolve("hang.sh"), "#!/bin/sh\nsleep 300\n");
    runtime = b.start();
  }

  @AfterAll
  static void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void aBotRunsTheScriptAndTheProcessContinuesWithItsOutput() throws Exception {
    try (BotRunnerProcess bot = runner("happy", "q-happy", "bot-1", TOKEN_1, "check.sh", "PT30S")) {
      String pi = startProcess("q-happy", "{\"invoice\":\"INV-1\",\"total\":12.5}", "PT30S");
      awaitEnded(pi, "Approved", bot);
      JsonNode result = JSON.readTree(variableValue(pi, "botResult"));
      assertThat(result.path("checkedBy").asText()).isEqualTo("bot-1");
      assertThat(result.path("invoice").path("invoice").asText()).isEqualTo("INV-1");
      String artifacts = variableValue(pi, "rpaArtifacts");
      assertThat(artifacts).contains("screen.png").contains("stderr.log");
      String itemId = itemIdOfArtifacts(pi);
      Path stored = runtime.workDir().resolve("data/rpa-artifacts").resolve(itemId)
          .resolve("screen.png");
      assertThat(stored).exists();
      assertThat(Files.readString(stored)).contains("screenshot bytes");
    }
  }

  @Test
  void aBusinessErrorExitCodeTakesTheBpmnErrorPath() throws Exception {
    try (BotRunnerProcess bot = runner("business", "q-business", "bot-1", TOKEN_1, "check.sh", "PT30S")) {
      String pi = startProcess("q-business", "{\"invoice\":\"INV-2\",\"reject\":true}", "PT30S");
      awaitEnded(pi, "Rejected", bot);
    }
  }

  @Test
  void aScriptThatHangsPastItsTimeoutIsKilledAndFailsTechnically() throws Exception {
    try (BotRunnerProcess bot = runner("timeout", "q-timeout", "bot-1", TOKEN_1, "check.sh", "PT30S")) {
      long t0 = System.nanoTime();
      String pi = startProcess("q-timeout", "{\"hang\":true}", "PT2S");
      JsonNode incident = awaitIncident(pi);
      assertThat(incident.path("incidentMessage").asText()).contains("[TIMEOUT]")
          .contains("did not finish within PT2S");
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(40));
      // The killed script left no process behind.
      await().atMost(Duration.ofSeconds(10)).until(() -> bot.descendantsAlive() == 0);
    }
  }

  @Test
  void aBotKilledMidItemLosesItAndAnotherBotGetsItAfterTheLockExpires() throws Exception {
    String pi;
    String itemId;
    try (BotRunnerProcess first = runner("crash-a", "q-crash", "bot-1", TOKEN_1, "hang.sh", "PT3S")) {
      pi = startProcess("q-crash", "{\"invoice\":\"INV-3\"}", "PT5M");
      AtomicReference<String> locked = new AtomicReference<>();
      await().atMost(WAIT).untilAsserted(() -> {
        JsonNode t = externalTask(pi);
        assertThat(t.path("workerId").asText()).as(first.log()).startsWith("rpa:bot-1#");
        locked.set(t.path("id").asText());
      });
      itemId = locked.get();
      first.kill();
    }
    try (BotRunnerProcess second = runner("crash-b", "q-crash", "bot-2", TOKEN_2, "check.sh", "PT3S")) {
      awaitEnded(pi, "Approved", second);
      assertThat(JSON.readTree(variableValue(pi, "botResult")).path("checkedBy").asText())
          .isEqualTo("bot-2");
      assertThat(itemIdOfArtifacts(pi)).as("the redelivered item is the same item").isEqualTo(itemId);
      assertThat(finishedRpaTasks(pi)).isEqualTo(1);
    }
  }

  @Test
  void badCallsGetClearAnswersAndNoItemIsLostOrCompletedTwice() throws Exception {
    String pi = startProcess("q-bad", "{\"invoice\":\"INV-4\"}", "PT5M");

    HttpResponse<String> unknown = call("nobody", "/api/rpa/items/fetch", "{}");
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(unknown.body()).contains("UNAUTHORIZED").doesNotContain("nobody");

    // A bot of another queue does not see the item, and may not ask for that queue.
    assertThat(fetch(TOKEN_OTHER, 1, 0)).isEmpty();
    HttpResponse<String> foreign = call(TOKEN_OTHER, "/api/rpa/items/fetch",
        "{\"capabilities\":[\"q-bad\"]}");
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(foreign.body()).contains("CAPABILITY_NOT_ALLOWED");

    JsonNode items = JSON.readTree(call(TOKEN_2, "/api/rpa/items/fetch",
        "{\"capabilities\":[\"q-bad\"],\"maxItems\":5,\"lockDuration\":2000,\"waitMillis\":10000}").body());
    String id = null;
    String lockExpiresAt = null;
    for (JsonNode i : items) {
      if (pi.equals(i.path("processInstanceId").asText())) {
        id = i.path("id").asText();
        JsonNode ends = i.path("lockExpiresAt");
        lockExpiresAt = ends.isNumber()
            ? java.time.Instant.ofEpochMilli((long) (ends.asDouble() * 1000)).toString()
            : ends.asText();
        assertThat(i.path("input").path("invoice").asText()).isEqualTo("INV-4");
        assertThat(i.path("queue").asText()).isEqualTo("q-bad");
      }
    }
    assertThat(id).as("item of %s in %s", pi, items).isNotNull();

    HttpResponse<String> notHolder = call(TOKEN_1, "/api/rpa/items/" + id + "/complete",
        "{\"output\":{\"approved\":true}}");
    assertThat(notHolder.statusCode()).isEqualTo(409);
    assertThat(notHolder.body()).contains("NOT_LOCK_HOLDER");

    HttpResponse<String> notJson = call(TOKEN_2, "/api/rpa/items/" + id + "/complete",
        "approved=yes");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.body()).contains("INVALID_JSON");

    HttpResponse<String> notObject = call(TOKEN_2, "/api/rpa/items/" + id + "/complete",
        "{\"output\":[1,2]}");
    assertThat(notObject.statusCode()).isEqualTo(400);
    assertThat(notObject.body()).contains("INVALID_OUTPUT");

    HttpResponse<String> badName = runtime.send(HttpRequest.newBuilder(
            runtime.uri("/api/rpa/items/" + id + "/artifacts/..%2Fescape.txt"))
        .header("Authorization", "Bearer " + TOKEN_2)
        .PUT(HttpRequest.BodyPublishers.ofString("x")));
    assertThat(badName.statusCode()).isBetween(400, 404);

    String itemId = id;
    // The lock (2 s) runs out; nothing here extends it.
    java.time.Instant lockEnds = java.time.Instant.parse(lockExpiresAt);
    await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
        .until(() -> java.time.Instant.now().isAfter(lockEnds.plusMillis(200)));
    HttpResponse<String> expired = call(TOKEN_2, "/api/rpa/items/" + itemId + "/heartbeat",
        "{\"lockDuration\":2000}");
    assertThat(expired.statusCode()).isEqualTo(410);
    assertThat(expired.body()).contains("LOCK_EXPIRED");
    HttpResponse<String> late = call(TOKEN_2, "/api/rpa/items/" + id + "/complete",
        "{\"output\":{\"approved\":true}}");
    assertThat(late.statusCode()).isEqualTo(410);

    // The item is still there, without an incident, and the other bot gets it.
    assertThat(JSON.readTree(runtime.get("/engine-rest/incident?processInstanceId=" + pi)
        .body())).isEmpty();
    AtomicReference<String> again = new AtomicReference<>();
    await().atMost(WAIT).untilAsserted(() -> {
      for (JsonNode i : fetch(TOKEN_1, 5, 1000)) {
        if (itemId.equals(i.path("id").asText())) {
          again.set(itemId);
        } else {
          call(TOKEN_1, "/api/rpa/items/" + i.path("id").asText() + "/complete",
              "{\"output\":{\"approved\":false}}");
        }
      }
      assertThat(again.get()).isNotNull();
    });
    assertThat(call(TOKEN_1, "/api/rpa/items/" + id + "/complete",
        "{\"output\":{\"approved\":true,\"checkedBy\":\"hand\"}}").statusCode()).isEqualTo(204);
    HttpResponse<String> twice = call(TOKEN_1, "/api/rpa/items/" + id + "/complete",
        "{\"output\":{\"approved\":true}}");
    assertThat(twice.statusCode()).isEqualTo(404);
    assertThat(twice.body()).contains("ITEM_NOT_FOUND");
    awaitEnded(pi, "Approved", null);
    assertThat(finishedRpaTasks(pi)).isEqualTo(1);
  }

  @Test
  void theOpenApiDescriptionIsServedWithoutAToken() {
    HttpResponse<String> r = runtime.send(HttpRequest.newBuilder(
        runtime.uri("/api/rpa/openapi.yaml")).header("Authorization", "none").GET());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("openapi: 3.0.3").contains("/api/rpa/items/fetch");
  }

  // ------------------------------------------------------------------ helpers

  private static BotRunnerProcess runner(String name, String queue, String botId, String token,
      String script, String lock) {
    Path dir = runtime.workDir().resolve("bots").resolve(name);
    String yaml = """
        runtime: %s
        botId: %s
        token: %s
        capabilities: [%s]
        lockDuration: %s
        heartbeat: PT1S
        pollWait: PT5S
        workDir: %s
        scripts:
          default:
            command: [sh, %s]
            timeout: PT1M
            businessErrors: {3: INVOICE_REJECTED}
            env: {BOT_NAME: %s}
        """.formatted(runtime.baseUrl(), botId, token, queue, lock, dir.resolve("work"),
        scripts.resolve(script), botId);
    return BotRunnerProcess.start(dir, yaml);
  }

  private static String startProcess(String queue, String input, String timeout)
      throws Exception {
    String body = JSON.writeValueAsString(java.util.Map.of("variables", java.util.Map.of(
        "botQueue", queue, "rpaInput", input, "rpaScript", "default", "rpaTimeout", timeout,
        "priority", 50)));
    HttpResponse<String> r = runtime.postJson("/api/engine/process-definitions/it-rpa/start", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body()).path("id").asText();
  }

  private static HttpResponse<String> call(String token, String path, String body) {
    return runtime.send(HttpRequest.newBuilder(runtime.uri(path))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static JsonNode fetch(String token, int max, long waitMillis) throws Exception {
    HttpResponse<String> r = call(token, "/api/rpa/items/fetch", (token.equals(TOKEN_OTHER) ? "{"
        : "{\"capabilities\":[\"q-bad\"],") + "\"maxItems\":" + max + ",\"lockDuration\":60000,\"waitMillis\":" + waitMillis + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static JsonNode externalTask(String pi) throws Exception {
    JsonNode list = JSON.readTree(runtime.get("/engine-rest/external-task?processInstanceId="
        + pi).body());
    assertThat(list.size()).as("external tasks of %s", pi).isEqualTo(1);
    return list.get(0);
  }

  /** The item id, from the path of the artifacts recorded in {@code rpaArtifacts}. */
  private static String itemIdOfArtifacts(String pi) throws Exception {
    JsonNode artifacts = JSON.readTree(variableValue(pi, "rpaArtifacts"));
    Path stored = Path.of(artifacts.get(0).path("path").asText());
    return stored.getParent().getFileName().toString();
  }

  private static int finishedRpaTasks(String pi) throws Exception {
    return JSON.readTree(runtime.get("/engine-rest/history/activity-instance?processInstanceId="
        + pi + "&activityId=CheckInvoice&finished=true").body()).size();
  }

  private static JsonNode awaitIncident(String pi) {
    AtomicReference<JsonNode> found = new AtomicReference<>();
    await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
      JsonNode list = JSON.readTree(runtime.get("/engine-rest/incident?processInstanceId=" + pi)
          .body());
      assertThat(list.size()).as("incidents of %s", pi).isGreaterThan(0);
      found.set(list.get(0));
    });
    return found.get();
  }

  private static void awaitEnded(String pi, String endEventId, BotRunnerProcess bot) {
    await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      JsonNode ends = JSON.readTree(runtime.get("/engine-rest/history/activity-instance"
          + "?processInstanceId=" + pi + "&activityId=" + endEventId + "&finished=true").body());
      assertThat(ends.size()).as("%s reached %s; bot log:%n%s%nruntime log:%n%s", pi, endEventId,
          bot == null ? "" : bot.log(), runtime.logTail(20)).isEqualTo(1);
    });
  }

  private static String variableValue(String pi, String name) throws Exception {
    JsonNode vars = JSON.readTree(runtime.get("/engine-rest/history/variable-instance"
        + "?processInstanceId=" + pi + "&variableName=" + name).body());
    assertThat(vars.size()).as("variable %s of %s", name, pi).isEqualTo(1);
    JsonNode v = vars.get(0).path("value");
    return v.isTextual() ? v.asText() : v.toString();
  }

  private static String sha256(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}
