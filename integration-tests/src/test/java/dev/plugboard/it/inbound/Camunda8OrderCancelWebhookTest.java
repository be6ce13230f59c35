package dev.plugboard.it.inbound;

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

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.plugboard.it.LocalServices;
import dev.plugboard.it.RuntimeProcess;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example's {@code order-cancel} webhook on Camunda 8: the built runtime with
 * {@code plugboard.engine=camunda8} and the real webhook plugin jar
 * ({@code dist/plugins/plugboard-connector-webhook-*.jar}), against WireMock standing in for the
 * Orchestration Cluster REST API that has {@code processes/camunda8/pickup-order.bpmn} deployed.
 * {@code POST /inbound/order-cancel} becomes the correlate-message call with the message name,
 * the order id as correlation key and the mapped {@code cancelReason}; an order id that no
 * instance waits for (the cluster answers 404) gets 409.
 */
class Camunda8OrderCancelWebhookTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static WireMockServer cluster;
  private static RuntimeProcess runtime;

  @BeforeAll
  static void start() throws Exception {
    Path webhook = RuntimeProcess.distPlugin("plugboard-connector-webhook");
    LocalServices.requireCondition(webhook != null, "dist/plugins has no webhook plugin jar;"
        + " build it with: mvn -pl connectors-catalog/webhook -am verify");
    String bpmn = Files.readString(Path.of("../processes/camunda8/pickup-order.bpmn"));
    cluster = new WireMockServer(options().dynamicPort());
    cluster.start();
    cluster.stubFor(get(urlEqualTo("/v2/topology")).willReturn(okJson(
        "{\"brokers\":[],\"clusterSize\":1,\"partitionsCount\":1,\"replicationFactor\":1,"
            + "\"gatewayVersion\":\"8.8.0\"}")));
    cluster.stubFor(post(urlEqualTo("/v2/process-definitions/search")).willReturn(okJson(
        "{\"items\":[{\"processDefinitionKey\":\"2251799813685249\","
            + "\"processDefinitionId\":\"pickup-order\",\"version\":1,\"name\":\"Pick-up order\","
            + "\"resourceName\":\"pickup-order.bpmn\",\"tenantId\":\"<default>\","
            + "\"hasStartForm\":false}],\"page\":{\"totalItems\":1}}")));
    cluster.stubFor(get(urlEqualTo("/v2/process-definitions/2251799813685249/xml"))
        .willReturn(aResponse().withHeader("Content-Type", "text/xml").withBody(bpmn)));
    cluster.stubFor(post(urlEqualTo("/v2/messages/correlation")).willReturn(aResponse()
        .withStatus(404).withHeader("Content-Type", "application/problem+json")
        .withBody("{\"type\":\"about:blank\",\"title\":\"NOT_FOUND\",\"status\":404,"
            + "\"detail\":\"Expected to find subscription for message with name 'order-cancel',"
            + " but none was found.\"}")));
    cluster.stubFor(post(urlEqualTo("/v2/messages/correlation"))
        .withRequestBody(matchingJsonPath("$.correlationKey", equalTo("o-77")))
        .willReturn(okJson("{\"messageKey\":\"2251799813685300\",\"tenantId\":\"<default>\","
            + "\"processInstanceKey\":\"2251799813685290\"}")));
    runtime = RuntimeProcess.builder("camunda8-inbound")
        .withPlugin(webhook)
        .property("plugboard.engine", "camunda8")
        .property("camunda.client.rest-address", "http://localhost:" + cluster.port())
        .property("plugboard.inbound.scan-interval", "PT0.5S")
        .start();
  }

  @AfterAll
  static void stop() {
    if (runtime != null) {
      runtime.close();
    }
    if (cluster != null) {
      cluster.stop();
    }
  }

  @Test
  void orderCancelReachesTheClusterAsCorrelateMessageWithKeyAndMappedVariables()
      throws Exception {
    HttpResponse<String> none = awaitWebhook("{\"orderId\":\"o-nobody\"}");
    assertThat(none.statusCode()).as(none.body()).isEqualTo(409);
    assertThat(none.body()).contains("NOT_CORRELATED").contains("o-nobody");

    HttpResponse<String> r = runtime.postJson("/inbound/order-cancel",
        "{\"orderId\":\"o-77\",\"reason\":\"changed my mind\"}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).path("status").asText()).isEqualTo("CORRELATED");
    assertThat(JSON.readTree(r.body()).path("processInstanceId").asText())
        .isEqualTo("2251799813685290");
    cluster.verify(1, postRequestedFor(urlEqualTo("/v2/messages/correlation"))
        .withRequestBody(equalToJson("{\"name\":\"order-cancel\",\"correlationKey\":\"o-77\","
            + "\"variables\":{\"cancelReason\":\"changed my mind\"}}", false, true)));
    String metrics = runtime.get("/actuator/prometheus").body();
    assertThat(metrics).contains("plugboard_inbound_requests_total")
        .contains("outcome=\"correlated\"").contains("outcome=\"not_correlated\"");
  }

  /** The path appears once the plugin is active and the cluster's definitions are scanned. */
  private static HttpResponse<String> awaitWebhook(String body) {
    HttpResponse<String>[] last = new HttpResponse[1];
    await().atMost(WAIT).until(() -> {
      last[0] = runtime.postJson("/inbound/order-cancel", body);
      return last[0].statusCode() != 404;
    });
    return last[0];
  }
}
