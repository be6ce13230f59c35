package dev.plugboard.runtime.inbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.plugboard.runtime.inbound.InboundElement.ElementKind;
import dev.plugboard.sdk.CorrelationResult;
import io.camunda.client.CamundaClient;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Camunda 8 side of the inbound layer with the real {@code camunda-client-java} against
 * WireMock standing in for the Orchestration Cluster REST API: which definitions are activated
 * (search, XML, waiting instances of older versions) and the exact correlate / publish calls.
 */
class Camunda8InboundTest {

  static final String PROBLEM = "application/problem+json";

  WireMockServer cluster;
  CamundaClient client;

  @BeforeEach
  void start() {
    cluster = new WireMockServer(options().dynamicPort());
    cluster.start();
    client = CamundaClient.newClientBuilder()
        .restAddress(URI.create("http://localhost:" + cluster.port()))
        .preferRestOverGrpc(true)
        .build();
  }

  @AfterEach
  void stop() {
    client.close();
    cluster.stop();
  }

  void stubDefinitions(String activeInstancesOfV1) {
    cluster.stubFor(post(urlEqualTo("/v2/process-definitions/search"))
        .willReturn(okJson(Camunda8Fixtures.DEFINITIONS)));
    cluster.stubFor(get(urlEqualTo("/v2/process-definitions/11/xml")).willReturn(aResponse()
        .withHeader("Content-Type", "text/xml").withBody(Camunda8Fixtures.orderBpmn(true))));
    cluster.stubFor(get(urlEqualTo("/v2/process-definitions/12/xml")).willReturn(aResponse()
        .withHeader("Content-Type", "text/xml").withBody(Camunda8Fixtures.orderBpmn(false))));
    cluster.stubFor(get(urlEqualTo("/v2/process-definitions/21/xml")).willReturn(aResponse()
        .withHeader("Content-Type", "text/xml").withBody(Camunda8Fixtures.PLAIN_BPMN)));
    cluster.stubFor(post(urlEqualTo("/v2/process-instances/search"))
        .withRequestBody(matchingJsonPath("$.filter.processDefinitionKey['$eq']", equalTo("11")))
        .willReturn(okJson(activeInstancesOfV1)));
  }

  @Test
  void theLatestVersionIsServedAndAnOlderVersionOnlyForElementsItsWaitingInstancesNeed() {
    stubDefinitions(Camunda8Fixtures.ACTIVE_V1_INSTANCE);
    Camunda8DeployedElements deployed = new Camunda8DeployedElements(client);

    Map<String, InboundElement> current = deployed.current();

    assertThat(current.keySet()).containsExactlyInAnyOrder(
        "c8-order/OrderCreated", "c8-order/Paid", "c8-order/Cancelled");
    InboundElement start = current.get("c8-order/OrderCreated");
    assertThat(start.processDefinitionId()).isEqualTo("12");
    assertThat(start.version()).isEqualTo(2);
    assertThat(start.kind()).isEqualTo(ElementKind.START_EVENT);
    assertThat(start.messageName()).isEqualTo("c8-order-created");
    assertThat(start.properties()).containsEntry("inbound.path", "c8-orders")
        .containsEntry("inbound.resultExpression", "={orderId: request.body.orderId}");
    InboundElement paid = current.get("c8-order/Paid");
    assertThat(paid.kind()).isEqualTo(ElementKind.RECEIVE_TASK);
    assertThat(paid.messageName()).isEqualTo("c8-order-paid");
    InboundElement cancelled = current.get("c8-order/Cancelled");
    assertThat(cancelled.processDefinitionId()).isEqualTo("11");
    assertThat(cancelled.kind()).isEqualTo(ElementKind.BOUNDARY_EVENT);
    // Only version 1 is asked about its instances: the latest needs no such check.
    cluster.verify(1, postRequestedFor(urlEqualTo("/v2/process-instances/search"))
        .withRequestBody(matchingJsonPath("$.filter.processDefinitionKey['$eq']", equalTo("11")))
        .withRequestBody(matchingJsonPath("$.filter.state['$eq']", equalTo("ACTIVE"))));
    cluster.verify(1, postRequestedFor(urlEqualTo("/v2/process-instances/search")));
  }

  @Test
  void anOlderVersionWithoutActiveInstancesIsNotServedAndModelsAreFetchedOnce() {
    stubDefinitions(Camunda8Fixtures.ACTIVE_V1_INSTANCE);
    Camunda8DeployedElements deployed = new Camunda8DeployedElements(client);
    assertThat(deployed.current()).containsKey("c8-order/Cancelled");

    stubDefinitions(Camunda8Fixtures.NO_INSTANCES);
    assertThat(deployed.current().keySet())
        .containsExactlyInAnyOrder("c8-order/OrderCreated", "c8-order/Paid");

    for (String key : new String[] {"11", "12", "21"}) {
      cluster.verify(1, getRequestedFor(urlEqualTo("/v2/process-definitions/" + key + "/xml")));
    }
  }

  @Test
  void anUnreachableClusterFailsTheScanInsteadOfReportingNothingDeployed() {
    Camunda8DeployedElements deployed = new Camunda8DeployedElements(client);
    cluster.stop();
    // An empty answer would deactivate every webhook; an exception keeps them.
    assertThatThrownBy(deployed::current).isInstanceOf(RuntimeException.class);
  }

  static InboundElement element(ElementKind kind, String message) {
    return new InboundElement("12", "c8-order", 2, "E", kind, message,
        Map.of("inbound.type", "test:webhook:1"));
  }

  Camunda8MessageCorrelator correlator() {
    return new Camunda8MessageCorrelator(client, Duration.ofMinutes(10));
  }

