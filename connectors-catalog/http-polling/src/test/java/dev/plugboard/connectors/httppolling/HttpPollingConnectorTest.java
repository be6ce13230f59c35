package dev.plugboard.connectors.httppolling;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.CorrelationResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connector against a real HTTP server (WireMock): what each poll hands to the element's
 * expressions, conditional requests, failures with backoff and health, authentication with
 * secrets. Correlation, deduplication by message id and the engine are the runtime's: the
 * harness records the events; {@code integration-tests} runs the jar in the runtime.
 */
class HttpPollingConnectorTest {

  static final Duration SECOND = Duration.ofSeconds(1);
  WireMockServer api;
  PollingHarness h;

  @BeforeEach
  void start() {
    api = new WireMockServer(options().dynamicPort());
    api.start();
    h = new PollingHarness().property("interval", "1");
  }

  @AfterEach
  void stop() {
    api.stop();
  }

  String url(String path) {
    return "http://localhost:" + api.port() + path;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @Test
  void eachItemOfThePointedListIsOneEventWithTheResponseStatusAndHeaders() {
    api.stubFor(get("/orders").willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withHeader("X-Page", "1")
        .withBody("{\"data\":{\"orders\":[{\"id\":\"o-1\",\"total\":12},{\"id\":\"o-2\"}]}}")));
    h.property("url", url("/orders")).property("itemsPointer", "/data/orders").activate();

    h.tick(SECOND);

    assertThat(h.events()).hasSize(2);
    assertThat(h.events().get(0).get("item")).isEqualTo(Map.of("id", "o-1", "total", 12));
    assertThat(h.events().get(1).get("item")).isEqualTo(Map.of("id", "o-2"));
    Map<String, Object> response = map(h.events().get(0).get("response"));
    assertThat(response.get("status")).isEqualTo(200);
    assertThat(map(response.get("headers")).get("x-page")).isEqualTo("1");
    assertThat(response).doesNotContainKey("body");
    assertThat(h.up()).isTrue();
    assertThat(h.lastHealth()).contains("HTTP 200").contains("events=2 accepted=2");
  }

  @Test
  void withoutAPointerTheWholeResponseIsOneEventAndTextStaysText() {
    api.stubFor(get("/status").willReturn(aResponse().withHeader("Content-Type", "text/plain")
        .withBody("READY")));
    h.property("url", url("/status")).activate();

    h.tick(SECOND);

    assertThat(h.events()).hasSize(1);
    Map<String, Object> response = map(h.events().get(0).get("response"));
    assertThat(response.get("body")).isEqualTo("READY");
    assertThat(response.get("status")).isEqualTo(200);
  }

