package dev.plugboard.connectors.webhook;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.WebhookRequest;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a request's credentials for one activation. Secrets are compared in constant time; no
 * message names a secret or the presented credential.
 */
final class RequestAuthenticator {

  /** The outcome of a check: {@code null} reason means passed. */
  record Verdict(int status, String code, String reason) {
    static final Verdict OK = new Verdict(200, null, null);

    boolean passed() {
      return reason == null;
    }
  }

  private final WebhookProperties p;
  private final DefaultJWTProcessor<SecurityContext> jwksProcessor;

  RequestAuthenticator(WebhookProperties p) {
    this.p = p;
    switch (p.auth()) {
      case BASIC -> require(p.username(), "username", "BASIC");
      case API_KEY -> require(p.apiKey(), "apiKey", "API_KEY");
      case HMAC -> require(p.hmacSecret(), "hmacSecret", "HMAC");
      case JWT -> {
        if (blank(p.jwtSecret()) && blank(p.jwksUrl())) {
          throw new ConnectorException("INVALID_INPUT", "Authentication JWT needs 'jwtSecret'"
              + " (HS256) or 'jwksUrl' (RS256); set one in the element's properties");
        }
        if (!blank(p.jwtSecret()) && p.jwtSecret().getBytes(StandardCharsets.UTF_8).length < 32) {
          throw new ConnectorException("INVALID_INPUT", "'jwtSecret' must have at least 32 bytes"
              + " for HS256; use a longer secret");
        }
      }
      default -> { }
    }
    if (p.auth() == AuthType.JWT && !blank(p.jwksUrl())) {
      try {
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(URI.create(p.jwksUrl()).toURL(),
            // nimbus' default read timeout (500 ms) is too tight for a busy identity provider.
            new com.nimbusds.jose.util.DefaultResourceRetriever(5_000, 5_000, 512 * 1024))
            .build();
        jwksProcessor = new DefaultJWTProcessor<>();
        jwksProcessor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        jwksProcessor.setJWTClaimsSetVerifier(claimsVerifier());
      } catch (MalformedURLException | IllegalArgumentException e) {
        throw new ConnectorException("INVALID_INPUT", "'jwksUrl' is not a valid URL: "
            + p.jwksUrl());
      }
    } else {
      jwksProcessor = null;
    }
  }

  Verdict check(WebhookRequest request) {
    return switch (p.auth()) {
      case NONE -> Verdict.OK;
      case BASIC -> basic(request);
      case API_KEY -> apiKey(request);
      case JWT -> jwt(request);
      case HMAC -> hmac(request);
    };
  }

  private Verdict basic(WebhookRequest request) {
    String h = request.header("authorization");
    if (h == null || !h.regionMatches(true, 0, "Basic ", 0, 6)) {
      return missing("Missing 'Authorization: Basic' header");
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(h.substring(6).trim()),
          StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return denied("The Basic credentials are not valid Base64");
    }
    String expected = p.username() + ":" + (p.password() == null ? "" : p.password());
    return equal(decoded, expected) ? Verdict.OK : denied("Wrong user name or password");
  }

  private Verdict apiKey(WebhookRequest request) {
    String key = request.header(p.apiKeyHeader());
    if (key == null) {
      return missing("Missing header '" + p.apiKeyHeader() + "' with the API key");
    }
    return equal(key, p.apiKey()) ? Verdict.OK : denied("Wrong API key");
  }

  private Verdict jwt(WebhookRequest request) {
    String h = request.header("authorization");
    if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return missing("Missing 'Authorization: Bearer <JWT>' header");
    }
    String token = h.substring(7).trim();
    try {
      if (jwksProcessor != null) {
        jwksProcessor.process(token, null);
        return Verdict.OK;
      }
      SignedJWT jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
        return denied("The token must be signed with HS256, not " + jwt.getHeader().getAlgorithm());
      }
      if (!jwt.verify(new MACVerifier(p.jwtSecret().getBytes(StandardCharsets.UTF_8)))) {
        return denied("The token's signature is wrong");
      }
      claimsVerifier().verify(jwt.getJWTClaimsSet(), null);
      return Verdict.OK;
    } catch (BadJWTException e) {
      return denied("The token is not accepted: " + e.getMessage());
    } catch (java.text.ParseException e) {
      return denied("The bearer token is not a JWT");
    } catch (JOSEException | com.nimbusds.jose.proc.BadJOSEException e) {
      return denied("The token's signature cannot be verified: " + e.getMessage());
    }
  }

  private DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier() {
    JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
    if (!blank(p.jwtIssuer())) {
      exact.issuer(p.jwtIssuer());
    }
    return new DefaultJWTClaimsVerifier<>(blank(p.jwtAudience()) ? null : p.jwtAudience(),
        exact.build(), Set.of("exp"));
  }

  private Verdict hmac(WebhookRequest request) {
    String sig = request.header(p.hmacHeader());
    if (sig == null || sig.isBlank()) {
      return missing("Missing signature header '" + p.hmacHeader() + "'");
    }
    byte[] expected;
    try {
      Mac mac = Mac.getInstance(p.hmacAlgorithm().jcaName);
      mac.init(new SecretKeySpec(p.hmacSecret().getBytes(StandardCharsets.UTF_8),
          p.hmacAlgorithm().jcaName));
      expected = mac.doFinal(request.body());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HMAC not available: " + p.hmacAlgorithm(), e);
    }
    String given = sig.trim();
    if (given.toLowerCase(Locale.ROOT).startsWith(p.hmacAlgorithm().prefix)) {
      given = given.substring(p.hmacAlgorithm().prefix.length());
    }
    byte[] presented = decode(given);
    if (presented == null || !MessageDigest.isEqual(presented, expected)) {
      return denied("The signature in '" + p.hmacHeader() + "' does not match the body");
    }
    return Verdict.OK;
  }

  /** Hex (GitHub style) or Base64 (Shopify/Slack style). */
  private static byte[] decode(String s) {
    try {
      if (s.matches("[0-9a-fA-F]+") && s.length() % 2 == 0) {
        return HexFormat.of().parseHex(s);
      }
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean equal(String a, String b) {
    return b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8),
        b.getBytes(StandardCharsets.UTF_8));
  }

  private static Verdict missing(String reason) {
    return new Verdict(401, "UNAUTHORIZED", reason);
  }

  private static Verdict denied(String reason) {
    return new Verdict(403, "FORBIDDEN", reason);
  }

  private static void require(String value, String name, String auth) {
    if (blank(value)) {
      throw new ConnectorException("INVALID_INPUT", "Authentication " + auth + " needs '" + name
          + "'; set it in the element's properties (as {{secrets.NAME}} for secrets)");
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
