package dev.plugboard.connectors.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import dev.plugboard.connectors.http.support.HttpExecutor;
import dev.plugboard.connectors.http.support.OutboundGuard;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.RetryableException;
import dev.plugboard.sdk.testkit.ConnectorTestKit;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The HTTP connector against a real HTTP server (WireMock), run through the SDK test kit. */
class HttpConnectorTest {

  static WireMockServer server;
  static String pem;

  MutableClock clock;
  HttpConnector connector;

  @BeforeAll
  static void startServer() throws Exception {
    Path keystore = Path.of(HttpConnectorTest.class.getResource("/tls/localhost.p12").toURI());
    pem = Files.readString(Path.of(HttpConnectorTest.class.getResource("/tls/localhost.pem").toURI()));
    server = new WireMockServer(options().dynamicPort().dynamicHttpsPort()
        .keystorePath(keystore.toString()).keystoreType("PKCS12")
        .keystorePassword("changeit").keyManagerPassword("changeit"));
    server.start();
  }

  @AfterAll
  static void stopServer() {
    server.stop();
  }

  @BeforeEach
  void reset() {
    server.resetAll();
    clock = new MutableClock();
    connector = new HttpConnector(new HttpExecutor(OutboundGuard.of("link-local"), clock));
  }

  ConnectorTestKit kit() {
    return ConnectorTestKit.of(connector);
  }

  String url(String path) {
    return "http://localhost:" + server.port() + path;
  }

  HttpOutput call(ConnectorTestKit kit) throws Exception {
    return (HttpOutput) kit.execute();
  }

  @Nested
  class Requests {

    @Test
    void getFillsPathParametersAndQueryParametersAndReturnsJson() throws Exception {
      server.stubFor(get(urlPathEqualTo("/orders/A%2F7")).withQueryParam("sku", equalTo("x y"))
          .withHeader("X-Request-Id", equalTo("r-1"))
          .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
              .withHeader("X-Total", "3").withBody("{\"id\":\"A/7\",\"lines\":[1,2]}")));

      HttpOutput out = call(kit()
          .variable("url", url("/orders/{orderId}"))
          .variable("pathParameters", Map.of("orderId", "A/7"))
          .variable("queryParameters", Map.of("sku", "x y", "tag", List.of("a", "b")))
          .variable("headers", Map.of("X-Request-Id", "r-1")));

      assertThat(out.status()).isEqualTo(200);
      assertThat(out.headers()).containsEntry("x-total", "3");
      assertThat(out.body()).isEqualTo(Map.of("id", "A/7", "lines", List.of(1, 2)));
      server.verify(getRequestedFor(urlPathEqualTo("/orders/A%2F7"))
          .withQueryParam("tag", equalTo("a")).withQueryParam("tag", equalTo("b")));
    }

    @Test
    void readsMapsWrittenAsJsonTextAsCamunda7InputParametersGiveThem() throws Exception {
      server.stubFor(get(urlPathEqualTo("/items/7")).willReturn(aResponse().withStatus(200)));

      call(kit().variable("url", url("/items/{id}")).variable("pathParameters", "{\"id\": 7}")
          .variable("queryParameters", "{\"limit\": 5}").variable("headers", " {\"X-Trace\": \"t-1\"} ")
          .variable("readTimeoutSeconds", "30").variable("followRedirects", "true"));

      server.verify(getRequestedFor(urlPathEqualTo("/items/7")).withQueryParam("limit", equalTo("5"))
          .withHeader("X-Trace", equalTo("t-1")));
    }

    @Test
    void treatsEmptyTemplateFieldsAsDefaults() throws Exception {
      server.stubFor(get("/d").willReturn(aResponse().withHeader("Content-Type", "application/json")
          .withBody("{\"ok\":true}")));

      HttpOutput out = call(kit().variable("url", url("/d")).variable("method", "")
          .variable("responseFormat", "").variable("connectionTimeoutSeconds", "")
          .variable("headers", "").variable("authentication.type", "none"));

      assertThat(out.body()).isEqualTo(Map.of("ok", true));
    }

