package dev.plugboard.connectors.github;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.plugboard.sdk.ConnectorException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * GitHub App authentication: signs the app JWT (RS256, issued 60 s in the past against clock
 * drift, valid 9 minutes: GitHub allows at most 10) and caches installation access tokens until
 * five minutes before they expire, per base URL, app, installation and key.
 */
final class AppTokens {

  private static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

  private final Clock clock;
  private final Map<String, CachedToken> cache = new ConcurrentHashMap<>();

  AppTokens(Clock clock) {
    this.clock = clock;
  }

  /**
   * An installation token, from the cache or freshly exchanged.
   *
   * @param baseUrl API base URL
   * @param app the app credentials
   * @param exchange sends the JWT to GitHub and returns the token with its expiry
   * @return the installation access token
   */
  String installationToken(String baseUrl, GitHubAuthentication.App app,
      Function<String, CachedToken> exchange) {
    String key = baseUrl + "|" + app.appId() + "|" + app.installationId() + "|"
        + fingerprint(app.privateKey());
    Instant now = clock.instant();
    CachedToken cached = cache.get(key);
    if (cached != null && now.isBefore(cached.expiresAt().minus(REFRESH_BEFORE_EXPIRY))) {
      return cached.token();
    }
    CachedToken fresh = exchange.apply(jwt(app, now));
    cache.put(key, fresh);
    return fresh.token();
  }

  /** Forgets a token GitHub refused, so the next call exchanges a new one. */
  void evict(String token) {
    cache.values().removeIf(t -> t.token().equals(token));
  }

  static String jwt(GitHubAuthentication.App app, Instant now) {
    PrivateKey key = privateKey(app);
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(app.appId())
        .issueTime(Date.from(now.minusSeconds(60)))
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(9))))
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new ConnectorException("GITHUB_APP_KEY_INVALID", "Cannot sign the GitHub App JWT for"
          + " app " + app.appId() + " with the given private key: " + e.getMessage(), e);
    }
    return jwt.serialize();
  }

  /** Reads a PEM key: PKCS#8 ("PRIVATE KEY") or PKCS#1 ("RSA PRIVATE KEY", as GitHub issues it). */
  static PrivateKey privateKey(GitHubAuthentication.App app) {
    String pem = app.privateKey().strip();
    boolean pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
    String base64 = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "")
        // a key pasted into a single-line variable often carries literal "\n"
        .replace("\\n", "");
    try {
      byte[] der = Base64.getDecoder().decode(base64);
      if (pkcs1) {
        der = pkcs1ToPkcs8(der);
      }
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new ConnectorException("GITHUB_APP_KEY_INVALID", "The private key of GitHub App "
          + app.appId() + " is not an RSA private key in PEM form (PKCS#1 or PKCS#8); paste the"
          + " .pem file GitHub generated, including its BEGIN and END lines");
    }
  }

  /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo, which the JDK reads. */
  static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
    byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    byte[] version = {0x02, 0x01, 0x00};
    byte[] octets = der(0x04, pkcs1);
    byte[] content = new byte[version.length + algorithm.length + octets.length];
    System.arraycopy(version, 0, content, 0, version.length);
    System.arraycopy(algorithm, 0, content, version.length, algorithm.length);
    System.arraycopy(octets, 0, content, version.length + algorithm.length, octets.length);
    return der(0x30, content);
  }

  private static byte[] der(int tag, byte[] content) {
    int n = content.length;
    byte[] length;
    if (n < 0x80) {
      length = new byte[] {(byte) n};
    } else if (n < 0x100) {
      length = new byte[] {(byte) 0x81, (byte) n};
    } else if (n < 0x10000) {
      length = new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
    } else {
      length = new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
    }
    byte[] out = new byte[1 + length.length + n];
    out[0] = (byte) tag;
    System.arraycopy(length, 0, out, 1, length.length);
    System.arraycopy(content, 0, out, 1 + length.length, n);
    return out;
  }

  private static String fingerprint(String secret) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * An installation token and when it expires.
   *
   * @param token the token
   * @param expiresAt its expiry
   */
  record CachedToken(String token, Instant expiresAt) {
    @Override
    public String toString() {
      return "CachedToken[token=***, expiresAt=" + expiresAt + "]";
    }
  }
}