  @Test
  void withoutAMessageIdTheMessageIsCorrelatedAndTheAnswerNamesTheInstance() {
    cluster.stubFor(post(urlEqualTo("/v2/messages/correlation")).willReturn(okJson(
        "{\"messageKey\":\"2251799813685300\",\"tenantId\":\"<default>\","
            + "\"processInstanceKey\":\"2251799813685301\"}")));

    CorrelationResult r = correlator().correlate(
        element(ElementKind.RECEIVE_TASK, "c8-order-paid"), "o-7", null,
        Map.of("payment", Map.of("amount", 12)));

    assertThat(r).isEqualTo(new CorrelationResult.MessageCorrelated("2251799813685301"));
    cluster.verify(1, postRequestedFor(urlEqualTo("/v2/messages/correlation"))
        .withRequestBody(equalToJson(
            "{\"name\":\"c8-order-paid\",\"correlationKey\":\"o-7\","
                + "\"variables\":{\"payment\":{\"amount\":12}}}", false, true)));
  }

  @Test
  void aStartEventIsCorrelatedWithoutAKeyAndReportsTheStartedInstance() {
    cluster.stubFor(post(urlEqualTo("/v2/messages/correlation")).willReturn(okJson(
        "{\"messageKey\":\"5\",\"tenantId\":\"<default>\",\"processInstanceKey\":\"6\"}")));

    CorrelationResult r = correlator().correlate(
        element(ElementKind.START_EVENT, "c8-order-created"), null, null, Map.of("orderId", "o-1"));

    assertThat(r).isEqualTo(new CorrelationResult.ProcessStarted("6"));
    cluster.verify(postRequestedFor(urlEqualTo("/v2/messages/correlation"))
        .withRequestBody(matchingJsonPath("$.name", equalTo("c8-order-created")))
        .withRequestBody(matchingJsonPath("$.correlationKey", equalTo("")))
        .withRequestBody(matchingJsonPath("$.variables.orderId", equalTo("o-1"))));
  }

  @Test
  void aMessageThatNoInstanceWaitsForIsNotCorrelatedAndNotRetryable() {
    cluster.stubFor(post(urlEqualTo("/v2/messages/correlation")).willReturn(aResponse()
        .withStatus(404).withHeader("Content-Type", PROBLEM)
        .withBody("{\"type\":\"about:blank\",\"title\":\"NOT_FOUND\",\"status\":404,"
            + "\"detail\":\"Expected to find subscription for message with name 'c8-order-paid'"
            + " and correlation key 'o-404', but none was found.\"}")));

    CorrelationResult r = correlator().correlate(
        element(ElementKind.INTERMEDIATE_CATCH_EVENT, "c8-order-paid"), "o-404", null, Map.of());

    assertThat(r).isInstanceOfSatisfying(CorrelationResult.NotCorrelated.class, n -> {
      assertThat(n.retryable()).isFalse();
      assertThat(n.reason()).contains("c8-order-paid").contains("o-404");
    });
  }

  @Test
  void withAMessageIdTheMessageIsPublishedWithIdAndTtlAndTheClusterRejectsAReplay() {
    cluster.stubFor(post(urlEqualTo("/v2/messages/publication")).inScenario("dedup")
        .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
        .willSetStateTo("published")
        .willReturn(okJson("{\"messageKey\":\"77\",\"tenantId\":\"<default>\"}")));
    cluster.stubFor(post(urlEqualTo("/v2/messages/publication")).inScenario("dedup")
        .whenScenarioStateIs("published").willReturn(aResponse().withStatus(409)
            .withHeader("Content-Type", PROBLEM)
            .withBody("{\"type\":\"about:blank\",\"title\":\"ALREADY_EXISTS\",\"status\":409,"
                + "\"detail\":\"a message with id 'pay-1' was already published\"}")));
    InboundElement paid = element(ElementKind.RECEIVE_TASK, "c8-order-paid");

    CorrelationResult first = correlator().correlate(paid, "o-7", "pay-1", Map.of("x", 1));
    CorrelationResult replay = correlator().correlate(paid, "o-7", "pay-1", Map.of("x", 1));

    assertThat(first).isEqualTo(new CorrelationResult.MessageCorrelated(""));
    assertThat(replay).isEqualTo(new CorrelationResult.AlreadyCorrelated("pay-1"));
    cluster.verify(2, postRequestedFor(urlEqualTo("/v2/messages/publication"))
        .withRequestBody(equalToJson("{\"name\":\"c8-order-paid\",\"correlationKey\":\"o-7\","
            + "\"messageId\":\"pay-1\",\"timeToLive\":600000,\"variables\":{\"x\":1}}",
            false, true)));
  }

  @Test
  void aMessageTtlOfZeroIsRefusedBecauseTheClusterWouldNotDeduplicate() {
    assertThatThrownBy(() -> new Camunda8MessageCorrelator(client, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("plugboard.inbound.camunda8.message-ttl=PT0S")
        .hasMessageContaining("must be positive");
  }

  @Test
  void anotherClusterErrorIsThrownWithTheClustersReason() {
    cluster.stubFor(post(urlEqualTo("/v2/messages/correlation")).willReturn(aResponse()
        .withStatus(400).withHeader("Content-Type", PROBLEM)
        .withBody("{\"type\":\"about:blank\",\"title\":\"INVALID_ARGUMENT\",\"status\":400,"
            + "\"detail\":\"No name provided.\"}")));

    assertThatThrownBy(() -> correlator().correlate(
        element(ElementKind.RECEIVE_TASK, "c8-order-paid"), "o-1", null, Map.of()))
        .hasMessageContaining("HTTP 400").hasMessageContaining("No name provided.");
  }
}
