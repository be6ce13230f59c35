package dev.plugboard.connectors.http.support;

import dev.plugboard.connectors.http.support.Authentication.OAuth2ClientCredentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Access tokens of the OAuth 2.0 client credentials grant, cached per token endpoint, client and
 * scope until {@link #MARGIN} before they expire. Concurrent calls that need the same missing
 * token wait for one fetch instead of each asking the token endpoint.
 */
public final class OAuthTokenCache {

  /** A token is renewed this long before its expiry (or at half its lifetime if shorter). */
  public static final Duration MARGIN = Duration.ofSeconds(30);

  /** Lifetime assumed when the token endpoint does not send {@code expires_in}. */
  public static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);

  private static final int MAX_ENTRIES = 1_000;

  /**
   * A token as the token endpoint answered it.
   *
   * @param accessToken the access token
   * @param lifetime its lifetime ({@code expires_in}), or {@code null} when not given
   */
  public record Token(String accessToken, Duration lifetime) {
    @Override
    public String toString() {
      return "Token[accessToken=***, lifetime=" + lifetime + "]";
    }
  }

  private record Key(String tokenUrl, String clientId, String secretHash, String scopes,
      String audience, String clientAuthentication) {}

  private record Cached(String accessToken, Instant renewAt) {}

  private final Clock clock;
  private final Map<Key, Slot> slots = new ConcurrentHashMap<>();

  /**
   * A cache reading the time from {@code clock}.
   *
   * @param clock the clock
   */
  public OAuthTokenCache(Clock clock) {
    this.clock = clock;
  }

  /**
   * A valid access token: the cached one, or a new one from {@code fetch}.
   *
   * @param auth the credentials
   * @param fetch asks the token endpoint
   * @return the access token
   */
  public String token(OAuth2ClientCredentials auth, Supplier<Token> fetch) {
    if (slots.size() > MAX_ENTRIES) {
      Instant now = clock.instant();
      slots.values().removeIf(s -> s.expiredAt(now));
    }
    return slots.computeIfAbsent(key(auth), k -> new Slot()).get(fetch);
  }

  /**
   * Forgets the cached token of these credentials, after the API refused it.
   *
   * @param auth the credentials
   */
  public void invalidate(OAuth2ClientCredentials auth) {
    Slot slot = slots.get(key(auth));
    if (slot != null) {
      slot.clear();
    }
  }

  private final class Slot {
    private Cached cached;

    synchronized String get(Supplier<Token> fetch) {
      Instant now = clock.instant();
      if (cached != null && now.isBefore(cached.renewAt())) {
        return cached.accessToken();
      }
      Token token = fetch.get();
      Duration lifetime = token.lifetime() == null || token.lifetime().isNegative()
          ? DEFAULT_LIFETIME : token.lifetime();
      Duration margin = lifetime.dividedBy(2).compareTo(MARGIN) < 0 ? lifetime.dividedBy(2) : MARGIN;
      cached = new Cached(token.accessToken(), now.plus(lifetime).minus(margin));
      return cached.accessToken();
    }

    synchronized void clear() {
      cached = null;
    }

    synchronized boolean expiredAt(Instant now) {
      return cached == null || !now.isBefore(cached.renewAt());
    }
  }

  private static Key key(OAuth2ClientCredentials a) {
    return new Key(a.tokenUrl(), a.clientId(), sha256(a.clientSecret()), nullToEmpty(a.scopes()),
        nullToEmpty(a.audience()), a.effectiveClientAuthentication().name());
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s.trim();
  }

  // The key keeps a digest, not the secret itself, so a heap dump of the cache shows no secret.
  private static String sha256(String s) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(String.valueOf(s).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