    @Test
    void refusesHeadersThatAreNeitherAMapNorJsonObjectText() {
      ConnectorException e = catchThrowableOfType(() -> call(kit().variable("url", url("/x"))
          .variable("headers", "X-Trace: t-1")), ConnectorException.class);

      assertThat(e.code()).isEqualTo("INVALID_INPUT");
      assertThat(e.getMessage()).contains("headers");
    }

    @Test
    void postsAJsonBodyFromAMapWithALowerCaseMethod() throws Exception {
      server.stubFor(post("/reservations").willReturn(aResponse().withStatus(201)
          .withHeader("Content-Type", "application/json").withBody("{\"reserved\":true}")));

      HttpOutput out = call(kit().variable("method", "post").variable("url", url("/reservations"))
          .variable("body", Map.of("sku", "S-1", "quantity", 2)));

      assertThat(out.status()).isEqualTo(201);
      assertThat(out.body()).isEqualTo(Map.of("reserved", true));
      server.verify(postRequestedFor(urlPathEqualTo("/reservations"))
          .withHeader("Content-Type", equalTo("application/json"))
          .withRequestBody(equalToJson("{\"sku\":\"S-1\",\"quantity\":2}")));
    }

    @Test
    void sendsJsonTextAsWrittenAndOtherStringsAsJsonStrings() throws Exception {
      server.stubFor(put("/a").willReturn(aResponse().withStatus(204)));

      call(kit().variable("method", "PUT").variable("url", url("/a")).variable("body", "{\"a\": [1]}"));
      call(kit().variable("method", "PUT").variable("url", url("/a")).variable("body", "hello"));

      server.verify(putRequestedFor(urlPathEqualTo("/a")).withRequestBody(equalToJson("{\"a\":[1]}")));
      server.verify(putRequestedFor(urlPathEqualTo("/a")).withRequestBody(equalTo("\"hello\"")));
    }

    @Test
    void sendsTextBinaryAndFormBodies() throws Exception {
      server.stubFor(post("/in").willReturn(aResponse().withStatus(200)));
      byte[] bytes = {0, 1, 2, (byte) 0xFF};

      call(kit().variable("method", "POST").variable("url", url("/in")).variable("bodyType", "TEXT")
          .variable("body", "plain words"));
      call(kit().variable("method", "POST").variable("url", url("/in")).variable("bodyType", "BINARY")
          .variable("body", Map.of("content", Base64.getEncoder().encodeToString(bytes),
              "contentType", "image/png")));
      call(kit().variable("method", "POST").variable("url", url("/in")).variable("bodyType", "FORM")
          .variable("body", Map.of("name", "a b", "qty", 2)));

      server.verify(postRequestedFor(urlPathEqualTo("/in"))
          .withHeader("Content-Type", equalTo("text/plain; charset=UTF-8"))
          .withRequestBody(equalTo("plain words")));
      server.verify(postRequestedFor(urlPathEqualTo("/in"))
          .withHeader("Content-Type", equalTo("image/png"))
          .andMatching(r -> com.github.tomakehurst.wiremock.matching.MatchResult.of(
              java.util.Arrays.equals(r.getBody(), bytes))));
      server.verify(postRequestedFor(urlPathEqualTo("/in"))
          .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
          .withRequestBody(containing("name=a+b")).withRequestBody(containing("qty=2")));
    }

    @Test
    void refusesBase64ThatIsNotBase64() {
      ConnectorException e = catchThrowableOfType(() -> call(kit().variable("method", "POST")
          .variable("url", url("/in")).variable("bodyType", "BINARY").variable("body", "*not base64*")),
          ConnectorException.class);
      assertThat(e.code()).isEqualTo("INVALID_INPUT");
      assertThat(e.getMessage()).contains("not valid base64");
    }

    @Test
    void namesAMissingPathParameter() {
      ConnectorException e = catchThrowableOfType(() -> call(kit()
          .variable("url", url("/orders/{orderId}"))), ConnectorException.class);
      assertThat(e.code()).isEqualTo("INVALID_INPUT");
      assertThat(e.getMessage()).contains("{orderId}").contains("pathParameters");
    }

