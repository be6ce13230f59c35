package dev.plugboard.rpa.automationanywhere;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
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
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The connector against WireMock playing an Automation 360 Control Room. */
class AutomationAnywhereConnectorTest {

  private static final String AUTH = "/v2/authentication";
  private static final String DEPLOY = "/v4/automations/deploy";
  private static final String ACTIVITY = "/v3/activity/list";
  private static final String DEPLOYMENT = "0c5f4e4a-6c1a-4c1e-9a57-2a6c3c6f1b01";

  private static WireMockServer wm;
  private static String token1;
  private static String token2;

  @BeforeAll
  static void start() {
    wm = new WireMockServer(options().dynamicPort());
    wm.start();
    long inOneHour = Instant.now().plusSeconds(3600).getEpochSecond();
    token1 = jwt(inOneHour, "one");
    token2 = jwt(inOneHour, "two");
  }

  @AfterAll
  static void stop() {
    wm.stop();
  }

  @BeforeEach
  void reset() {
    wm.resetAll();
    wm.stubFor(post(AUTH)
        .withRequestBody(equalToJson("{\"username\":\"svc-bpmn\",\"apiKey\":\"k3y-value\"}"))
        .willReturn(okJson("{\"token\":\"" + token1 + "\",\"user\":{\"id\":7}}")));
  }

  @Test
  void deploysTheBotPollsItsActivityAndReturnsItsOutputVariables() throws Exception {
    wm.stubFor(post(DEPLOY).withHeader("X-Authorization", equalTo(token1))
        .withRequestBody(equalToJson("""
            {"botId": 86, "automationName": "invoice-42",
             "botInput": {
               "invoiceId": {"type": "STRING", "string": "INV-9"},
               "amount": {"type": "NUMBER", "number": "12.5"},
               "urgent": {"type": "BOOLEAN", "boolean": "true"},
               "lines": {"type": "LIST", "list": [{"type": "NUMBER", "number": "1"}]},
               "vendor": {"type": "DICTIONARY", "dictionary": [
                 {"key": "name", "value": {"type": "STRING", "string": "ACME"}}]}},
             "unattendedRequest": {"runAsUsers": ["12", "13"], "numOfRunAsUsersToUse": 1,
               "poolIds": ["4"]}}"""))
        .willReturn(okJson("{\"deploymentId\":\"" + DEPLOYMENT + "\","
            + "\"automationName\":\"invoice-42\"}")));
    wm.stubFor(post(ACTIVITY).inScenario("run").whenScenarioStateIs(Scenario.STARTED)
        .withHeader("X-Authorization", equalTo(token1))
        .withRequestBody(equalToJson("{\"filter\":{\"operator\":\"eq\",\"field\":\"deploymentId\","
            + "\"value\":\"" + DEPLOYMENT + "\"}}"))
        .willReturn(okJson("{\"page\":{\"offset\":0,\"total\":0},\"list\":[]}"))
        .willSetStateTo("running"));
    wm.stubFor(post(ACTIVITY).inScenario("run").whenScenarioStateIs("running")
        .willReturn(okJson(activity("RUN_IN_PROGRESS", "")))
        .willSetStateTo("done"));
    wm.stubFor(post(ACTIVITY).inScenario("run").whenScenarioStateIs("done")
        .willReturn(okJson(activity("COMPLETED", ",\"botOutVariables\":{\"values\":{"
            + "\"approved\":{\"type\":\"BOOLEAN\",\"boolean\":\"true\"},"
            + "\"total\":{\"type\":\"NUMBER\",\"number\":\"1200\"},"
            + "\"note\":{\"type\":\"STRING\",\"string\":\"ok\"},"
            + "\"codes\":{\"type\":\"LIST\",\"list\":[{\"type\":\"STRING\",\"string\":\"A\"}]}}}"))));

    AutomationAnywhereConnector connector = new AutomationAnywhereConnector();
    Object result = kit(connector).variable("automationName", "invoice-42")
        .variable("poolIds", "4").execute();

    assertThat(result).isEqualTo(new AutomationAnywhereResult(DEPLOYMENT, "invoice-42",
        "COMPLETED", Map.of("approved", true, "total", 1200L, "note", "ok",
            "codes", List.of("A"))));
    wm.verify(3, postRequestedFor(urlEqualTo(ACTIVITY)));
    kit(connector).variable("automationName", "invoice-42").variable("poolIds", "4")
        .variable("waitForCompletion", false).execute(); // the token comes from the cache
    wm.verify(1, postRequestedFor(urlEqualTo(AUTH)));
  }

