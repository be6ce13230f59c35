package dev.plugboard.runtime.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The admin token that mutating API calls must present as {@code Authorization: Bearer <token>}.
 *
 * <p>Taken from {@code plugboard.security.admin-token}, else from the environment variable
 * {@code PLUGBOARD_ADMIN_TOKEN}, else generated (256 random bits) and printed once at INFO.
 * Only a SHA-256 digest is kept, so the token cannot leak from a heap dump of this object, and
 * the comparison takes the same time whatever the presented token.
 */
@Component
public class AdminToken {

  private static final Logger LOG = LoggerFactory.getLogger(AdminToken.class);
  /** The environment variable read when the property is not set. */
  public static final String ENV = "PLUGBOARD_ADMIN_TOKEN";

  private final byte[] digest;
  private final boolean generated;

  /**
   * Resolves the token.
   *
   * @param properties the security settings
   * @param environment Spring's environment (for the raw {@value #ENV} variable)
   */
  public AdminToken(SecurityProperties properties, Environment environment) {
    String token = properties.adminToken();
    String source = "plugboard.security.admin-token";
    if (token == null || token.isBlank()) {
      token = environment.getProperty(ENV);
      source = ENV;
    }
    if (token == null || token.isBlank()) {
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      generated = true;
      // Printed once, on purpose: the operator needs it for the API. Set PLUGBOARD_ADMIN_TOKEN
      // to keep it stable across restarts and out of the log.
      LOG.info("\n\n  Plugboard admin token (generated; set PLUGBOARD_ADMIN_TOKEN to choose one):\n"
          + "    {}\n  Send it as 'Authorization: Bearer <token>' on POST/PUT/PATCH/DELETE /api/**\n",
          token);
    } else {
      generated = false;
      LOG.info("admin token configured source={}", source);
    }
    this.digest = sha256(token.strip());
  }

  /**
   * Whether a presented token is the admin token, in constant time.
   *
   * @param presented the token from the request, may be {@code null}
   * @return true when it matches
   */
  public boolean matches(String presented) {
    if (presented == null) {
      return false;
    }
    // Comparing digests keeps the time independent of length and of the first differing byte.
    return MessageDigest.isEqual(digest, sha256(presented.strip()));
  }

  /**
   * Whether the token was generated at start-up.
   *
   * @return true when generated
   */
  public boolean generated() {
    return generated;
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
