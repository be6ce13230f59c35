package dev.plugboard.connectors.http.support;

import java.time.Duration;

/**
 * Connection settings of one call: timeouts, TLS trust, redirects and the response size limit.
 *
 * @param connectTimeout how long to wait for the TCP (and TLS) connection
 * @param readTimeout how long to wait for the complete response once the request is sent
 * @param trustAllCertificates accept any server certificate and host name (testing only)
 * @param caCertificatesPem extra trusted CA certificates in PEM, may be {@code null}
 * @param followRedirects follow 3xx answers (each target passes the {@link OutboundGuard})
 * @param maxResponseBytes the largest response body accepted
 */
public record ClientOptions(
    Duration connectTimeout,
    Duration readTimeout,
    boolean trustAllCertificates,
    String caCertificatesPem,
    boolean followRedirects,
    long maxResponseBytes) {

  /** The default response body limit: 10 MiB. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 10L * 1024 * 1024;

  /** The most redirects followed for one call. */
  public static final int MAX_REDIRECTS = 5;

  /** Settings that select an HTTP client; calls with equal keys share one client. */
  record ClientKey(Duration connectTimeout, boolean trustAll, String caPem) {}

  ClientKey clientKey() {
    String pem = caCertificatesPem == null || caCertificatesPem.isBlank() ? null
        : caCertificatesPem.strip();
    return new ClientKey(connectTimeout, trustAllCertificates, trustAllCertificates ? null : pem);
  }
}