    @Test
    void refusesAMissingOrRelativeUrl() {
      assertThat(catchThrowableOfType(() -> call(kit().variable("method", "GET")),
          ConnectorException.class).code()).isEqualTo("INVALID_INPUT");
      assertThat(catchThrowableOfType(() -> call(kit().variable("url", "/relative")),
          ConnectorException.class).getMessage()).contains("url");
    }

    @Test
    void followsRedirectsAndTurnsPostInto303GetWithoutBody() throws Exception {
      server.stubFor(post("/submit").willReturn(aResponse().withStatus(303)
          .withHeader("Location", "/result/9")));
      server.stubFor(get("/result/9").willReturn(aResponse().withStatus(200)
          .withHeader("Content-Type", "application/json").withBody("{\"ok\":1}")));

      HttpOutput out = call(kit().variable("method", "POST").variable("url", url("/submit"))
          .variable("body", Map.of("a", 1)));

      assertThat(out.body()).isEqualTo(Map.of("ok", 1));
      server.verify(getRequestedFor(urlPathEqualTo("/result/9")).withoutHeader("Content-Type"));
    }

    @Test
    void returnsTheRedirectItselfWhenNotFollowing() throws Exception {
      server.stubFor(get("/old").willReturn(aResponse().withStatus(301).withHeader("Location", "/new")));

      HttpOutput out = call(kit().variable("url", url("/old")).variable("followRedirects", false));

      assertThat(out.status()).isEqualTo(301);
      assertThat(out.headers()).containsEntry("location", "/new");
    }
  }

  @Nested
  class Responses {

    @Test
    void returnsTextForTextTypesAndAsked() throws Exception {
      server.stubFor(get("/t").willReturn(aResponse().withHeader("Content-Type", "text/csv")
          .withBody("a,b\n1,2")));
      server.stubFor(get("/j").willReturn(aResponse().withHeader("Content-Type", "application/json")
          .withBody("{\"x\":1}")));

      assertThat(call(kit().variable("url", url("/t"))).body()).isEqualTo("a,b\n1,2");
      assertThat(call(kit().variable("url", url("/j")).variable("responseFormat", "TEXT")).body())
          .isEqualTo("{\"x\":1}");
    }

    @Test
    void returnsBinaryBodiesAsADocument() throws Exception {
      byte[] pdf = "%PDF-1.7 binary\u0000\u0001".getBytes(StandardCharsets.ISO_8859_1);
      server.stubFor(get("/label.pdf").willReturn(aResponse().withHeader("Content-Type", "application/pdf")
          .withHeader("Content-Disposition", "attachment; filename=\"label-7.pdf\"").withBody(pdf)));

      HttpOutput out = call(kit().variable("url", url("/label.pdf")));

      assertThat(out.body()).isNull();
      assertThat(out.document().contentType()).isEqualTo("application/pdf");
      assertThat(out.document().size()).isEqualTo(pdf.length);
      assertThat(out.document().fileName()).isEqualTo("label-7.pdf");
      assertThat(Base64.getDecoder().decode(out.document().content())).isEqualTo(pdf);
    }

    @Test
    void returnsAnyBodyAsADocumentWhenAsked() throws Exception {
      server.stubFor(get("/j").willReturn(aResponse().withHeader("Content-Type", "application/json")
          .withBody("{\"x\":1}")));

      HttpOutput out = call(kit().variable("url", url("/j")).variable("responseFormat", "DOCUMENT"));

      assertThat(new String(Base64.getDecoder().decode(out.document().content()), StandardCharsets.UTF_8))
          .isEqualTo("{\"x\":1}");
    }

    @Test
    void failsWithInvalidResponseWhenJsonIsMalformed() {
      server.stubFor(get("/broken").willReturn(aResponse().withHeader("Content-Type", "application/json")
          .withBody("{\"x\": oops")));

      ConnectorException e = catchThrowableOfType(() -> call(kit().variable("url", url("/broken"))),
          ConnectorException.class);

      assertThat(e).isNotInstanceOf(RetryableException.class);
      assertThat(e.code()).isEqualTo("INVALID_RESPONSE");
      assertThat(e.getMessage()).contains("GET " + url("/broken")).contains("not valid JSON");
    }

    @Test
    void failsWithInvalidResponseWhenJsonIsDemandedButHtmlArrives() {
      server.stubFor(get("/html").willReturn(aResponse().withHeader("Content-Type", "text/html")
          .withBody("<html>login</html>")));

      ConnectorException e = catchThrowableOfType(() -> call(kit().variable("url", url("/html"))
          .variable("responseFormat", "JSON")), ConnectorException.class);

      assertThat(e.code()).isEqualTo("INVALID_RESPONSE");
      assertThat(e.getMessage()).contains("text/html");
    }

    @Test
    void returnsNoBodyForAnEmptyAnswer() throws Exception {
      server.stubFor(get("/empty").willReturn(aResponse().withStatus(204)));

      HttpOutput out = call(kit().variable("url", url("/empty")));

      assertThat(out.status()).isEqualTo(204);
      assertThat(out.body()).isNull();
    }
  }

  @Nested
  class StatusMapping {

    @Test
    void maps404ToANonRetryableErrorThatNamesTheEndpointWithoutItsQuery() {
      server.stubFor(get(urlPathEqualTo("/missing")).willReturn(aResponse().withStatus(404)
          .withBody("no such order")));

      ConnectorException e = catchThrowableOfType(() -> call(kit().variable("url", url("/missing"))
          .variable("queryParameters", Map.of("api_key", "{{secrets.KEY}}")).secret("KEY", "sek-ret-1")),
          ConnectorException.class);

      assertThat(e).isNotInstanceOf(RetryableException.class);
      assertThat(e.code()).isEqualTo("HTTP_404");
      assertThat(e.getMessage()).contains("GET " + url("/missing")).contains("no such order")
          .doesNotContain("sek-ret-1").doesNotContain("api_key");
    }

    @Test
    void maps503ToARetryableErrorThatHonoursRetryAfter() {
      server.stubFor(get("/busy").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "7")));

      RetryableException e = catchThrowableOfType(() -> call(kit().variable("url", url("/busy"))),
          RetryableException.class);

      assertThat(e.code()).isEqualTo("HTTP_503");
      assertThat(e.backoff()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void maps429And408ToRetryableErrorsAndOther4xxToFinalOnes() {
      server.stubFor(get("/limited").willReturn(aResponse().withStatus(429)
          .withHeader("Retry-After", "Thu, 01 Jan 2026 00:01:00 GMT")));
      server.stubFor(get("/slow").willReturn(aResponse().withStatus(408)));
      server.stubFor(get("/conflict").willReturn(aResponse().withStatus(409)));
      server.stubFor(get("/boom").willReturn(aResponse().withStatus(500)));

      RetryableException limited = catchThrowableOfType(() -> call(kit().variable("url", url("/limited"))),
          RetryableException.class);
      assertThat(limited.code()).isEqualTo("HTTP_429");
      assertThat(limited.backoff()).isEqualTo(Duration.ofMinutes(1)); // the test clock is 00:00:00
      assertThat(catchThrowableOfType(() -> call(kit().variable("url", url("/slow"))),
          RetryableException.class).code()).isEqualTo("HTTP_408");
      ConnectorException conflict = catchThrowableOfType(() -> call(kit().variable("url", url("/conflict"))),
          ConnectorException.class);
      assertThat(conflict).isNotInstanceOf(RetryableException.class);
      assertThat(conflict.code()).isEqualTo("HTTP_409");
      assertThat(catchThrowableOfType(() -> call(kit().variable("url", url("/boom"))),
          RetryableException.class).code()).isEqualTo("HTTP_500");
    }

    @Test
    void masksCredentialsEchoedInAnErrorBody() {
      server.stubFor(get("/echo").willReturn(aResponse().withStatus(400)
          .withBody("bad token tok-123456 given")));

      ConnectorException e = catchThrowableOfType(() -> call(kit().variable("url", url("/echo"))
          .variable("authentication", Map.of("type", "bearer", "token", "{{secrets.T}}"))
          .secret("T", "tok-123456")), ConnectorException.class);

      assertThat(e.code()).isEqualTo("HTTP_400");
      assertThat(e.getMessage()).contains("bad token *** given").doesNotContain("tok-123456");
    }
  }

  @Nested
  class Transport {

    @Test
    void failsWithARetryableTimeoutWhenTheServerIsSlow() {
      server.stubFor(get("/slow").willReturn(aResponse().withFixedDelay(3_000).withBody("late")));

      long started = System.nanoTime();
      RetryableException e = catchThrowableOfType(() -> call(kit().variable("url", url("/slow"))
          .variable("readTimeoutSeconds", 1)), RetryableException.class);

      assertThat(e.code()).isEqualTo("TIMEOUT");
      assertThat(e.getMessage()).contains("GET " + url("/slow")).contains("readTimeoutSeconds");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_900));
    }

    @Test
    void failsWithARetryableConnectionErrorWhenNothingListens() throws Exception {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      RetryableException e = catchThrowableOfType(() -> call(kit()
          .variable("url", "http://127.0.0.1:" + port + "/x")), RetryableException.class);

      assertThat(e.code()).isEqualTo("CONNECTION_FAILED");
      assertThat(e.getMessage()).contains("GET http://127.0.0.1:" + port + "/x");
    }

    @Test
    void failsWithARetryableTimeoutWhenTheConnectionCannotBeEstablished() throws Exception {
      // A listener that never accepts: once its backlog is full the kernel drops further SYNs,
      // so the connect hangs as it does towards a firewalled host.
      try (ServerSocket listener = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        List<java.net.Socket> filling = new java.util.ArrayList<>();
        try {
          for (int i = 0; i < 8; i++) {
            java.net.Socket s = new java.net.Socket();
            try {
              s.connect(listener.getLocalSocketAddress(), 200);
              filling.add(s);
            } catch (java.io.IOException full) {
              s.close();
              break;
            }
          }
          RetryableException e = catchThrowableOfType(() -> call(kit()
              .variable("url", "http://127.0.0.1:" + listener.getLocalPort() + "/x")
              .variable("connectionTimeoutSeconds", 1)), RetryableException.class);

          assertThat(e.code()).isEqualTo("TIMEOUT");
          assertThat(e.getMessage()).contains("connectionTimeoutSeconds");
        } finally {
          for (java.net.Socket s : filling) {
            s.close();
          }
        }
      }
    }

    @Test
    void refusesATooLargeResponse() {
      server.stubFor(get("/huge").willReturn(aResponse().withBody(new byte[11 * 1024 * 1024])));

      ConnectorException e = catchThrowableOfType(() -> call(kit().variable("url", url("/huge"))),
          ConnectorException.class);

      assertThat(e.code()).isEqualTo("RESPONSE_TOO_LARGE");
    }
  }

  @Nested
  class Tls {

    String httpsUrl(String path) {
      return "https://localhost:" + server.httpsPort() + path;
    }

    @BeforeEach
    void stub() {
      server.stubFor(get("/secure").willReturn(aResponse().withHeader("Content-Type", "application/json")
          .withBody("{\"tls\":true}")));
    }

    @Test
    void refusesASelfSignedCertificateByDefault() {
      ConnectorException e = catchThrowableOfType(() -> call(kit().variable("url", httpsUrl("/secure"))),
          ConnectorException.class);

      assertThat(e).isNotInstanceOf(RetryableException.class);
      assertThat(e.code()).isEqualTo("TLS_FAILED");
      assertThat(e.getMessage()).contains("caCertificatePem");
    }

    @Test
    void trustsAServerSignedByTheGivenCaCertificate() throws Exception {
      HttpOutput out = call(kit().variable("url", httpsUrl("/secure")).variable("caCertificatePem", pem));

      assertThat(out.body()).isEqualTo(Map.of("tls", true));
    }

    @Test
    void keepsCheckingTheHostNameWithACustomCa() {
      // The certificate is for localhost and 127.0.0.1; 127.0.0.2 reaches the same server.
      ConnectorException e = catchThrowableOfType(() -> call(kit()
          .variable("url", "https://127.0.0.2:" + server.httpsPort() + "/secure")
          .variable("caCertificatePem", pem)), ConnectorException.class);

      assertThat(e.code()).isEqualTo("TLS_FAILED");
    }

    @Test
    void trustsAnythingOnlyWhenAskedTo() throws Exception {
      HttpOutput out = call(kit().variable("url", "https://127.0.0.2:" + server.httpsPort() + "/secure")
          .variable("trustAllCertificates", true));

      assertThat(out.body()).isEqualTo(Map.of("tls", true));
    }

    @Test
    void refusesPemThatIsNotACertificate() {
      ConnectorException e = catchThrowableOfType(() -> call(kit().variable("url", httpsUrl("/secure"))
          .variable("caCertificatePem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----")),
          ConnectorException.class);

      assertThat(e.code()).isEqualTo("INVALID_INPUT");
    }
  }

  @Nested
  class Guard {

    @Test
    void refusesADeniedAddressBeforeSendingAnything() {
      connector = new HttpConnector(new HttpExecutor(OutboundGuard.of("recommended"), clock));
      server.stubFor(get("/internal").willReturn(aResponse().withStatus(200)));

      ConnectorException e = catchThrowableOfType(() -> call(kit()
          .variable("url", "http://localhost:" + server.port() + "/internal")), ConnectorException.class);

      assertThat(e).isNotInstanceOf(RetryableException.class);
      assertThat(e.code()).isEqualTo("ADDRESS_DENIED");
      assertThat(e.getMessage()).contains("localhost").contains("127.0.0.0/8")
          .contains(OutboundGuard.ENV);
      assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void checksEveryRedirectTarget() {
      connector = new HttpConnector(new HttpExecutor(OutboundGuard.of("127.0.0.2/32"), clock));
      server.stubFor(get("/hop").willReturn(aResponse().withStatus(302)
          .withHeader("Location", "http://127.0.0.2:" + server.port() + "/meta")));
      server.stubFor(get("/meta").willReturn(aResponse().withStatus(200)));

      ConnectorException e = catchThrowableOfType(() -> call(kit().variable("url", url("/hop"))),
          ConnectorException.class);

      assertThat(e.code()).isEqualTo("ADDRESS_DENIED");
      assertThat(e.getMessage()).contains("127.0.0.2");
      server.verify(0, getRequestedFor(urlPathEqualTo("/meta")));
    }

    @Test
    void readsTheDeniedRangesFromTheSystemProperty() {
      System.setProperty(OutboundGuard.PROPERTY, "loopback");
      try {
        connector = new HttpConnector();
      } finally {
        System.clearProperty(OutboundGuard.PROPERTY);
      }

      assertThat(catchThrowableOfType(() -> call(kit().variable("url", url("/x"))),
          ConnectorException.class).code()).isEqualTo("ADDRESS_DENIED");
    }

    @Test
    void refusesTheCloudMetadataAddressByDefault() {
      connector = new HttpConnector();

      assertThat(catchThrowableOfType(() -> call(kit()
          .variable("url", "http://169.254.169.254/latest/meta-data/")), ConnectorException.class)
          .code()).isEqualTo("ADDRESS_DENIED");
    }
  }

  @Nested
  class Authentication {

    @BeforeEach
    void stub() {
      server.stubFor(get(urlPathEqualTo("/me")).willReturn(aResponse().withHeader("Content-Type", "application/json")
          .withBody("{\"me\":1}")));
    }

    @Test
    void sendsBasicCredentials() throws Exception {
      server.stubFor(get("/basic").withBasicAuth("ann", "pä ss").willReturn(aResponse().withStatus(200)));

      HttpOutput out = call(kit().variable("url", url("/basic"))
          .variable("authentication", Map.of("type", "basic", "username", "ann",
              "password", "{{secrets.PW}}")).secret("PW", "pä ss"));

      assertThat(out.status()).isEqualTo(200);
      server.verify(getRequestedFor(urlPathEqualTo("/basic")).withBasicAuth(new BasicCredentials("ann", "pä ss")));
    }

    @Test
    void bindsDottedVariablesAsCamunda7InputParametersWriteThem() throws Exception {
      call(kit().variable("url", url("/me")).variable("authentication.type", "bearer")
          .variable("authentication.token", "{{secrets.TOKEN}}").secret("TOKEN", "t-1"));

      server.verify(getRequestedFor(urlPathEqualTo("/me")).withHeader("Authorization", equalTo("Bearer t-1")));
    }

    @Test
    void sendsAnApiKeyInAHeaderOrTheQuery() throws Exception {
      call(kit().variable("url", url("/me")).variable("authentication", Map.of("type", "apiKey",
          "location", "HEADER", "name", "X-API-Key", "value", "k-1")));
      call(kit().variable("url", url("/me")).variable("authentication", Map.of("type", "apiKey",
          "location", "query", "name", "api_key", "value", "k 2")));

      server.verify(getRequestedFor(urlPathEqualTo("/me")).withHeader("X-API-Key", equalTo("k-1")));
      server.verify(getRequestedFor(urlPathEqualTo("/me")).withQueryParam("api_key", equalTo("k 2")));
    }

    @Test
    void reportsAnUnknownAuthenticationType() {
      ConnectorException e = catchThrowableOfType(() -> call(kit().variable("url", url("/me"))
          .variable("authentication", Map.of("type", "kerberos"))), ConnectorException.class);

      assertThat(e.code()).isEqualTo("INVALID_INPUT");
      assertThat(e.getMessage()).contains("kerberos");
    }

    @Test
    void validatesMissingCredentials() {
      ConnectorException e = catchThrowableOfType(() -> call(kit().variable("url", url("/me"))
          .variable("authentication", Map.of("type", "basic", "username", "ann"))), ConnectorException.class);

      assertThat(e.code()).isEqualTo("INVALID_INPUT");
      assertThat(e.getMessage()).contains("password");
    }

    Map<String, Object> oauth() {
      return Map.of("type", "oauth2ClientCredentials", "tokenUrl", url("/oauth/token"),
          "clientId", "plugboard", "clientSecret", "{{secrets.CLIENT_SECRET}}", "scopes", "orders:write");
    }

    void stubToken(String token, int expiresIn) {
      server.stubFor(post("/oauth/token").withBasicAuth("plugboard", "s3cret-value")
          .withRequestBody(containing("grant_type=client_credentials"))
          .withRequestBody(containing("scope=orders%3Awrite"))
          .willReturn(aResponse().withHeader("Content-Type", "application/json")
              .withBody("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                  + expiresIn + "}")));
    }

    @Test
    void cachesTheOAuthTokenAcrossCallsAndRefreshesItAfterExpiry() throws Exception {
      stubToken("tok-A", 3600);
      for (int i = 0; i < 3; i++) {
        call(kit().variable("url", url("/me")).variable("authentication", oauth())
            .secret("CLIENT_SECRET", "s3cret-value"));
      }
      server.verify(1, postRequestedFor(urlPathEqualTo("/oauth/token")));
      server.verify(3, getRequestedFor(urlPathEqualTo("/me")).withHeader("Authorization", equalTo("Bearer tok-A")));

      // Still cached just before the margin, renewed within the last 30 seconds of its life.
      clock.advance(Duration.ofSeconds(3600 - 31));
      call(kit().variable("url", url("/me")).variable("authentication", oauth()).secret("CLIENT_SECRET", "s3cret-value"));
      server.verify(1, postRequestedFor(urlPathEqualTo("/oauth/token")));
      stubToken("tok-B", 3600);
      clock.advance(Duration.ofSeconds(2));
      call(kit().variable("url", url("/me")).variable("authentication", oauth()).secret("CLIENT_SECRET", "s3cret-value"));

      server.verify(2, postRequestedFor(urlPathEqualTo("/oauth/token")));
      server.verify(getRequestedFor(urlPathEqualTo("/me")).withHeader("Authorization", equalTo("Bearer tok-B")));
    }

    @Test
    void concurrentCallsShareOneTokenFetch() throws Exception {
      server.stubFor(post("/oauth/token").willReturn(aResponse().withFixedDelay(300)
          .withHeader("Content-Type", "application/json")
          .withBody("{\"access_token\":\"tok-P\",\"expires_in\":3600}")));
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
      try {
        List<java.util.concurrent.Future<Object>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
          calls.add(pool.submit(() -> kit().variable("url", url("/me")).variable("authentication", oauth())
              .secret("CLIENT_SECRET", "s3cret-value").execute()));
        }
        for (java.util.concurrent.Future<Object> call : calls) {
          assertThat(((HttpOutput) call.get(30, java.util.concurrent.TimeUnit.SECONDS)).status()).isEqualTo(200);
        }
      } finally {
        pool.shutdownNow();
      }

      server.verify(1, postRequestedFor(urlPathEqualTo("/oauth/token")));
      server.verify(6, getRequestedFor(urlPathEqualTo("/me")).withHeader("Authorization", equalTo("Bearer tok-P")));
    }

    @Test
    void fetchesANewTokenWhenTheApiRejectsTheCachedOne() throws Exception {
      stubToken("tok-A", 3600);
      call(kit().variable("url", url("/me")).variable("authentication", oauth()).secret("CLIENT_SECRET", "s3cret-value"));
      // The server revoked tok-A early.
      stubToken("tok-B", 3600);
      server.stubFor(get("/me").withHeader("Authorization", equalTo("Bearer tok-A"))
          .willReturn(aResponse().withStatus(401)));

      HttpOutput out = call(kit().variable("url", url("/me")).variable("authentication", oauth())
          .secret("CLIENT_SECRET", "s3cret-value"));

      assertThat(out.status()).isEqualTo(200);
      server.verify(2, postRequestedFor(urlPathEqualTo("/oauth/token")));
    }

    @Test
    void sendsClientCredentialsInTheBodyWhenAsked() throws Exception {
      server.stubFor(post("/oauth/token").withRequestBody(containing("client_id=plugboard"))
          .withRequestBody(containing("client_secret=s3cret-value")).withRequestBody(containing("audience=orders-api"))
          .willReturn(aResponse().withHeader("Content-Type", "application/json")
              .withBody("{\"access_token\":\"tok-C\",\"expires_in\":\"600\"}")));

      call(kit().variable("url", url("/me")).variable("authentication", Map.of("type", "oauth2ClientCredentials",
          "tokenUrl", url("/oauth/token"), "clientId", "plugboard", "clientSecret", "{{secrets.CLIENT_SECRET}}",
          "audience", "orders-api", "clientAuthentication", "REQUEST_BODY")).secret("CLIENT_SECRET", "s3cret-value"));

      server.verify(getRequestedFor(urlPathEqualTo("/me")).withHeader("Authorization", equalTo("Bearer tok-C")));
    }

    @Test
    void failsWithOAuthFailedWhenTheServerRefusesTheCredentials() {
      server.stubFor(post("/oauth/token").willReturn(aResponse().withStatus(401)
          .withHeader("Content-Type", "application/json")
          .withBody("{\"error\":\"invalid_client\",\"error_description\":\"bad secret s3cret-value\"}")));

      ConnectorException e = catchThrowableOfType(() -> call(kit().variable("url", url("/me"))
          .variable("authentication", oauth()).secret("CLIENT_SECRET", "s3cret-value")), ConnectorException.class);

      assertThat(e).isNotInstanceOf(RetryableException.class);
      assertThat(e.code()).isEqualTo("OAUTH_FAILED");
      assertThat(e.getMessage()).contains("POST " + url("/oauth/token")).contains("invalid_client")
          .doesNotContain("s3cret-value");
      server.verify(0, getRequestedFor(urlPathEqualTo("/me")));
    }

    @Test
    void retriesWhenTheOAuthServerIsDown() {
      server.stubFor(post("/oauth/token").willReturn(aResponse().withStatus(503)));

      RetryableException e = catchThrowableOfType(() -> call(kit().variable("url", url("/me"))
          .variable("authentication", oauth()).secret("CLIENT_SECRET", "s3cret-value")), RetryableException.class);

      assertThat(e.code()).isEqualTo("OAUTH_FAILED");
    }

    @Test
    void failsWithOAuthFailedWhenTheTokenAnswerHasNoToken() {
      server.stubFor(post("/oauth/token").willReturn(aResponse().withStatus(200).withBody("<html/>")));

      assertThat(catchThrowableOfType(() -> call(kit().variable("url", url("/me"))
          .variable("authentication", oauth()).secret("CLIENT_SECRET", "s3cret-value")),
          ConnectorException.class).code()).isEqualTo("OAUTH_FAILED");
    }
  }
}
