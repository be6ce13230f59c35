package dev.plugboard.runtime.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Checks a jar before anything of it is loaded, as {@code plugboard.plugins.verify} says: nothing,
 * its SHA-256 against an allow-list, or its signature against a trust store.
 */
final class PluginVerifier {

  private final PluginsProperties properties;

  PluginVerifier(PluginsProperties properties) {
    this.properties = properties;
  }

  /**
   * The SHA-256 of a file, as lower-case hex.
   *
   * @param file the file
   * @return the digest
   * @throws IOException when the file cannot be read
   */
  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /**
   * Verifies a jar.
   *
   * @param jar the jar
   * @param name the name to use in messages
   * @param sha256 its digest
   * @throws PluginLoadException (REFUSED) naming the jar and what to do when the check fails
   */
  void verify(Path jar, String name, String sha256) throws PluginLoadException {
    switch (properties.verify()) {
      case NONE -> { }
      case CHECKSUM -> verifyChecksum(name, sha256);
      case SIGNATURE -> verifySignature(jar, name);
    }
  }

  private void verifyChecksum(String name, String sha256) throws PluginLoadException {
    Path list = properties.checksums();
    if (list == null) {
      throw PluginLoadException.refused("Jar '" + name + "' refused: plugboard.plugins.verify="
          + "checksum but plugboard.plugins.checksums names no allow-list file; set it to a file"
          + " of SHA-256 digests (sha256sum output)");
    }
    Set<String> allowed = new HashSet<>();
    try {
      for (String line : Files.readAllLines(list)) {
        String t = line.strip();
        if (!t.isEmpty() && !t.startsWith("#")) {
          allowed.add(t.split("\\s+")[0].toLowerCase(Locale.ROOT));
        }
      }
    } catch (IOException e) {
      throw PluginLoadException.refused("Jar '" + name + "' refused: the checksum allow-list "
          + list.toAbsolutePath() + " cannot be read (" + e.getMessage() + ")");
    }
    if (!allowed.contains(sha256)) {
      throw PluginLoadException.refused("Jar '" + name + "' refused: its SHA-256 " + sha256
          + " is not in the allow-list " + list.toAbsolutePath()
          + "; add the digest to the list if you trust this jar");
    }
  }

  private void verifySignature(Path jar, String name) throws PluginLoadException {
    Set<X509Certificate> trusted = trustedCertificates(name);
    List<String> unsigned = new ArrayList<>();
    boolean anyEntry = false;
    try (JarFile file = new JarFile(jar.toFile(), true)) {
      byte[] buffer = new byte[16 * 1024];
      Enumeration<JarEntry> entries = file.entries();
      while (entries.hasMoreElements()) {
        JarEntry entry = entries.nextElement();
        String entryName = entry.getName();
        if (entry.isDirectory() || isSignatureFile(entryName)) {
          continue;
        }
        anyEntry = true;
        // An entry's certificates are known only after it has been read to the end; reading also
        // checks its digest (a SecurityException for a tampered entry).
        try (InputStream in = file.getInputStream(entry)) {
          while (in.read(buffer) >= 0) {
            // read fully
          }
        }
        Certificate[] certs = entry.getCertificates();
        if (certs == null || !signedByTrusted(certs, trusted)) {
          unsigned.add(entryName);
        }
      }
    } catch (SecurityException e) {
      throw PluginLoadException.refused("Jar '" + name + "' refused: its signature does not"
          + " match its content (" + e.getMessage() + "); the jar was changed after signing");
    } catch (IOException e) {
      throw PluginLoadException.refused("Jar '" + name + "' refused: it cannot be read as a jar ("
          + e.getMessage() + ")");
    }
    if (!anyEntry) {
      throw PluginLoadException.refused("Jar '" + name + "' refused: it has no entries to verify");
    }
    if (!unsigned.isEmpty()) {
      throw PluginLoadException.refused("Jar '" + name + "' refused: " + unsigned.size()
          + " entries are not signed by a certificate of the trust store "
          + properties.trustStore().toAbsolutePath() + " (first: " + unsigned.get(0)
          + "); sign the jar with jarsigner and a trusted key, or add the signer's certificate");
    }
  }

  private Set<X509Certificate> trustedCertificates(String name) throws PluginLoadException {
    Path store = properties.trustStore();
    if (store == null) {
      throw PluginLoadException.refused("Jar '" + name + "' refused: plugboard.plugins.verify="
          + "signature but plugboard.plugins.trust-store names no key store");
    }
    String password = properties.trustStorePassword();
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore keyStore = KeyStore.getInstance(
          store.toString().endsWith(".jks") ? "JKS" : "PKCS12");
      keyStore.load(in, password == null ? null : password.toCharArray());
      Set<X509Certificate> certs = new HashSet<>();
      for (Enumeration<String> aliases = keyStore.aliases(); aliases.hasMoreElements(); ) {
        Certificate cert = keyStore.getCertificate(aliases.nextElement());
        if (cert instanceof X509Certificate x509) {
          certs.add(x509);
        }
      }
      return certs;
    } catch (IOException | GeneralSecurityException e) {
      throw PluginLoadException.refused("Jar '" + name + "' refused: the trust store "
          + store.toAbsolutePath() + " cannot be read (" + e.getMessage()
          + "); check plugboard.plugins.trust-store and trust-store-password");
    }
  }

  private static boolean signedByTrusted(Certificate[] chain, Set<X509Certificate> trusted) {
    for (Certificate cert : chain) {
      if (trusted.contains(cert)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSignatureFile(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    return upper.equals("META-INF/MANIFEST.MF")
        || upper.startsWith("META-INF/") && upper.indexOf('/', 9) < 0
        && (upper.endsWith(".SF") || upper.endsWith(".RSA") || upper.endsWith(".DSA")
            || upper.endsWith(".EC") || upper.startsWith("META-INF/SIG-"));
  }
}
