package dev.plugboard.connectors.graphql;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.plugboard.connectors.http.support.HttpExecutor;
import dev.plugboard.connectors.http.support.OutboundGuard;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.RetryableException;
import dev.plugboard.sdk.testkit.ConnectorTestKit;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The GraphQL connector against a real HTTP server (WireMock), run through the SDK test kit. */
class GraphqlConnectorTest {

  static final String QUERY = "query Order($id: ID!) { order(id: $id) { id status } }";

  static WireMockServer server;
  GraphqlConnector connector;

  @BeforeAll
  static void start() {
    server = new WireMockServer(options().dynamicPort());
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @BeforeEach
  void reset() {
    server.resetAll();
    connector = new GraphqlConnector(new HttpExecutor(OutboundGuard.of("link-local"), Clock.systemUTC()));
  }

  String url() {
    return "http://localhost:" + server.port() + "/graphql";
  }

  ConnectorTestKit kit() {
    return ConnectorTestKit.of(connector).variable("url", url()).variable("query", QUERY)
        .variable("variables", Map.of("id", "O-7"));
  }

  GraphqlOutput call(ConnectorTestKit kit) throws Exception {
    return (GraphqlOutput) kit.execute();
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
  }

  @Test
  void postsTheQueryWithVariablesAndReturnsData() throws Exception {
    server.stubFor(post("/graphql").willReturn(json(200,
        "{\"data\":{\"order\":{\"id\":\"O-7\",\"status\":\"OPEN\"}},\"extensions\":{\"cost\":3}}")));

    GraphqlOutput out = call(kit().variable("operationName", "Order"));

    assertThat(out.data()).isEqualTo(Map.of("order", Map.of("id", "O-7", "status", "OPEN")));
    assertThat(out.extensions()).isEqualTo(Map.of("cost", 3));
    assertThat(out.status()).isEqualTo(200);
    server.verify(postRequestedFor(urlPathEqualTo("/graphql"))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson("{\"query\":\"" + QUERY.replace("$", "\\u0024")
            + "\",\"variables\":{\"id\":\"O-7\"},\"operationName\":\"Order\"}")));
  }

