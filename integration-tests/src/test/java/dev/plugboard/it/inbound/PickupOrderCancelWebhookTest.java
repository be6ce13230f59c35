package dev.plugboard.it.inbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.plugboard.it.LocalServices;
import dev.plugboard.it.RuntimeProcess;
import dev.plugboard.it.TestPlugins;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example's {@code order-cancel} webhook through the real webhook plugin jar
 * ({@code dist/plugins/plugboard-connector-webhook-*.jar}) on the built runtime: a running
 * {@code pickup-order} is aborted by {@code POST /inbound/order-cancel {"orderId": ...}}, the
 * reason lands in {@code cancelReason}; an order id nobody waits for gets 409 and changes nothing.
 */
class PickupOrderCancelWebhookTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static WireMockServer api;
  private static RuntimeProcess runtime;

  @BeforeAll
  static void start() throws Exception {
    Path webhook = RuntimeProcess.distPlugin("plugboard-connector-webhook");
    LocalServices.requireCondition(webhook != null, "dist/plugins has no webhook plugin jar;"
        + " build it with: mvn -pl connectors-catalog/webhook -am verify");
    api = new WireMockServer(options().dynamicPort());
    api.start();
    // Reservations hang, so the order is still running when it is cancelled.
    api.stubFor(post(urlEqualTo("/stock/reservations"))
        .willReturn(aResponse().withStatus(201).withFixedDelay(30_000)));
    runtime = RuntimeProcess.builder("inbound-example")
        .withPlugin(webhook)
        .withPlugin(TestPlugins.catalogStandIns())
        .property("plugboard.examples.stock-api-url", "http://localhost:" + api.port() + "/stock")
        .property("plugboard.examples.smtp-host", "127.0.0.1")
        .property("plugboard.examples.smtp-port", RuntimeProcess.freePort())
        .property("plugboard.inbound.scan-interval", "PT0.5S")
        .start();
  }

  @AfterAll
  static void stop() {
    if (runtime != null) {
      runtime.close();
    }
    if (api != null) {
      api.stop();
    }
  }

  @Test
  void orderCancelWebhookAbortsTheRunningOrder() throws Exception {
    HttpResponse<String> started = runtime.postJson(
        "/api/engine/process-definitions/pickup-order/start",
        "{\"businessKey\":\"o-77\",\"variables\":{\"orderId\":\"o-77\",\"customerEmail\":"
            + "\"eve@example.com\",\"lines\":[{\"sku\":\"A\",\"quantity\":1}]}}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
    String pi = JSON.readTree(started.body()).path("id").asText();
    await().atMost(WAIT).untilAsserted(() -> api.verify(1,
        postRequestedFor(urlEqualTo("/stock/reservations")).withRequestBody(containing("o-77"))));

    HttpResponse<String> none = awaitWebhook("{\"orderId\":\"o-nobody\"}");
    assertThat(none.statusCode()).as(none.body()).isEqualTo(409);
    assertThat(none.body()).contains("NOT_CORRELATED").contains("o-nobody");

    HttpResponse<String> r = runtime.postJson("/inbound/order-cancel",
        "{\"orderId\":\"o-77\",\"reason\":\"changed my mind\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).path("status").asText()).isEqualTo("CORRELATED");
    await().atMost(WAIT).untilAsserted(() -> {
      JsonNode ends = JSON.readTree(runtime.get("/engine-rest/history/activity-instance"
          + "?processInstanceId=" + pi + "&activityId=OrderCancelled").body());
      assertThat(ends.size()).isEqualTo(1);
    });
    JsonNode reason = JSON.readTree(runtime.get("/engine-rest/history/variable-instance"
        + "?processInstanceId=" + pi + "&variableName=cancelReason").body());
    assertThat(reason.get(0).path("value").asText()).isEqualTo("changed my mind");
    String metrics = runtime.get("/actuator/prometheus").body();
    assertThat(metrics).contains("plugboard_inbound_requests_total")
        .contains("outcome=\"correlated\"").contains("outcome=\"not_correlated\"");
  }

  /** The webhook path appears once the plugin is active and the example is scanned. */
  private static HttpResponse<String> awaitWebhook(String body) {
    HttpResponse<String>[] last = new HttpResponse[1];
    await().atMost(WAIT).until(() -> {
      last[0] = runtime.postJson("/inbound/order-cancel", body);
      return last[0].statusCode() != 404;
    });
    return last[0];
  }
}
