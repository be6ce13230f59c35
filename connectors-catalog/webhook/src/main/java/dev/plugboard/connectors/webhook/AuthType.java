package dev.plugboard.connectors.webhook;

/** How a webhook request proves where it comes from. */
public enum AuthType {
  /** No check (use only behind a gateway that checks). */
  NONE,
  /** {@code Authorization: Basic} with a user name and password. */
  BASIC,
  /** A key in a header. */
  API_KEY,
  /** {@code Authorization: Bearer <JWT>}, HS256 with a shared secret or RS256 through a JWKS URL. */
  JWT,
  /** An HMAC of the raw body in a header (GitHub, Stripe-like senders). */
  HMAC
}
