package dev.plugboard.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.CorrelationResult;
import dev.plugboard.sdk.InboundContext;
import dev.plugboard.sdk.WebhookRequest;
import dev.plugboard.sdk.WebhookResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.RoutesBuilder;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The webhook's authentication and answers. The runtime's side (routing, limits, correlation in
 * the engine) is tested in connector-runtime's {@code WebhookEndToEndTest}; here a recording
 * context shows that a rejected request never reaches {@code correlate}.
 */
class GenericWebhookConnectorTest {

  static final String BODY = "{\"orderId\":\"o-1\"}";
  static final String HS_SECRET = "0123456789abcdef0123456789abcdef-hs256";

  /** Records correlate calls and answers with a fixed result. */
  static final class RecordingContext implements InboundContext {
    final List<Map<String, Object>> calls = new ArrayList<>();
    CorrelationResult result = new CorrelationResult.MessageCorrelated("pi-1");

    @Override public CorrelationResult correlate(Map<String, Object> variables) {
      calls.add(variables);
      return result;
    }
    @Override public Map<String, Object> properties() { return Map.of(); }
    @Override public void addRoutes(RoutesBuilder routes) {}
    @Override public void reportHealth(boolean up, String detail) {}
    @Override public Logger logger() { return LoggerFactory.getLogger("test"); }
  }

  static WebhookProperties props(AuthType auth) {
    return new WebhookProperties(auth, "ann", "pw-1", "key-1", null, HS_SECRET, null, null, null,
        "hmac-secret", null, null);
  }

  static WebhookRequest request(String body, Map<String, String> headers) {
    Map<String, List<String>> h = new java.util.HashMap<>();
    headers.forEach((k, v) -> h.put(k.toLowerCase(java.util.Locale.ROOT), List.of(v)));
    h.putIfAbsent("content-type", List.of("application/json"));
    return new WebhookRequest("POST", "orders", h, Map.of(),
        body.getBytes(StandardCharsets.UTF_8));
  }

  static WebhookResponse run(WebhookProperties p, WebhookRequest r, RecordingContext ctx) {
    GenericWebhookConnector c = new GenericWebhookConnector();
    c.activate(p, ctx);
    return c.handle(r, ctx);
  }

  static String hmacHex(String secret, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aJsonBodyIsHandedToTheElementExpressionsAsRequestBody() {
    RecordingContext ctx = new RecordingContext();
    WebhookResponse r = run(props(AuthType.NONE), request(BODY, Map.of()), ctx);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().toString()).contains("CORRELATED");
    @SuppressWarnings("unchecked")
    Map<String, Object> req = (Map<String, Object>) ctx.calls.get(0).get("request");
    assertThat(req.get("body")).isEqualTo(Map.of("orderId", "o-1"));
  }

