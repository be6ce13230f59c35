package dev.plugboard.connectors.webhook;

/** The HMAC algorithm of a signature header. */
public enum HmacAlgorithm {
  /** HMAC-SHA256. */
  SHA_256("HmacSHA256", "sha256="),
  /** HMAC-SHA1 (older senders). */
  SHA_1("HmacSHA1", "sha1="),
  /** HMAC-SHA512. */
  SHA_512("HmacSHA512", "sha512=");

  final String jcaName;
  final String prefix;

  HmacAlgorithm(String jcaName, String prefix) {
    this.jcaName = jcaName;
    this.prefix = prefix;
  }
}
