package dev.plugboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The embedded Operaton engine end to end, black box: the built runtime jar, a plugin jar built
 * at test time ({@code it:echo:1}), a test process deployed from {@code ./processes}, everything
 * observed through {@code /engine-rest} and the runtime's own API.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedEngineTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static RuntimeProcess runtime;

  @BeforeAll
  static void start() throws Exception {
    // No plugin yet: the first test proves a task of a missing type waits with an incident.
    runtime = RuntimeProcess.builder("embedded")
        .withProcess(Path.of(EmbeddedEngineTest.class.getResource("/processes/it-echo.bpmn").toURI()))
        .property("plugboard.operaton.missing-type-check", "PT1S")
        .property("plugboard.operaton.idle-wait", "PT0.5S")
        .start();
  }

  @AfterAll
  static void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  @Order(0)
  void changingEngineStateThroughEngineRestNeedsTheAdminToken() {
    // A deployment can carry script tasks that run inside the runtime: an admin call.
    HttpResponse<String> anonymous = runtime.send(java.net.http.HttpRequest.newBuilder(
            runtime.uri("/engine-rest/process-definition/key/it-echo/start"))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer not-the-token")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.body()).contains("admin token");
    assertThat(runtime.get("/engine-rest/process-definition/key/it-echo").statusCode()).isEqualTo(200);
  }

  @Test
  @Order(0)
  void healthShowsTheEngineItsJobExecutorAndItsDatabase() throws Exception {
    HttpResponse<String> health = runtime.get("/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    JsonNode operaton = JSON.readTree(health.body()).path("components").path("operaton");
    assertThat(operaton.path("status").asText()).isEqualTo("UP");
    for (String part : new String[] {"processEngine", "jobExecutor", "database"}) {
      assertThat(operaton.path("components").path(part).path("status").asText())
          .as("health part operaton.%s in %s", part, health.body()).isEqualTo("UP");
    }
    // The starter's own two indicators are replaced, not shown twice.
    assertThat(JSON.readTree(health.body()).path("components").has("jobExecutor")).isFalse();
    assertThat(health.body()).doesNotContain("jdbc:");
  }

  @Test
  @Order(1)
  void aTaskWhoseTypeNoPluginProvidesGetsAnIncidentAndRunsOnceThePluginIsLoaded() throws Exception {
    String pi = startEcho("{\"item\":\"early\"}");
    JsonNode incident = awaitIncident(pi);
    assertThat(incident.path("incidentMessage").asText())
        .contains("No loaded plugin provides connector type 'it:echo:1'")
        .contains("load the plugin");

    runtime.addPlugin(TestPlugins.echoPlugin("1.0.0"));

    awaitEnded(pi, "Done");
    assertThat(variable(pi, "echoResult")).contains("early");
  }

  @Test
  @Order(2)
  void aConnectorResultCompletesTheTaskIntoTheResultVariable() throws Exception {
    String pi = startEcho("{\"item\":\"order-7\"}");
    awaitEnded(pi, "Done");
    assertThat(variable(pi, "echoResult")).contains("order-7");
  }

  @Test
  @Order(3)
  void aBpmnErrorReachesTheErrorBoundaryEvent() throws Exception {
    String pi = startEcho("{\"item\":\"x\",\"bpmnErrorCode\":\"OUT_OF_STOCK\"}");
    awaitEnded(pi, "Rejected");
  }

  @Test
  @Order(4)
  void aFailureUsesTheRetriesThenRaisesAnIncidentWithTheErrorCode() throws Exception {
    String pi = startEcho("{\"item\":\"y\",\"failCode\":\"ECHO_BROKEN\"}");
    JsonNode incident = awaitIncident(pi);
    assertThat(incident.path("incidentMessage").asText()).contains("ECHO_BROKEN");
  }

  @Test
  @Order(5)
  void aRetryableFailureIsRetriedThenRaisesAnIncident() throws Exception {
    String pi = startEcho("{\"item\":\"z\",\"retryCode\":\"ECHO_BUSY\"}");
    JsonNode incident = awaitIncident(pi);
    assertThat(incident.path("incidentMessage").asText()).contains("ECHO_BUSY");
  }

  @Test
  @Order(6)
  void invalidVariablesGiveAnIncidentNamingTheField() throws Exception {
    String pi = startEcho("{\"sleepMillis\":1}");
    JsonNode incident = awaitIncident(pi);
    assertThat(incident.path("incidentMessage").asText()).contains("item");
  }

  // ------------------------------------------------------------------ helpers

  private static String startEcho(String variables) throws Exception {
    HttpResponse<String> r = runtime.postJson("/api/engine/process-definitions/it-echo/start",
        "{\"variables\":" + variables + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body()).path("id").asText();
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

  private static void awaitEnded(String pi, String endEventId) {
    await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
      JsonNode ends = JSON.readTree(runtime.get("/engine-rest/history/activity-instance"
          + "?processInstanceId=" + pi + "&activityId=" + endEventId + "&finished=true").body());
      assertThat(ends.size()).as("%s reached %s; log tail:%n%s", pi, endEventId,
          runtime.logTail(15)).isEqualTo(1);
    });
  }

  private static String variable(String pi, String name) throws Exception {
    JsonNode vars = JSON.readTree(runtime.get("/engine-rest/history/variable-instance"
        + "?processInstanceId=" + pi + "&variableName=" + name).body());
    assertThat(vars.size()).as("variable %s of %s", name, pi).isEqualTo(1);
    return vars.get(0).toString();
  }
}
