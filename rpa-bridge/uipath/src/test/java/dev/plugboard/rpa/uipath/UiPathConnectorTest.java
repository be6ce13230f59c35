package dev.plugboard.rpa.uipath;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.RetryableException;
import dev.plugboard.sdk.testkit.ConnectorTestKit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The connector against WireMock playing the identity server and Orchestrator. */
class UiPathConnectorTest {

  private static WireMockServer wm;
  private static final String JOBS = "/acme/orchestrator_/odata/Jobs";

  @BeforeAll
  static void start() {
    wm = new WireMockServer(options().dynamicPort());
    wm.start();
  }

  @AfterAll
  static void stop() {
    wm.stop();
  }

  @BeforeEach
  void reset() {
    wm.resetAll();
    wm.stubFor(post("/identity_/connect/token")
        .withRequestBody(containing("grant_type=client_credentials"))
        .withRequestBody(containing("client_secret=s3cret-value"))
        .willReturn(okJson("{\"access_token\":\"tok-1\",\"expires_in\":3600}")));
  }

  @Test
  void startsTheJobPollsUntilItSucceedsAndReturnsItsOutputArguments() throws Exception {
    wm.stubFor(post(JOBS + "/UiPath.Server.Configuration.OData.StartJobs")
        .withHeader("Authorization", equalTo("Bearer tok-1"))
        .withHeader("X-UIPATH-OrganizationUnitId", equalTo("42"))
        .withRequestBody(matchingJsonPath("$.startInfo.ReleaseKey", equalTo("rel-1")))
        .withRequestBody(matchingJsonPath("$.startInfo.InputArguments", containing("INV-9")))
        .willReturn(okJson("{\"value\":[{\"Id\":77,\"Key\":\"k-77\",\"State\":\"Pending\"}]}")));
    wm.stubFor(get(JOBS + "(77)").inScenario("job").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(okJson("{\"Id\":77,\"State\":\"Running\"}")).willSetStateTo("done"));
    wm.stubFor(get(JOBS + "(77)").inScenario("job").whenScenarioStateIs("done")
        .willReturn(okJson("{\"Id\":77,\"Key\":\"k-77\",\"State\":\"Successful\","
            + "\"OutputArguments\":\"{\\\"approved\\\":true}\",\"Info\":\"ok\"}")));

    UiPathConnector connector = new UiPathConnector();
    Object result = kit(connector).execute();
    assertThat(result).isEqualTo(new UiPathResult(77, "k-77", "Successful",
        Map.of("approved", true), "ok"));
    kit(connector).execute(); // second run: the token comes from the cache
    wm.verify(1, postRequestedFor(urlEqualTo("/identity_/connect/token")));
  }

  @Test
  void aFaultedJobIsAnErrorWithItsInfo() {
    wm.stubFor(post(JOBS + "/UiPath.Server.Configuration.OData.StartJobs")
        .willReturn(okJson("{\"value\":[{\"Id\":5,\"State\":\"Pending\"}]}")));
    wm.stubFor(get(JOBS + "(5)").willReturn(okJson("{\"Id\":5,\"State\":\"Faulted\","
        + "\"Info\":\"Selector not found\"}")));
    assertThatThrownBy(() -> kit(new UiPathConnector()).execute())
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("Selector not found")
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("UIPATH_JOB_FAULTED");
  }

  @Test
  void aWrongClientSecretIsAnAuthErrorThatDoesNotShowTheSecret() {
    wm.stubFor(post("/identity_/connect/token").withRequestBody(containing("client_secret=wrong"))
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":\"invalid_client\"}")));
    assertThatThrownBy(() -> kit(new UiPathConnector()).variable("clientSecret", "wrong").execute())
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("invalid_client").hasMessageNotContaining("wrong")
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("UIPATH_AUTH_FAILED");
  }

  @Test
  void anUnknownReleaseIsAStartErrorAndAnOverloadedOrchestratorIsRetryable() {
    wm.stubFor(post(JOBS + "/UiPath.Server.Configuration.OData.StartJobs")
        .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
            .withBody("{\"message\":\"Release does not exist.\"}")));
    assertThatThrownBy(() -> kit(new UiPathConnector()).execute())
        .hasMessageContaining("Release does not exist")
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("UIPATH_START_FAILED");
    wm.stubFor(post(JOBS + "/UiPath.Server.Configuration.OData.StartJobs")
        .willReturn(aResponse().withStatus(503)));
    assertThatThrownBy(() -> kit(new UiPathConnector()).execute())
        .isInstanceOf(RetryableException.class);
  }

  @Test
  void aJobThatDoesNotEndInTimeIsATimeout() {
    wm.stubFor(post(JOBS + "/UiPath.Server.Configuration.OData.StartJobs")
        .willReturn(okJson("{\"value\":[{\"Id\":6,\"State\":\"Pending\"}]}")));
    wm.stubFor(get(JOBS + "(6)").willReturn(okJson("{\"Id\":6,\"State\":\"Running\"}")));
    assertThatThrownBy(() -> kit(new UiPathConnector()).variable("timeoutSeconds", 1).execute())
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("UIPATH_TIMEOUT");
  }

  private static ConnectorTestKit kit(UiPathConnector connector) {
    return ConnectorTestKit.of(connector)
        .secret("UIPATH_SECRET", "s3cret-value")
        .variable("orchestratorUrl", wm.baseUrl() + "/acme/orchestrator_/")
        .variable("identityUrl", wm.baseUrl() + "/identity_")
        .variable("clientId", "app-1")
        .variable("clientSecret", "{{secrets.UIPATH_SECRET}}")
        .variable("folderId", "42")
        .variable("releaseKey", "rel-1")
        .variable("inputArguments", Map.of("invoice", "INV-9"))
        .variable("pollIntervalMillis", 100);
  }
}