  @Test
  void aTokenCloseToItsExpiryIsReplacedBeforeItIsUsed() throws Exception {
    String expiring = jwt(Instant.now().plusSeconds(30).getEpochSecond(), "short");
    wm.stubFor(post(AUTH).inScenario("auth").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(okJson("{\"token\":\"" + expiring + "\"}")).willSetStateTo("second"));
    wm.stubFor(post(AUTH).inScenario("auth").whenScenarioStateIs("second")
        .willReturn(okJson("{\"token\":\"" + token2 + "\"}")));
    wm.stubFor(post(DEPLOY).willReturn(okJson("{\"deploymentId\":\"" + DEPLOYMENT + "\"}")));

    AutomationAnywhereConnector connector = new AutomationAnywhereConnector();
    kit(connector).variable("waitForCompletion", false).execute();
    kit(connector).variable("waitForCompletion", false).execute();

    wm.verify(2, postRequestedFor(urlEqualTo(AUTH)));
    wm.verify(1, postRequestedFor(urlEqualTo(DEPLOY)).withHeader("X-Authorization",
        equalTo(expiring)));
    wm.verify(1, postRequestedFor(urlEqualTo(DEPLOY)).withHeader("X-Authorization",
        equalTo(token2)));
  }

  @Test
  void aTokenTheControlRoomRevokedIsRenewedAndTheCallSentAgain() throws Exception {
    wm.stubFor(post(AUTH).inScenario("auth").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(okJson("{\"token\":\"" + token1 + "\"}")).willSetStateTo("second"));
    wm.stubFor(post(AUTH).inScenario("auth").whenScenarioStateIs("second")
        .willReturn(okJson("{\"token\":\"" + token2 + "\"}")));
    wm.stubFor(post(DEPLOY).withHeader("X-Authorization", equalTo(token1))
        .willReturn(aResponse().withStatus(401)));
    wm.stubFor(post(DEPLOY).withHeader("X-Authorization", equalTo(token2))
        .willReturn(okJson("{\"deploymentId\":\"" + DEPLOYMENT + "\"}")));

    Object result = kit(new AutomationAnywhereConnector()).variable("waitForCompletion", false)
        .execute();

    assertThat(result).isEqualTo(new AutomationAnywhereResult(DEPLOYMENT, null, "DEPLOYED",
        Map.of()));
    wm.verify(2, postRequestedFor(urlEqualTo(AUTH)));
    wm.verify(2, postRequestedFor(urlEqualTo(DEPLOY)));
  }

  @Test
  void aFailedBotRunIsAnErrorWithTheControlRoomsMessage() {
    wm.stubFor(post(DEPLOY).willReturn(okJson("{\"deploymentId\":\"" + DEPLOYMENT + "\"}")));
    wm.stubFor(post(ACTIVITY).willReturn(okJson(activity("RUN_FAILED",
        ",\"message\":\"Window 'SAP Logon' not found\""))));
    assertThatThrownBy(() -> kit(new AutomationAnywhereConnector()).execute())
        .isInstanceOf(ConnectorException.class)
        .isNotInstanceOf(RetryableException.class)
        .hasMessageContaining("RUN_FAILED").hasMessageContaining("SAP Logon")
        .hasMessageContaining(DEPLOYMENT)
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("AA_BOT_FAILED");

    wm.stubFor(post(ACTIVITY).willReturn(okJson(activity("RUN_ABORTED", ""))));
    assertThatThrownBy(() -> kit(new AutomationAnywhereConnector()).execute())
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("AA_BOT_ABORTED");
  }