  @Test
  void malformedJsonIs422WithThePositionAndCorrelatesNothing() {
    RecordingContext ctx = new RecordingContext();
    WebhookResponse r = run(props(AuthType.NONE), request("{\"orderId\": ", Map.of()), ctx);
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.body().toString()).contains("INVALID_JSON").contains("line 1");
    assertThat(ctx.calls).isEmpty();
  }

  @Test
  void basicAuthAcceptsTheRightPasswordAndRejectsOthers() {
    String good = "Basic " + Base64.getEncoder().encodeToString("ann:pw-1".getBytes());
    String bad = "Basic " + Base64.getEncoder().encodeToString("ann:nope".getBytes());
    RecordingContext ctx = new RecordingContext();
    assertThat(run(props(AuthType.BASIC), request(BODY, Map.of("Authorization", good)), ctx)
        .status()).isEqualTo(200);
    assertThat(run(props(AuthType.BASIC), request(BODY, Map.of()), ctx).status()).isEqualTo(401);
    WebhookResponse denied = run(props(AuthType.BASIC),
        request(BODY, Map.of("Authorization", bad)), ctx);
    assertThat(denied.status()).isEqualTo(403);
    assertThat(denied.body().toString()).doesNotContain("pw-1").doesNotContain("nope");
    assertThat(ctx.calls).hasSize(1);
  }

  @Test
  void apiKeyIsReadFromTheConfiguredHeader() {
    RecordingContext ctx = new RecordingContext();
    assertThat(run(props(AuthType.API_KEY), request(BODY, Map.of("X-API-Key", "key-1")), ctx)
        .status()).isEqualTo(200);
    assertThat(run(props(AuthType.API_KEY), request(BODY, Map.of("X-API-Key", "key-2")), ctx)
        .status()).isEqualTo(403);
    assertThat(ctx.calls).hasSize(1);
  }

  @Test
  void hmacSignatureInHexWithPrefixOrBase64IsAcceptedAndAWrongOneIs403() throws Exception {
    RecordingContext ctx = new RecordingContext();
    String hex = hmacHex("hmac-secret", BODY);
    assertThat(run(props(AuthType.HMAC),
        request(BODY, Map.of("X-Signature-256", "sha256=" + hex)), ctx).status()).isEqualTo(200);
    String b64 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    assertThat(run(props(AuthType.HMAC), request(BODY, Map.of("X-Signature-256", b64)), ctx)
        .status()).isEqualTo(200);
    WebhookResponse wrong = run(props(AuthType.HMAC), request(BODY + " ",
        Map.of("X-Signature-256", "sha256=" + hex)), ctx);
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(wrong.body().toString()).contains("does not match the body");
    assertThat(run(props(AuthType.HMAC), request(BODY, Map.of()), ctx).status()).isEqualTo(401);
    assertThat(ctx.calls).hasSize(2);
  }

  @Test
  void hs256TokensAreVerifiedIncludingExpiry() throws Exception {
    RecordingContext ctx = new RecordingContext();
    String valid = hs256(new Date(System.currentTimeMillis() + 60_000));
    String expired = hs256(new Date(System.currentTimeMillis() - 120_000));
    assertThat(run(props(AuthType.JWT), request(BODY, Map.of("Authorization", "Bearer " + valid)),
        ctx).status()).isEqualTo(200);
    assertThat(run(props(AuthType.JWT), request(BODY, Map.of("Authorization", "Bearer " + expired)),
        ctx).status()).isEqualTo(403);
    assertThat(run(props(AuthType.JWT), request(BODY, Map.of("Authorization", "Bearer x.y.z")),
        ctx).status()).isEqualTo(403);
    assertThat(ctx.calls).hasSize(1);
  }

  @Test
  void rs256TokensAreVerifiedWithTheKeysOfAJwksUrl() throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
    RSAKey other = new RSAKeyGenerator(2048).keyID("k1").generate();
    WireMockServer jwks = new WireMockServer(options().dynamicPort());
    jwks.start();
    try {
      jwks.stubFor(get(urlEqualTo("/jwks.json")).willReturn(aResponse()
          .withHeader("Content-Type", "application/json")
          .withBody(new JWKSet(key.toPublicJWK()).toString())));
      WebhookProperties p = new WebhookProperties(AuthType.JWT, null, null, null, null, null,
          "http://localhost:" + jwks.port() + "/jwks.json", "issuer-1", null, null, null, null);
      RecordingContext ctx = new RecordingContext();
      WebhookResponse ok = run(p, request(BODY, Map.of("Authorization", "Bearer "
          + rs256(key, "issuer-1"))), ctx);
      assertThat(ok.status()).as(String.valueOf(ok.body())).isEqualTo(200);
      assertThat(run(p, request(BODY, Map.of("Authorization", "Bearer " + rs256(other, "issuer-1"))),
          ctx).status()).isEqualTo(403);
      assertThat(run(p, request(BODY, Map.of("Authorization", "Bearer " + rs256(key, "someone"))),
          ctx).status()).isEqualTo(403);
      assertThat(ctx.calls).hasSize(1);
    } finally {
      jwks.stop();
    }
  }

  @Test
  void eachCorrelationResultHasItsDocumentedStatus() {
    assertThat(GenericWebhookConnector.answer(new CorrelationResult.ProcessStarted("p")).status())
        .isEqualTo(200);
    assertThat(GenericWebhookConnector.answer(new CorrelationResult.AlreadyCorrelated("m"))
        .status()).isEqualTo(200);
    assertThat(GenericWebhookConnector.answer(new CorrelationResult.ActivationConditionNotMet())
        .status()).isEqualTo(202);
    assertThat(GenericWebhookConnector.answer(new CorrelationResult.InvalidInput("r")).status())
        .isEqualTo(422);
    assertThat(GenericWebhookConnector.answer(new CorrelationResult.NotCorrelated("r", false))
        .status()).isEqualTo(409);
    assertThat(GenericWebhookConnector.answer(new CorrelationResult.NotCorrelated("r", true))
        .status()).isEqualTo(503);
  }

  @Test
  void aMissingSecretFailsActivationWithAClearMessage() {
    WebhookProperties p = new WebhookProperties(AuthType.HMAC, null, null, null, null, null, null,
        null, null, null, null, null);
    assertThatThrownBy(() -> new GenericWebhookConnector().activate(p, new RecordingContext()))
        .isInstanceOf(ConnectorException.class).hasMessageContaining("hmacSecret");
  }

  static String hs256(Date exp) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
        .type(JOSEObjectType.JWT).build(), new JWTClaimsSet.Builder().subject("s").expirationTime(exp)
        .build());
    jwt.sign(new MACSigner(HS_SECRET.getBytes(StandardCharsets.UTF_8)));
    return jwt.serialize();
  }

  static String rs256(RSAKey key, String issuer) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
        new JWTClaimsSet.Builder().issuer(issuer).subject("s")
            .expirationTime(new Date(System.currentTimeMillis() + 60_000)).build());
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }
}
