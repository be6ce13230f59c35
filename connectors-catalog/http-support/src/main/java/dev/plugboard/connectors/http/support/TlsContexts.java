package dev.plugboard.connectors.http.support;

import dev.plugboard.sdk.ConnectorException;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/** Builds the {@link SSLContext}s behind the TLS options. */
final class TlsContexts {

  private TlsContexts() {}

  /**
   * The JDK's trusted CAs plus the given PEM certificates, with the usual host name check.
   *
   * @param pem one or more {@code -----BEGIN CERTIFICATE-----} blocks
   */
  static SSLContext withExtraCas(String pem) {
    Collection<? extends Certificate> extra;
    try {
      extra = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (CertificateException e) {
      throw new ConnectorException("INVALID_INPUT", "caCertificatePem cannot be read as PEM"
          + " certificates (" + e.getMessage() + "); paste one or more -----BEGIN CERTIFICATE-----"
          + " blocks");
    }
    if (extra.isEmpty()) {
      throw new ConnectorException("INVALID_INPUT", "caCertificatePem holds no certificate;"
          + " paste one or more -----BEGIN CERTIFICATE----- blocks");
    }
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (X509Certificate ca : defaultTrustManager().getAcceptedIssuers()) {
        store.setCertificateEntry("jdk-" + i++, ca);
      }
      for (Certificate ca : extra) {
        store.setCertificateEntry("custom-" + i++, ca);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), new SecureRandom());
      return context;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("Cannot build a TLS context with the custom CA", e);
    }
  }

  /** Accepts every certificate and host name: only when a user chose it explicitly. */
  static SSLContext trustAll() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new TrustAllManager()}, new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot build a trust-all TLS context", e);
    }
  }

  private static X509TrustManager defaultTrustManager() throws GeneralSecurityException {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init((KeyStore) null);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("No X509TrustManager in the JDK");
  }

  /**
   * An extended trust manager, so that JSSE does not wrap it with its own host name check: with
   * trust-all chosen, a test server's certificate for "localhost" must also work under another
   * name.
   */
  private static final class TrustAllManager extends X509ExtendedTrustManager {
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
    @Override public void checkClientTrusted(X509Certificate[] chain, String a, Socket s) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String a, Socket s) {}
    @Override public void checkClientTrusted(X509Certificate[] chain, String a, SSLEngine e) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String a, SSLEngine e) {}
    @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
  }
}