  @Test
  void anAbsentOrEmptyListEmitsNothingAndStaysHealthy() {
    api.stubFor(get("/orders").willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withBody("{\"orders\":[]}")));
    api.stubFor(get("/none").willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withBody("{\"next\":null}")));
    h.property("url", url("/orders")).property("itemsPointer", "/orders").activate();
    h.tick(SECOND);
    h.properties.put("url", url("/none"));
    h.activate();
    h.tick(SECOND);

    assertThat(h.events()).isEmpty();
    assertThat(h.up()).isTrue();
  }

  @Test
  void theLastEtagGoesBackAsIfNoneMatchAndNotModifiedEmitsNothing() {
    api.stubFor(get("/feed").withHeader("If-None-Match", absent())
        .willReturn(aResponse().withHeader("Content-Type", "application/json")
            .withHeader("ETag", "\"v1\"").withHeader("Last-Modified", "Sun, 01 Mar 2026 07:00:00 GMT")
            .withBody("[{\"id\":1}]")));
    api.stubFor(get("/feed").withHeader("If-None-Match", equalTo("\"v1\""))
        .willReturn(aResponse().withStatus(304)));
    h.property("url", url("/feed")).activate();

    h.tick(SECOND);
    h.tick(SECOND);
    h.tick(SECOND);

    assertThat(h.events()).hasSize(1);
    api.verify(2, getRequestedFor(urlEqualTo("/feed")).withHeader("If-None-Match", equalTo("\"v1\""))
        .withHeader("If-Modified-Since", equalTo("Sun, 01 Mar 2026 07:00:00 GMT")));
    assertThat(h.up()).isTrue();
    assertThat(h.lastHealth()).contains("HTTP 304").contains("not modified");
  }

  @Test
  void conditionalRequestsCanBeTurnedOff() {
    api.stubFor(get("/feed").willReturn(aResponse().withHeader("ETag", "\"v1\"").withBody("x")));
    h.property("url", url("/feed")).property("conditionalRequests", "false").activate();

    h.tick(SECOND);
    h.tick(SECOND);

    api.verify(2, getRequestedFor(urlEqualTo("/feed")).withoutHeader("If-None-Match"));
    assertThat(h.events()).hasSize(2);
  }

  @Test
  void theEtagIsNotKeptWhileAnItemFindsNoWaitingInstanceSoItIsOfferedAgain() {
    api.stubFor(get("/feed").willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withHeader("ETag", "\"v1\"").withBody("[{\"id\":1}]")));
    h.answer(e -> new CorrelationResult.NotCorrelated("no instance waits for key 1", false));
    h.property("url", url("/feed")).activate();

    h.tick(SECOND);
    h.answer(e -> new CorrelationResult.MessageCorrelated("pi-1"));
    h.tick(SECOND);
    h.tick(SECOND);

    api.verify(2, getRequestedFor(urlEqualTo("/feed")).withoutHeader("If-None-Match"));
    api.verify(1, getRequestedFor(urlEqualTo("/feed")).withHeader("If-None-Match", equalTo("\"v1\"")));
    assertThat(h.up()).isTrue();
  }

  @Test
  void aServerErrorIsReportedAndBackedOffThenPollingRecovers() {
    api.stubFor(get("/orders").willReturn(aResponse().withStatus(503).withBody("maintenance")));
    h.property("url", url("/orders")).property("interval", "PT2S").activate();
    Duration tick = Duration.ofSeconds(2);

    h.tick(tick);                      // failure 1: next attempt after one interval
    assertThat(h.up()).isFalse();
    assertThat(h.lastHealth()).startsWith("HTTP_503:").contains("maintenance")
        .contains("failed 1 time in a row").contains("next attempt in 2 s");
    h.tick(tick);                      // failure 2: the wait doubles to 4 s
    assertThat(h.lastHealth()).contains("failed 2 times in a row").contains("next attempt in 4 s");
    h.tick(tick);                      // skipped: within the backoff
    api.verify(2, getRequestedFor(urlEqualTo("/orders")));
    h.tick(tick);                      // failure 3
    assertThat(h.lastHealth()).contains("failed 3 times in a row").contains("next attempt in 8 s");

    api.stubFor(get("/orders").willReturn(aResponse().withBody("ok")));
    for (int i = 0; i < 4; i++) {
      h.tick(tick);
    }
    api.verify(4, getRequestedFor(urlEqualTo("/orders")));
    assertThat(h.up()).isTrue();
    assertThat(h.events()).hasSize(1);
  }

  @Test
  void retryAfterOfARateLimitIsHonouredBeyondTheBackoff() {
    api.stubFor(get("/orders").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));
    h.property("url", url("/orders")).activate();

    h.tick(SECOND);
    assertThat(h.lastHealth()).startsWith("HTTP_429:").contains("next attempt in 120 s");
    h.tick(Duration.ofSeconds(60));
    api.verify(1, getRequestedFor(urlEqualTo("/orders")));
    h.tick(Duration.ofSeconds(60));
    api.verify(2, getRequestedFor(urlEqualTo("/orders")));
  }

  @Test
  void aSlowEndpointTimesOutAndIsReportedInsteadOfHoldingThePollThread() {
    api.stubFor(get("/slow").willReturn(aResponse().withFixedDelay(5_000).withBody("late")));
    h.property("url", url("/slow")).property("readTimeoutSeconds", "1").activate();

    h.tick(SECOND);

    assertThat(h.events()).isEmpty();
    assertThat(h.up()).isFalse();
    assertThat(h.lastHealth()).startsWith("TIMEOUT:").contains("/slow");
  }

  @Test
  void aRefusedConnectionIsReportedAndPollingGoesOn() {
    int port = api.port();
    api.stop();
    h.property("url", "http://localhost:" + port + "/orders").activate();

    h.tick(SECOND);

    assertThat(h.up()).isFalse();
    assertThat(h.lastHealth()).startsWith("CONNECTION_FAILED:");
  }

  @Test
  void aPointerAtSomethingThatIsNotAListIsAClearFailure() {
    api.stubFor(get("/orders").willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withBody("{\"orders\":{\"id\":1}}")));
    h.property("url", url("/orders")).property("itemsPointer", "/orders").activate();

    h.tick(SECOND);

    assertThat(h.events()).isEmpty();
    assertThat(h.lastHealth()).startsWith("INVALID_RESPONSE:").contains("object at itemsPointer"
        + " '/orders', not a list");
  }

  @Test
  void aBodyThatIsNotJsonWithAPointerIsAClearFailure() {
    api.stubFor(get("/orders").willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withBody("<html>login</html>")));
    h.property("url", url("/orders")).property("itemsPointer", "/orders").activate();

    h.tick(SECOND);

    assertThat(h.lastHealth()).startsWith("INVALID_RESPONSE:").contains("not valid JSON")
        .contains("itemsPointer needs a JSON body").doesNotContain("responseFormat");
  }

  @Test
  void engineUnavailableCountsAsAFailedPollAndKeepsNoEtag() {
    api.stubFor(get("/feed").willReturn(aResponse().withHeader("ETag", "\"v1\"").withBody("x")));
    h.answer(e -> new CorrelationResult.NotCorrelated("database down", true));
    h.property("url", url("/feed")).activate();

    h.tick(SECOND);
    assertThat(h.up()).isFalse();
    assertThat(h.lastHealth()).startsWith("ENGINE_UNAVAILABLE:").contains("database down");
    h.answer(e -> new CorrelationResult.ProcessStarted("pi"));
    h.tick(SECOND);

    api.verify(2, getRequestedFor(urlEqualTo("/feed")).withoutHeader("If-None-Match"));
    assertThat(h.up()).isTrue();
  }

  @Test
  void basicBearerAndApiKeyAuthenticationUseSecrets() {
    api.stubFor(get("/b").withBasicAuth("ann", "pw-secret-1").willReturn(aResponse().withBody("b")));
    api.stubFor(get("/t").withHeader("Authorization", equalTo("Bearer tok-secret-2"))
        .willReturn(aResponse().withBody("t")));
    api.stubFor(get(urlPathEqualTo("/k")).withQueryParam("api_key", equalTo("key-secret-3"))
        .willReturn(aResponse().withBody("k")));
    h.secret("PW", "pw-secret-1").secret("TOKEN", "tok-secret-2").secret("KEY", "key-secret-3");

    h.property("url", url("/b")).property("authentication.type", "basic")
        .property("authentication.username", "ann")
        .property("authentication.password", "{{secrets.PW}}").activate();
    h.tick(SECOND);
    h.properties.clear();
    h.property("url", url("/t")).property("authentication.type", "bearer")
        .property("authentication.token", "{{secrets.TOKEN}}").activate();
    h.tick(SECOND);
    h.properties.clear();
    h.property("url", url("/k")).property("authentication.type", "apiKey")
        .property("authentication.location", "QUERY").property("authentication.name", "api_key")
        .property("authentication.value", "{{secrets.KEY}}").activate();
    h.tick(SECOND);

    assertThat(h.events()).extracting(e -> map(e.get("response")).get("body"))
        .containsExactly("b", "t", "k");
  }

  @Test
  void aSecretEchoedByTheServerNeverShowsInTheHealthDetail() {
    api.stubFor(get("/t").willReturn(aResponse().withStatus(401)
        .withBody("token tok-secret-2 is expired")));
    h.secret("TOKEN", "tok-secret-2").property("url", url("/t"))
        .property("authentication.type", "bearer")
        .property("authentication.token", "{{secrets.TOKEN}}").activate();

    h.tick(SECOND);

    assertThat(h.lastHealth()).startsWith("HTTP_401:").contains("token *** is expired")
        .doesNotContain("tok-secret-2");
  }

  @Test
  void postSendsTheBodyAsJsonUnlessTheHeadersSayOtherwise() {
    api.stubFor(post("/search").withHeader("Content-Type", equalTo("application/json"))
        .withHeader("X-Tenant", equalTo("t1"))
        .withRequestBody(equalToJson("{\"status\":\"NEW\"}"))
        .willReturn(aResponse().withBody("found")));
    h.property("url", url("/search")).property("method", "POST")
        .property("headers", "{\"X-Tenant\": \"t1\"}")
        .property("body", "{\"status\":\"NEW\"}").activate();

    h.tick(SECOND);

    assertThat(h.events()).hasSize(1);
    assertThat(h.up()).isTrue();
  }

  @Test
  void aDeactivatedConnectorPollsNoMore() {
    api.stubFor(get("/orders").willReturn(aResponse().withBody("x")));
    h.property("url", url("/orders")).activate();
    h.connector.deactivate();

    h.tick(SECOND);

    api.verify(0, getRequestedFor(urlEqualTo("/orders")));
    assertThat(h.events()).isEmpty();
  }

  @Test
  void intervalsAreIsoDurationsOrSecondsWithAMinimumOfOneSecond() {
    assertThat(HttpPollingConnector.parseInterval("30")).isEqualTo(Duration.ofSeconds(30));
    assertThat(HttpPollingConnector.parseInterval(" pt5m ")).isEqualTo(Duration.ofMinutes(5));
    assertThat(HttpPollingConnector.parseInterval("")).isEqualTo(HttpPollingConnector.DEFAULT_INTERVAL);
    assertThatThrownBy(() -> HttpPollingConnector.parseInterval("PT0.2S"))
        .isInstanceOf(ConnectorException.class).hasMessageContaining("shorter than the minimum");
    assertThatThrownBy(() -> HttpPollingConnector.parseInterval("0"))
        .hasMessageContaining("shorter than the minimum");
    assertThatThrownBy(() -> HttpPollingConnector.parseInterval("PTXS"))
        .hasMessageContaining("neither an ISO-8601 duration nor a number of seconds");
  }

  @Test
  void theBackoffDoublesUpToFiveMinutesOrTheIntervalWhenLonger() {
    Duration i = Duration.ofSeconds(10);
    assertThat(List.of(1, 2, 3, 6, 7, 40).stream()
        .map(n -> HttpPollingConnector.backoff(i, n, null).toSeconds()))
        .containsExactly(10L, 20L, 40L, 300L, 300L, 300L);
    assertThat(HttpPollingConnector.backoff(Duration.ofHours(1), 5, null)).isEqualTo(Duration.ofHours(1));
    assertThat(HttpPollingConnector.backoff(i, 1, Duration.ofMinutes(2))).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void badPropertiesAreRefusedAtActivationWithTheReason() {
    assertThatThrownBy(() -> new PollingHarness().property("url", "=baseUrl + \"/x\"").activate())
        .isInstanceOf(ConnectorException.class).hasMessageContaining("must be an absolute http://");
    assertThatThrownBy(() -> new PollingHarness().property("url", "{{secrets.U}}")
        .secret("U", "ftp://files.example.com/x").activate())
        .hasMessageContaining("'url' must be an absolute http:// or https:// URL");
    assertThatThrownBy(() -> new PollingHarness().property("url", url("/x"))
        .property("interval", "PT0.1S").activate())
        .hasMessageContaining("shorter than the minimum of 1 second");
    assertThatThrownBy(() -> new PollingHarness().property("url", url("/x"))
        .property("interval", "soon").activate())
        .hasMessageContaining("'interval' must be an ISO-8601 duration");
    assertThatThrownBy(() -> new PollingHarness().property("url", url("/x"))
        .property("itemsPointer", "orders").activate())
        .hasMessageContaining("itemsPointer 'orders' is not a JSON Pointer to a list");
    assertThatThrownBy(() -> new PollingHarness().property("url", url("/x"))
        .property("headers", "Accept: text/plain").activate())
        .hasMessageContaining("headers");
  }
}