  @Test
  void aWrongApiKeyIsAnAuthErrorThatDoesNotShowTheKey() {
    wm.stubFor(post(AUTH).withRequestBody(matchingJsonPath("$.apiKey", equalTo("wrong-key")))
        .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
            .withBody("{\"code\":\"um.authentication.failed\",\"message\":\"Invalid"
                + " credentials\"}")));
    assertThatThrownBy(() -> kit(new AutomationAnywhereConnector())
        .secret("AA_KEY", "wrong-key").execute())
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("Invalid credentials").hasMessageNotContaining("wrong-key")
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("AA_AUTH_FAILED");
    wm.verify(0, postRequestedFor(urlEqualTo(DEPLOY)));
  }

  @Test
  void signsInWithThePasswordWhenAskedTo() throws Exception {
    wm.stubFor(post(AUTH)
        .withRequestBody(equalToJson("{\"username\":\"svc-bpmn\",\"password\":\"pa55\"}"))
        .willReturn(okJson("{\"token\":\"" + token2 + "\"}")));
    wm.stubFor(post(DEPLOY).withHeader("X-Authorization", equalTo(token2))
        .willReturn(okJson("{\"deploymentId\":\"" + DEPLOYMENT + "\"}")));
    Object result = kit(new AutomationAnywhereConnector()).variable("authentication", "PASSWORD")
        .variable("apiKey", null).variable("password", "pa55")
        .variable("waitForCompletion", false).execute();
    assertThat(result).extracting("status").isEqualTo("DEPLOYED");
  }

  @Test
  void anUnknownBotIsADeployErrorAndAnOverloadedControlRoomIsRetryable() {
    wm.stubFor(post(DEPLOY).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"code\":\"bot.not.found\",\"message\":\"Bot with id 86 not found\"}")));
    assertThatThrownBy(() -> kit(new AutomationAnywhereConnector()).execute())
        .hasMessageContaining("Bot with id 86 not found")
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("AA_DEPLOY_FAILED");
    wm.stubFor(post(DEPLOY).willReturn(aResponse().withStatus(503)));
    assertThatThrownBy(() -> kit(new AutomationAnywhereConnector()).execute())
        .isInstanceOf(RetryableException.class)
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("AA_UNAVAILABLE");
  }

  @Test
  void aBotThatDoesNotEndInTimeIsATimeout() {
    wm.stubFor(post(DEPLOY).willReturn(okJson("{\"deploymentId\":\"" + DEPLOYMENT + "\"}")));
    wm.stubFor(post(ACTIVITY).willReturn(okJson(activity("RUN_IN_PROGRESS", ""))));
    assertThatThrownBy(() -> kit(new AutomationAnywhereConnector())
        .variable("timeoutSeconds", 1).execute())
        .hasMessageContaining("RUN_IN_PROGRESS")
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("AA_TIMEOUT");
  }

  @Test
  void anUnreachableControlRoomIsRetryable() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    assertThatThrownBy(() -> kit(new AutomationAnywhereConnector())
        .variable("controlRoomUrl", "http://127.0.0.1:" + closed).execute())
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining("unreachable")
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("AA_UNAVAILABLE");
  }

  @Test
  void anInputVariableOfAnUnsupportedTypeIsRefusedBeforeAnythingIsDeployed() {
    assertThatThrownBy(() -> kit(new AutomationAnywhereConnector())
        .variable("botInput", Map.of("lines", java.util.Arrays.asList(1, null))).execute())
        .hasMessageContaining("'lines'")
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("AA_INVALID_INPUT");
    wm.verify(0, postRequestedFor(urlEqualTo(DEPLOY)));
  }

  private static String activity(String status, String more) {
    return "{\"page\":{\"offset\":0,\"total\":1},\"list\":[{\"id\":\"" + DEPLOYMENT + "_1\","
        + "\"deploymentId\":\"" + DEPLOYMENT + "\",\"automationName\":\"invoice-42\","
        + "\"status\":\"" + status + "\"" + more + "}]}";
  }

  private static String jwt(long exp, String subject) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"RS512\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(("{\"sub\":\"" + subject + "\",\"exp\":" + exp + "}")
            .getBytes(StandardCharsets.UTF_8)) + ".c2ln";
  }

  private static ConnectorTestKit kit(AutomationAnywhereConnector connector) {
    return ConnectorTestKit.of(connector)
        .secret("AA_KEY", "k3y-value")
        .variable("controlRoomUrl", wm.baseUrl() + "/")
        .variable("username", "svc-bpmn")
        .variable("authentication", "API_KEY")
        .variable("apiKey", "{{secrets.AA_KEY}}")
        .variable("botId", 86)
        .variable("runAsUserIds", "12, 13")
        .variable("botInput", Map.of("invoiceId", "INV-9", "amount", 12.5, "urgent", true,
            "lines", List.of(1), "vendor", Map.of("name", "ACME")))
        .variable("pollIntervalMillis", 100);
  }
}