  @Test
  void readsVariablesWrittenAsJsonText() throws Exception {
    server.stubFor(post("/graphql").willReturn(json(200, "{\"data\":{}}")));

    call(kit().variable("variables", "{\"id\": \"O-8\"}"));

    server.verify(postRequestedFor(urlPathEqualTo("/graphql"))
        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.variables.id", equalTo("O-8"))));
  }

  @Test
  void runsAMutation() throws Exception {
    server.stubFor(post("/graphql").withRequestBody(containing("mutation"))
        .willReturn(json(200, "{\"data\":{\"reserve\":{\"ok\":true}}}")));

    GraphqlOutput out = call(kit().variable("query",
        "mutation Reserve($sku: String!, $qty: Int!) { reserve(sku: $sku, qty: $qty) { ok } }")
        .variable("variables", Map.of("sku", "S-1", "qty", 2)));

    assertThat(out.data()).isEqualTo(Map.of("reserve", Map.of("ok", true)));
    server.verify(postRequestedFor(urlPathEqualTo("/graphql"))
        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.variables.qty", equalTo("2"))));
  }

  @Test
  void sendsAQueryAsGetParametersWhenAsked() throws Exception {
    server.stubFor(get(urlPathEqualTo("/graphql")).willReturn(json(200, "{\"data\":{\"order\":null}}")));

    call(kit().variable("method", "get"));

    server.verify(getRequestedFor(urlPathEqualTo("/graphql")).withQueryParam("query", equalTo(QUERY))
        .withQueryParam("variables", equalToJson("{\"id\":\"O-7\"}")));
  }

  @Test
  void failsWithGraphqlErrorNamingEveryMessage() {
    server.stubFor(post("/graphql").willReturn(json(200, "{\"data\":{\"order\":null},\"errors\":["
        + "{\"message\":\"Order O-7 not found\",\"path\":[\"order\"],\"extensions\":{\"code\":\"NOT_FOUND\"}},"
        + "{\"message\":\"Field 'x' is deprecated\"}]}")));

    ConnectorException e = catchThrowableOfType(() -> call(kit()), ConnectorException.class);

    assertThat(e).isNotInstanceOf(RetryableException.class);
    assertThat(e.code()).isEqualTo("GRAPHQL_ERROR");
    assertThat(e.getMessage()).contains("POST " + url()).contains("2 GraphQL errors")
        .contains("Order O-7 not found (path order, code NOT_FOUND)").contains("Field 'x' is deprecated");
  }

  @Test
  void reportsValidationErrorsSentWithStatus400AsGraphqlErrors() {
    server.stubFor(post("/graphql").willReturn(json(400,
        "{\"errors\":[{\"message\":\"Cannot query field 'nope' on type 'Query'\"}]}")));

    ConnectorException e = catchThrowableOfType(() -> call(kit()), ConnectorException.class);

    assertThat(e.code()).isEqualTo("GRAPHQL_ERROR");
    assertThat(e.getMessage()).contains("Cannot query field 'nope'");
  }

  @Test
  void mapsServerFailuresToRetryableHttpCodes() {
    server.stubFor(post("/graphql").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "4")));

    RetryableException e = catchThrowableOfType(() -> call(kit()), RetryableException.class);

    assertThat(e.code()).isEqualTo("HTTP_503");
    assertThat(e.backoff()).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void mapsAnUnauthorizedAnswerWithoutGraphqlBodyToHttp401() {
    server.stubFor(post("/graphql").willReturn(aResponse().withStatus(401).withBody("Unauthorized")));

    ConnectorException e = catchThrowableOfType(() -> call(kit()), ConnectorException.class);

    assertThat(e).isNotInstanceOf(RetryableException.class);
    assertThat(e.code()).isEqualTo("HTTP_401");
  }

  @Test
  void failsWithInvalidResponseForMalformedJsonOrAnotherJsonShape() {
    server.stubFor(post("/graphql").willReturn(json(200, "{\"data\": {")));
    assertThat(catchThrowableOfType(() -> call(kit()), ConnectorException.class).code())
        .isEqualTo("INVALID_RESPONSE");

    server.stubFor(post("/graphql").willReturn(json(200, "[1, 2]")));
    ConnectorException e = catchThrowableOfType(() -> call(kit()), ConnectorException.class);
    assertThat(e.code()).isEqualTo("INVALID_RESPONSE");
    assertThat(e.getMessage()).contains("not a GraphQL response");
  }

  @Test
  void failsWithTimeoutWhenTheServerIsSlow() {
    server.stubFor(post("/graphql").willReturn(json(200, "{\"data\":{}}").withFixedDelay(3_000)));

    RetryableException e = catchThrowableOfType(() -> call(kit().variable("readTimeoutSeconds", 1)),
        RetryableException.class);

    assertThat(e.code()).isEqualTo("TIMEOUT");
  }

  @Test
  void authenticatesWithTheSharedOAuthSupport() throws Exception {
    server.stubFor(post("/token").willReturn(json(200, "{\"access_token\":\"g-tok\",\"expires_in\":600}")));
    server.stubFor(post("/graphql").withHeader("Authorization", equalTo("Bearer g-tok"))
        .willReturn(json(200, "{\"data\":{\"order\":{\"id\":\"O-7\"}}}")));

    for (int i = 0; i < 2; i++) {
      call(kit().variable("authentication", Map.of("type", "oauth2ClientCredentials",
          "tokenUrl", "http://localhost:" + server.port() + "/token", "clientId", "c",
          "clientSecret", "{{secrets.S}}")).secret("S", "client-secret-1"));
    }

    server.verify(1, postRequestedFor(urlPathEqualTo("/token")));
    server.verify(2, postRequestedFor(urlPathEqualTo("/graphql")));
  }

  @Test
  void sendsAnApiKeyHeader() throws Exception {
    server.stubFor(post("/graphql").withHeader("X-Shop-Token", equalTo("shop-1"))
        .willReturn(json(200, "{\"data\":{}}")));

    GraphqlOutput out = call(kit().variable("authentication", Map.of("type", "apiKey", "name", "X-Shop-Token",
        "value", "{{secrets.SHOP}}")).secret("SHOP", "shop-1"));

    assertThat(out.data()).isEqualTo(Map.of());
  }

  @Test
  void refusesADeniedAddress() {
    connector = new GraphqlConnector(new HttpExecutor(OutboundGuard.of("loopback"), Clock.systemUTC()));

    ConnectorException e = catchThrowableOfType(() -> call(kit()), ConnectorException.class);

    assertThat(e.code()).isEqualTo("ADDRESS_DENIED");
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void requiresAQuery() {
    ConnectorException e = catchThrowableOfType(() -> call(kit().variable("query", " ")),
        ConnectorException.class);

    assertThat(e.code()).isEqualTo("INVALID_INPUT");
    assertThat(e.getMessage()).contains("query");
  }

  @Test
  void keepsTheListOfErrorsShort() {
    StringBuilder errors = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      errors.append(i == 0 ? "" : ",").append("{\"message\":\"e").append(i).append("\"}");
    }
    server.stubFor(post("/graphql").willReturn(json(200, "{\"errors\":[" + errors + "]}")));

    ConnectorException e = catchThrowableOfType(() -> call(kit()), ConnectorException.class);

    assertThat(e.getMessage()).contains("8 GraphQL errors").contains("e4").doesNotContain("e5")
        .contains("and 3 more");
    assertThat(List.of(e.code())).containsExactly("GRAPHQL_ERROR");
  }
}
