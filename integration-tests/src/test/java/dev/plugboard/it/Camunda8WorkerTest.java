package dev.plugboard.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Camunda 8 adapter against WireMock standing in for the Orchestration Cluster REST API: the
 * exact calls the job worker makes (activate, complete with variables, fail with retries and
 * backoff, throw a BPMN error), and an unreachable cluster reported in the health without taking
 * the runtime down. No Operaton is started in this mode.
 */
class Camunda8WorkerTest {

  private WireMockServer cluster;

  @BeforeEach
  void startCluster() {
    cluster = new WireMockServer(options().dynamicPort());
    cluster.start();
    cluster.stubFor(get(urlEqualTo("/v2/topology")).willReturn(okJson(
        "{\"brokers\":[],\"clusterSize\":1,\"partitionsCount\":1,\"replicationFactor\":1,"
            + "\"gatewayVersion\":\"8.8.0\"}")));
  }

  @AfterEach
  void stopCluster() {
    cluster.stop();
  }

  @Test
  void jobsAreActivatedCompletedFailedAndErroredWithTheExactRestCalls() {
    cluster.stubFor(post(urlEqualTo("/v2/jobs/activation")).inScenario("jobs")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("served")
        .willReturn(okJson("{\"jobs\":["
            + job("101", "{\"item\":\"ok\"}", "{\"resultVariable\":\"echoResult\"}", 3) + ","
            + job("102", "{\"item\":\"b\",\"bpmnErrorCode\":\"OUT_OF_STOCK\"}", "{}", 3) + ","
            + job("103", "{\"item\":\"f\",\"failCode\":\"ECHO_BROKEN\"}",
                "{\"retryBackoff\":\"PT7S\"}", 3) + ","
            + job("104", "{\"item\":\"r\",\"retryCode\":\"ECHO_BUSY\"}",
                "{\"retryBackoff\":\"PT7S\"}", 3)
            + "]}")));
    cluster.stubFor(post(urlEqualTo("/v2/jobs/activation")).inScenario("jobs")
        .whenScenarioStateIs("served").willReturn(okJson("{\"jobs\":[]}")));
    cluster.stubFor(post(urlPathMatching("/v2/jobs/[0-9]+/(completion|failure|error)"))
        .willReturn(aResponse().withStatus(204)));

    try (RuntimeProcess runtime = RuntimeProcess.builder("camunda8")
        .withPlugin(TestPlugins.echoPlugin("1.0.0"))
        .property("plugboard.engine", "camunda8")
        .property("camunda.client.rest-address", "http://localhost:" + cluster.port())
        .property("camunda.client.worker.defaults.poll-interval", "PT0.2S")
        .start()) {
      await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
        cluster.verify(postRequestedFor(urlEqualTo("/v2/jobs/101/completion"))
            .withRequestBody(matchingJsonPath("$.variables.echoResult.echo", equalTo("ok"))));
        cluster.verify(postRequestedFor(urlEqualTo("/v2/jobs/102/error"))
            .withRequestBody(matchingJsonPath("$.errorCode", equalTo("OUT_OF_STOCK"))));
        // A ConnectorException is not retried: 0 retries, an incident with the code.
        cluster.verify(postRequestedFor(urlEqualTo("/v2/jobs/103/failure"))
            .withRequestBody(matchingJsonPath("$.retries", equalTo("0")))
            .withRequestBody(matchingJsonPath("$.errorMessage", containing("ECHO_BROKEN"))));
        // A RetryableException uses the job's retries and the task's retryBackoff header.
        cluster.verify(postRequestedFor(urlEqualTo("/v2/jobs/104/failure"))
            .withRequestBody(matchingJsonPath("$.retries", equalTo("2")))
            .withRequestBody(matchingJsonPath("$.retryBackOff", equalTo("7000")))
            .withRequestBody(matchingJsonPath("$.errorMessage", containing("ECHO_BUSY"))));
      });
      cluster.verify(postRequestedFor(urlEqualTo("/v2/jobs/activation"))
          .withRequestBody(matchingJsonPath("$.type", equalTo("it:echo:1"))));
      // The embedded engine is off in this mode.
      assertThat(runtime.get("/engine-rest/engine").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void anUnreachableClusterIsReportedInTheHealthAndTheRuntimeStaysUp() {
    int closed = RuntimeProcess.freePort();
    try (RuntimeProcess runtime = RuntimeProcess.builder("camunda8-down")
        .withPlugin(TestPlugins.echoPlugin("1.0.0"))
        .property("plugboard.engine", "camunda8")
        .property("camunda.client.rest-address", "http://localhost:" + closed)
        .property("management.endpoint.health.show-details", "always")
        .requireUp(false)
        .start()) {
      HttpResponse<String> health = runtime.get("/actuator/health");
      assertThat(health.statusCode()).isEqualTo(503);
      assertThat(health.body()).contains("camunda8").contains("not reachable");
      assertThat(runtime.process().isAlive()).isTrue();
    }
  }

  private static com.github.tomakehurst.wiremock.matching.StringValuePattern containing(String s) {
    return com.github.tomakehurst.wiremock.client.WireMock.containing(s);
  }

  private static String job(String key, String variables, String headers, int retries) {
    return "{\"jobKey\":\"" + key + "\",\"type\":\"it:echo:1\",\"processInstanceKey\":\"9" + key
        + "\",\"processDefinitionId\":\"it-echo\",\"processDefinitionVersion\":1,"
        + "\"processDefinitionKey\":\"77\",\"elementId\":\"Echo\",\"elementInstanceKey\":\"8"
        + key + "\",\"customHeaders\":" + headers + ",\"worker\":\"plugboard\",\"retries\":"
        + retries + ",\"deadline\":" + (System.currentTimeMillis() + 300_000)
        + ",\"variables\":" + variables + ",\"tenantId\":\"<default>\","
        + "\"kind\":\"BPMN_ELEMENT\",\"listenerEventType\":\"UNSPECIFIED\"}";
  }
}
