package dev.plugboard.runtime.inbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.plugboard.runtime.PlugboardApplication;
import dev.plugboard.runtime.plugins.TestPluginJars;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Webhooks on Camunda 8 end to end: the runtime with {@code plugboard.engine=camunda8} against
 * WireMock standing in for the Orchestration Cluster REST API. A webhook plugin dropped into the
 * plugins folder is activated from the definitions the cluster reports; {@code POST
 * /inbound/{path}} becomes the exact correlate or publish call with name, correlation key,
 * variables and message id; the cluster's answers become the webhook's answers.
 */
@SpringBootTest(classes = PlugboardApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "plugboard.engine=camunda8",
        "plugboard.security.admin-token=c8-inbound-test-token",
        "plugboard.inbound.scan-interval=200ms",
        "plugboard.inbound.camunda8.message-ttl=PT5M",
        "plugboard.plugins.poll-interval=100ms"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Camunda8WebhookEndToEndTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final Duration WAIT = Duration.ofSeconds(30);
  static final WireMockServer CLUSTER = new WireMockServer(options().dynamicPort());
  static Path pluginsDir;

  @DynamicPropertySource
  static void cluster(DynamicPropertyRegistry properties) throws Exception {
    CLUSTER.start();
    CLUSTER.stubFor(get(urlEqualTo("/v2/topology")).willReturn(okJson(
        "{\"brokers\":[],\"clusterSize\":1,\"partitionsCount\":1,\"replicationFactor\":1,"
            + "\"gatewayVersion\":\"8.8.0\"}")));
    CLUSTER.stubFor(post(urlEqualTo("/v2/process-definitions/search")).willReturn(okJson(
        "{\"items\":[{\"processDefinitionKey\":\"12\",\"processDefinitionId\":\"c8-order\","
            + "\"version\":2,\"name\":\"Order\",\"resourceName\":\"order.bpmn\","
            + "\"tenantId\":\"<default>\",\"hasStartForm\":false}],\"page\":{\"totalItems\":1}}")));
    CLUSTER.stubFor(get(urlEqualTo("/v2/process-definitions/12/xml")).willReturn(aResponse()
        .withHeader("Content-Type", "text/xml").withBody(Camunda8Fixtures.orderBpmn(false))));
    Path root = Files.createTempDirectory("plugboard-c8-inbound-test");
    pluginsDir = Files.createDirectories(root.resolve("plugins"));
    properties.add("camunda.client.rest-address", () -> "http://localhost:" + CLUSTER.port());
    properties.add("plugboard.plugins.dir", pluginsDir::toString);
    properties.add("plugboard.plugins.extra-dirs", () -> root.resolve("none").toString());
    properties.add("plugboard.plugins.work-dir", () -> root.resolve("cache").toString());
  }

  @AfterAll
  static void stopCluster() {
    CLUSTER.stop();
  }

  @Value("${local.server.port}")
  int port;
  @Autowired
  ApplicationContext context;

  HttpResponse<String> webhook(String path, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/inbound/" + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @Order(1)
  void noEmbeddedEngineRunsAndTheWebhookStartsAProcessThroughCorrelateMessage() throws Exception {
    assertThat(context.getBeanNamesForType(DeduplicationStore.class)).isEmpty();
    assertThat(context.containsBean("processEngine")).isFalse();
    CLUSTER.stubFor(post(urlEqualTo("/v2/messages/correlation"))
        .withRequestBody(matchingJsonPath("$.name", equalTo("c8-order-created")))
        .willReturn(okJson("{\"messageKey\":\"900\",\"tenantId\":\"<default>\","
            + "\"processInstanceKey\":\"901\"}")));
    assertThat(webhook("c8-orders", "{}").statusCode()).isEqualTo(404);

    TestPluginJars.plugin("test-hook", "1.0.0")
        .connector("t.hook.JsonHook", InboundFixtures.JSON_WEBHOOK)
        .withTemplates("test:webhook:1")
        .writeTo(pluginsDir, "test-hook.jar");
    await().atMost(WAIT).until(() -> webhook("c8-orders", "{\"kind\":\"probe\"}").statusCode() == 202);

    HttpResponse<String> r = webhook("c8-orders", "{\"kind\":\"order\",\"orderId\":\"o-1\"}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("status").asText()).isEqualTo("STARTED");
    assertThat(body.path("processInstanceId").asText()).isEqualTo("901");
    CLUSTER.verify(1, postRequestedFor(urlEqualTo("/v2/messages/correlation"))
        .withRequestBody(equalToJson("{\"name\":\"c8-order-created\",\"correlationKey\":\"\","
            + "\"variables\":{\"orderId\":\"o-1\"}}", false, true)));
    // The probe's activation condition was false: nothing reached the cluster for it.
    CLUSTER.verify(1, postRequestedFor(urlEqualTo("/v2/messages/correlation")));
  }

  @Test
  @Order(2)
  void aPaymentIsPublishedWithItsKeyAndMessageIdAndAReplayIsAnsweredAsDuplicate()
      throws Exception {
    CLUSTER.stubFor(post(urlEqualTo("/v2/messages/publication")).inScenario("pay")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("published")
        .willReturn(okJson("{\"messageKey\":\"910\",\"tenantId\":\"<default>\"}")));
    CLUSTER.stubFor(post(urlEqualTo("/v2/messages/publication")).inScenario("pay")
        .whenScenarioStateIs("published").willReturn(aResponse().withStatus(409)
            .withHeader("Content-Type", "application/problem+json")
            .withBody("{\"type\":\"about:blank\",\"title\":\"ALREADY_EXISTS\",\"status\":409,"
                + "\"detail\":\"message with id 'pay-1' already published\"}")));
    String payment = "{\"orderId\":\"o-1\",\"paymentId\":\"pay-1\",\"amount\":25}";

    HttpResponse<String> first = webhook("c8-payments", payment);
    HttpResponse<String> replay = webhook("c8-payments", payment);

    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(JSON.readTree(first.body()).path("status").asText()).isEqualTo("CORRELATED");
    assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
    assertThat(JSON.readTree(replay.body()).path("status").asText()).isEqualTo("DUPLICATE");
    CLUSTER.verify(2, postRequestedFor(urlEqualTo("/v2/messages/publication"))
        .withRequestBody(equalToJson("{\"name\":\"c8-order-paid\",\"correlationKey\":\"o-1\","
            + "\"messageId\":\"pay-1\",\"timeToLive\":300000,\"variables\":{\"payment\":"
            + "{\"request\":{\"body\":{\"orderId\":\"o-1\",\"paymentId\":\"pay-1\","
            + "\"amount\":25}}}}}", false, true)));
  }

  @Test
  @Order(3)
  void aPayloadWithoutTheKeyGets422AndNothingReachesTheCluster() throws Exception {
    int before = CLUSTER.findAll(postRequestedFor(urlEqualTo("/v2/messages/publication"))).size();

    HttpResponse<String> r = webhook("c8-payments", "{\"paymentId\":\"pay-2\"}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
    assertThat(CLUSTER.findAll(postRequestedFor(urlEqualTo("/v2/messages/publication"))))
        .hasSize(before);
  }

  @Test
  @Order(4)
  void aClusterErrorGets503SoTheSenderRetries() throws Exception {
    CLUSTER.stubFor(post(urlEqualTo("/v2/messages/correlation"))
        .withRequestBody(matchingJsonPath("$.name", equalTo("c8-order-created")))
        .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/problem+json")
            .withBody("{\"type\":\"about:blank\",\"title\":\"RESOURCE_EXHAUSTED\",\"status\":503,"
                + "\"detail\":\"the broker is busy\"}")));

    HttpResponse<String> r = webhook("c8-orders", "{\"kind\":\"order\",\"orderId\":\"o-2\"}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
    assertThat(r.body()).contains("NOT_CORRELATED");
  }

  @Test
  @Order(5)
  void removingThePluginDeactivatesTheWebhooks() throws Exception {
    Files.delete(pluginsDir.resolve("test-hook.jar"));
    await().atMost(WAIT).until(() -> webhook("c8-orders", "{}").statusCode() == 404
        && webhook("c8-payments", "{}").statusCode() == 404);
  }
}
