package dev.plugboard.runtime.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.runtime.PlugboardApplication;
import dev.plugboard.runtime.plugins.TestPluginJars;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.operaton.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Webhooks end to end on the embedded Operaton engine over real HTTP: a plugin jar dropped into
 * the plugins folder activates the elements of a deployed process; start by message, correlate,
 * and each kind of bad request with its answer, its metric, and no change of process state.
 */
@SpringBootTest(classes = PlugboardApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "plugboard.security.admin-token=inbound-test-token",
        "spring.datasource.url=jdbc:h2:mem:inbound-e2e;DB_CLOSE_DELAY=-1",
        "plugboard.operaton.deploy-examples=false",
        "plugboard.inbound.scan-interval=200ms",
        "plugboard.inbound.max-body-size=2KB",
        "plugboard.plugins.poll-interval=100ms",
        "management.endpoint.health.show-details=always"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookEndToEndTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final Duration WAIT = Duration.ofSeconds(20);
  static Path pluginsDir;

  @DynamicPropertySource
  static void folders(DynamicPropertyRegistry properties) throws Exception {
    Path root = Files.createTempDirectory("plugboard-inbound-test");
    pluginsDir = Files.createDirectories(root.resolve("plugins"));
    Path processes = Files.createDirectories(root.resolve("processes"));
    Files.writeString(processes.resolve("inbound-order.bpmn"), InboundFixtures.ORDER_BPMN);
    Files.writeString(processes.resolve("inbound-reply.bpmn"), InboundFixtures.REPLY_BPMN);
    properties.add("plugboard.plugins.dir", pluginsDir::toString);
    properties.add("plugboard.plugins.extra-dirs", () -> root.resolve("none").toString());
    properties.add("plugboard.plugins.work-dir", () -> root.resolve("cache").toString());
    properties.add("plugboard.operaton.processes-dir", processes::toString);
  }

  @Value("${local.server.port}")
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  MeterRegistry meters;

  HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/inbound/" + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  long instances() {
    return engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey("inbound-order").count();
  }

  double requests(String path, String outcome) {
    var c = meters.find("plugboard.inbound.requests").tag("path", path).tag("outcome", outcome)
        .counter();
    return c == null ? 0 : c.count();
  }

  @Test
  @Order(1)
  void aPathIsUnknownUntilThePluginArrivesThenTheWebhookStartsAProcess() throws Exception {
    assertThat(post("orders", "{}").statusCode()).isEqualTo(404);

    TestPluginJars.plugin("test-hook", "1.0.0")
        .connector("t.hook.JsonHook", InboundFixtures.JSON_WEBHOOK)
        .withTemplates("test:webhook:1")
        .writeTo(pluginsDir, "test-hook.jar");
    await().atMost(WAIT).until(() -> post("nothing-here", "{}").statusCode() == 404
        && post("orders", "{\"kind\":\"probe\"}").statusCode() == 202);

    HttpResponse<String> r = post("orders", "{\"kind\":\"order\",\"id\":\"m-1\",\"orderId\":\"o-1\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("status").asText()).isEqualTo("STARTED");
    String pi = body.path("processInstanceId").asText();
    assertThat(engine.getRuntimeService().getVariable(pi, "orderId")).isEqualTo("o-1");
    assertThat(requests("orders", "started")).isEqualTo(1);
  }

  @Test
  @Order(2)
  void aReplayedMessageIdIsAnsweredAsDuplicateAndStartsNothing() throws Exception {
    long before = instances();
    HttpResponse<String> r = post("orders", "{\"kind\":\"order\",\"id\":\"m-1\",\"orderId\":\"o-1\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).path("status").asText()).isEqualTo("DUPLICATE");
    assertThat(instances()).isEqualTo(before);
    assertThat(requests("orders", "duplicate")).isEqualTo(1);
  }

  @Test
  @Order(3)
  void aFalseActivationConditionIsIgnored() throws Exception {
    long before = instances();
    HttpResponse<String> r = post("orders", "{\"kind\":\"refund\",\"id\":\"m-2\",\"orderId\":\"o-2\"}");
    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(instances()).isEqualTo(before);
    assertThat(requests("orders", "condition_not_met")).isGreaterThanOrEqualTo(1);
  }

  @Test
  @Order(4)
  void malformedJsonGets422AndChangesNothing() throws Exception {
    long before = instances();
    HttpResponse<String> r = post("orders", "{\"kind\": \"order\", ");
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.body()).contains("INVALID_JSON");
    assertThat(instances()).isEqualTo(before);
    assertThat(requests("orders", "invalid")).isEqualTo(1);
  }

  @Test
  @Order(5)
  void aBodyOverTheLimitGets413() throws Exception {
    long before = instances();
    String big = "{\"kind\":\"order\",\"id\":\"m-big\",\"orderId\":\"" + "x".repeat(3000) + "\"}";
    HttpResponse<String> r = post("orders", big);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).contains("PAYLOAD_TOO_LARGE").contains("max-body-size");
    assertThat(instances()).isEqualTo(before);
    assertThat(requests("orders", "too_large")).isEqualTo(1);
  }

  @Test
  @Order(6)
  void aCorrelationKeyThatMatchesNoInstanceGets409AndChangesNothing() throws Exception {
    HttpResponse<String> r = post("payments", "{\"orderId\":\"o-unknown\",\"paymentId\":\"p-0\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
    assertThat(r.body()).contains("o-unknown");
    assertThat(requests("payments", "not_correlated")).isEqualTo(1);
    // the message id of a failed correlation is not remembered: a retry can still succeed
    assertThat(engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey("inbound-order").active().count()).isEqualTo(1);
  }

  @Test
  @Order(7)
  void aMessageCorrelatesToTheWaitingInstanceByItsKey() throws Exception {
    HttpResponse<String> r = post("payments", "{\"orderId\":\"o-1\",\"paymentId\":\"p-1\",\"amount\":12}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).path("status").asText()).isEqualTo("CORRELATED");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey("inbound-order").count()).isZero();
    var payment = engine.getHistoryService().createHistoricVariableInstanceQuery()
        .variableName("payment").singleResult();
    assertThat(payment.getValue().toString()).contains("p-1");
  }

  @Test
  @Order(8)
  void theResponseExpressionSetsStatusBodyAndHeadersFromTheEventAndTheCorrelation()
      throws Exception {
    HttpResponse<String> r = post("replies", "{\"id\":\"r-1\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("received").asText()).isEqualTo("r-1");
    assertThat(body.path("outcome").asText()).isEqualTo("STARTED");
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceId(body.path("instance").asText()).count()).isEqualTo(1);
    assertThat(r.headers().firstValue("X-Order-Id")).hasValue("r-1");
    assertThat(requests("replies", "started")).isEqualTo(1);

    // statusCode null keeps the connector's status; the body still comes from the expression
    HttpResponse<String> again = post("replies", "{\"id\":\"r-1\"}");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(again.body()).path("outcome").asText()).isEqualTo("DUPLICATE");
  }

  @Test
  @Order(9)
  void aFailingResponseExpressionKeepsTheConnectorsAnswerAndIsShownInTheApi() throws Exception {
    HttpResponse<String> r = post("bad-replies", "{}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).path("status").asText()).isEqualTo("STARTED");
    JsonNode bad = activation(get("/api/inbound"), "inbound-reply/BadReply");
    assertThat(bad.path("responseExpressionError").asText()).contains("unknown key 'status'");
  }

  @Test
  @Order(10)
  void theApiListsActivationsAndFailuresWithTheirReason() throws Exception {
    JsonNode api = get("/api/inbound");
    assertThat(api.path("enabled").asBoolean()).isTrue();
    JsonNode orders = activation(api, "inbound-order/OrderCreated");
    assertThat(orders.path("path").asText()).isEqualTo("/inbound/orders");
    assertThat(orders.path("type").asText()).isEqualTo("test:webhook:1");
    assertThat(orders.path("plugin").asText()).isEqualTo("test-hook@1.0.0");
    assertThat(orders.path("kind").asText()).isEqualTo("START_EVENT");
    assertThat(orders.path("up").asBoolean()).isTrue();
    JsonNode failed = api.path("failed");
    assertThat(failed).hasSize(1);
    assertThat(failed.get(0).path("element").asText()).isEqualTo("inbound-reply/Broken");
    assertThat(failed.get(0).path("reason").asText()).contains("no spaces allowed")
        .contains("letters, digits");
  }

  @Test
  @Order(11)
  void theHealthEndpointHasAnInboundComponentWithTheFailedActivation() throws Exception {
    JsonNode health = get("/actuator/health");
    assertThat(health.path("status").asText()).isEqualTo("UP");
    JsonNode inbound = health.path("components").path("inbound");
    assertThat(inbound.path("status").asText()).isEqualTo("DEGRADED");
    assertThat(inbound.path("details").path("activations").asInt()).isEqualTo(4);
    assertThat(inbound.path("details").path("failedActivations").get(0).path("reason").asText())
        .contains("no spaces allowed");
  }

  JsonNode get(String path) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isIn(200, 503);
    return JSON.readTree(r.body());
  }

  static JsonNode activation(JsonNode api, String element) {
    for (JsonNode a : api.path("activations")) {
      if (a.path("element").asText().equals(element)) {
        return a;
      }
    }
    throw new AssertionError("no activation " + element + " in " + api);
  }

  @Test
  @Order(20)
  void removingThePluginDeactivatesItsWebhooks() throws Exception {
    Files.delete(pluginsDir.resolve("test-hook.jar"));
    await().atMost(WAIT).until(() -> post("orders", "{}").statusCode() == 404);
    assertThat(requests("_unknown", "unknown_path")).isGreaterThanOrEqualTo(2);
  }
}
