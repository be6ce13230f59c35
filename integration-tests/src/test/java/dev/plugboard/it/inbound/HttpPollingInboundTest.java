package dev.plugboard.it.inbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.plugboard.it.LocalServices;
import dev.plugboard.it.RuntimeProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The HTTP polling plugin jar ({@code dist/plugins/plugboard-connector-http-polling-*.jar}) in the
 * built runtime on the embedded engine: the process {@code it-polled-order} is started by each NEW
 * item of an orders feed (bearer token and URL from secrets) and continued by a payments feed,
 * exactly once per distinct item although every poll returns the items seen before.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpPollingInboundTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String TOKEN = "it-feed-token-7f3a";
  private static WireMockServer api;
  private static RuntimeProcess runtime;

  @BeforeAll
  static void start() throws Exception {
    Path plugin = RuntimeProcess.distPlugin("plugboard-connector-http-polling");
    LocalServices.requireCondition(plugin != null, "dist/plugins has no http-polling plugin jar;"
        + " build it with: mvn -pl connectors-catalog/http-polling -am verify");
    api = new WireMockServer(options().dynamicPort());
    api.start();
    orders("{\"id\":\"o-1\",\"status\":\"NEW\",\"total\":10},"
        + "{\"id\":\"o-2\",\"status\":\"NEW\",\"total\":20},"
        + "{\"id\":\"o-3\",\"status\":\"DRAFT\",\"total\":30}");
    api.stubFor(get("/payments").willReturn(json("{\"payments\":[]}")));
    String base = "http://localhost:" + api.port();
    runtime = RuntimeProcess.builder("inbound-polling")
        .withPlugin(plugin)
        .withProcess(Path.of(HttpPollingInboundTest.class
            .getResource("/processes/it-polled-order.bpmn").toURI()))
        .env("PLUGBOARD_SECRET_IT_ORDERS_URL", base + "/orders")
        .env("PLUGBOARD_SECRET_IT_PAYMENTS_URL", base + "/payments")
        .env("PLUGBOARD_SECRET_IT_FEED_TOKEN", TOKEN)
        .property("plugboard.operaton.deploy-examples", "false")
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

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
    return aResponse().withHeader("Content-Type", "application/json").withBody(body);
  }

  /** The orders feed answers only with the bearer token; every poll returns the whole list. */
  static void orders(String items) {
    api.stubFor(get("/orders").withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .willReturn(json("{\"orders\":[" + items + "]}")));
  }

  static int ordersPolls() {
    return api.findAll(getRequestedFor(urlEqualTo("/orders"))).size();
  }

  static List<String> startedOrderIds() throws Exception {
    JsonNode vars = JSON.readTree(runtime.get("/engine-rest/history/variable-instance"
        + "?processDefinitionKey=it-polled-order&variableName=orderId").body());
    List<String> ids = new ArrayList<>();
    vars.forEach(v -> ids.add(v.path("value").asText()));
    return ids;
  }

  static long instances(String query) throws Exception {
    return JSON.readTree(runtime.get("/engine-rest/history/process-instance/count"
        + "?processDefinitionKey=it-polled-order" + query).body()).path("count").asLong();
  }

  /** Waits until the feed was polled a few more times, so a duplicate would have shown. */
  static void awaitMorePolls(int polls) {
    int seen = ordersPolls();
    await().atMost(WAIT).until(() -> ordersPolls() >= seen + polls);
  }

  @Test
  @Order(1)
  void eachNewItemOfTheFeedStartsOneInstanceHoweverOftenItIsPolled() throws Exception {
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(startedOrderIds()).containsExactlyInAnyOrder("o-1", "o-2"));
    awaitMorePolls(3);
    assertThat(startedOrderIds()).containsExactlyInAnyOrder("o-1", "o-2");

    orders("{\"id\":\"o-1\",\"status\":\"NEW\",\"total\":10},"
        + "{\"id\":\"o-2\",\"status\":\"NEW\",\"total\":20},"
        + "{\"id\":\"o-3\",\"status\":\"DRAFT\",\"total\":30},"
        + "{\"id\":\"o-4\",\"status\":\"NEW\",\"total\":40}");
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(startedOrderIds()).containsExactlyInAnyOrder("o-1", "o-2", "o-4"));
    awaitMorePolls(3);
    assertThat(startedOrderIds()).containsExactlyInAnyOrder("o-1", "o-2", "o-4");
    assertThat(instances("")).isEqualTo(3);
  }

  @Test
  @Order(2)
  void aPaymentItemContinuesTheWaitingInstanceOfItsOrderOnce() throws Exception {
    api.stubFor(get("/payments").willReturn(json(
        "{\"payments\":[{\"orderId\":\"o-2\",\"paymentId\":\"p-1\"}]}").withHeader("ETag", "\"pay-1\"")));
    api.stubFor(get("/payments").withHeader("If-None-Match", equalTo("\"pay-1\""))
        .willReturn(aResponse().withStatus(304)));

    await().atMost(WAIT).until(() -> instances("&finished=true") == 1);
    JsonNode paid = JSON.readTree(runtime.get("/engine-rest/history/variable-instance"
        + "?processDefinitionKey=it-polled-order&variableName=paymentId").body());
    assertThat(paid).hasSize(1);
    assertThat(paid.get(0).path("value").asText()).isEqualTo("p-1");
    JsonNode finished = JSON.readTree(runtime.get("/engine-rest/history/variable-instance"
        + "?processInstanceId=" + paid.get(0).path("processInstanceId").asText()
        + "&variableName=orderId").body());
    assertThat(finished.get(0).path("value").asText()).isEqualTo("o-2");

    // The server's ETag comes back; its 304 emits nothing, and nothing else moved.
    await().atMost(WAIT).until(() -> !api.findAll(getRequestedFor(urlEqualTo("/payments"))
        .withHeader("If-None-Match", equalTo("\"pay-1\""))).isEmpty());
    awaitMorePolls(2);
    assertThat(instances("&finished=true")).isEqualTo(1);
    assertThat(instances("&unfinished=true")).isEqualTo(2);
    assertThat(runtime.log()).doesNotContain(TOKEN);
  }
}
