package dev.plugboard.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two runtimes on one PostgreSQL database share the work of the embedded engine: every task
 * runs, none is completed twice, and after {@code kill -9} of one runtime mid-run its locked
 * tasks are taken over by the other once their lock expires. Uses a database created and dropped
 * by the test on the local PostgreSQL (skipped when it is not running; failing under CI=true).
 */
class OperatonClusterTest {

  private static final String DB = "plugboard_it_cluster";
  private static final int TASKS = 30;
  private static final ObjectMapper JSON = new ObjectMapper();

  private WireMockServer recorder;

  @BeforeEach
  void setUp() throws Exception {
    LocalServices.requirePostgres();
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:5432/postgres",
        "postgres", ""); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
      s.execute("CREATE DATABASE " + DB);
    }
    recorder = new WireMockServer(options().dynamicPort());
    recorder.start();
    recorder.stubFor(post(urlEqualTo("/record")).willReturn(aResponse().withStatus(204)));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (recorder != null) {
      recorder.stop();
    }
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:5432/postgres",
        "postgres", ""); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
    }
  }

  @Test
  void twoRuntimesShareTheTasksAndTheSurvivorTakesOverAfterAKill() throws Exception {
    Path plugin = TestPlugins.echoPlugin("1.0.0");
    Path bpmn = Path.of(getClass().getResource("/processes/it-echo.bpmn").toURI());
    try (RuntimeProcess a = node("cluster-a", plugin, bpmn).start();
        RuntimeProcess b = node("cluster-b", plugin, bpmn).start()) {
      for (int i = 0; i < TASKS; i++) {
        var r = a.postJson("/api/engine/process-definitions/it-echo/start",
            "{\"variables\":{\"item\":\"item-" + i + "\",\"sleepMillis\":1500,\"recordUrl\":"
                + "\"http://localhost:" + recorder.port() + "/record\"}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      }
      // Both nodes work; kill one while it holds locked, unfinished tasks.
      await().atMost(Duration.ofSeconds(60)).until(() -> finished(b) >= 3);
      a.kill();
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
          .untilAsserted(() -> assertThat(finished(b)).as("finished instances; log of b:%n%s",
              b.logTail(20)).isEqualTo(TASKS));

      // None completed twice: one finished Echo activity per instance.
      JsonNode echoes = JSON.readTree(b.get("/engine-rest/history/activity-instance/count"
          + "?activityId=Echo&finished=true").body());
      assertThat(echoes.path("count").asInt()).isEqualTo(TASKS);
      // Every item ran (a task in flight on the killed node runs again: at least once).
      List<LoggedRequest> calls = recorder.findAll(
          com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo("/record")));
      Set<String> items = new HashSet<>();
      for (LoggedRequest call : calls) {
        items.add(JSON.readTree(call.getBodyAsString()).path("item").asText());
      }
      assertThat(items).hasSize(TASKS);
    }
  }

  private static RuntimeProcess.Builder node(String name, Path plugin, Path bpmn) {
    return RuntimeProcess.builder(name)
        .withPlugin(plugin)
        .withProcess(bpmn)
        .property("spring.datasource.url", "jdbc:postgresql://localhost:5432/" + DB)
        .property("spring.datasource.username", "postgres")
        .property("spring.datasource.password", "")
        // Short locks so the survivor takes over quickly; running tasks keep extending theirs.
        .property("plugboard.operaton.lock-duration", "PT6S")
        .property("plugboard.operaton.max-concurrent", "4")
        .property("plugboard.operaton.idle-wait", "PT0.5S");
  }

  private static int finished(RuntimeProcess node) throws Exception {
    JsonNode n = JSON.readTree(node.get("/engine-rest/history/process-instance/count"
        + "?processDefinitionKey=it-echo&finished=true").body());
    return n.path("count").asInt();
  }
}
