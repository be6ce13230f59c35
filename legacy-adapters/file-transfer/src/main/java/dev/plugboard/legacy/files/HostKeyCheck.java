package dev.plugboard.legacy.files;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether to trust an SFTP server's host key for one connection, and remembers why not
 * so that the connector can say which fingerprint to add.
 *
 * <p>A key is trusted when its SHA-256 fingerprint is one of the configured fingerprints, or when
 * a known_hosts entry for the host and port holds it. A known_hosts entry for the host with a
 * different key means the key changed (possibly a man in the middle).
 */
final class HostKeyCheck {

  /** Session attribute through which the client-wide verifier finds this connection's check. */
  static final AttributeRepository.AttributeKey<HostKeyCheck> ATTRIBUTE = new AttributeRepository.AttributeKey<>();

  /** The verifier installed on the shared SSH client. */
  static final ServerKeyVerifier VERIFIER = (ClientSession session, SocketAddress remote, PublicKey key) -> {
    // The check travels in the connection context given to connect(...).
    AttributeRepository context = session.getConnectionContext();
    HostKeyCheck check = context == null ? null : context.getAttribute(ATTRIBUTE);
    return check != null && check.accept(key);
  };

  private static final Logger LOG = LoggerFactory.getLogger(HostKeyCheck.class);

  enum Verdict { TRUSTED, UNKNOWN, CHANGED }

  private final String host;
  private final int port;
  private final List<String> fingerprints;
  private final Path knownHosts;
  private final boolean strict;
  private volatile Verdict verdict;
  private volatile String presentedFingerprint;
  private volatile String presentedKeyType;

  HostKeyCheck(String host, int port, String fingerprints, String knownHostsFile, boolean strict) {
    this.host = host;
    this.port = port;
    this.fingerprints = fingerprints == null ? List.of()
        : Arrays.stream(fingerprints.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    this.knownHosts = knownHostsFile == null || knownHostsFile.isBlank()
        ? KnownHostEntry.getDefaultKnownHostsFile() : Path.of(knownHostsFile);
    this.strict = strict;
  }

  boolean accept(PublicKey key) {
    presentedFingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    presentedKeyType = KeyUtils.getKeyType(key);
    verdict = decide(key);
    if (verdict != Verdict.TRUSTED && !strict) {
      LOG.warn("event=sftp_host_key_not_checked host={} port={} fingerprint={} reason={}",
          host, port, presentedFingerprint, verdict);
      return true;
    }
    return verdict == Verdict.TRUSTED;
  }

  private Verdict decide(PublicKey key) {
    for (String f : fingerprints) {
      String expected = f.contains(":") ? f : "SHA256:" + f;
      // Base64 fingerprints may be written with or without '=' padding.
      if (expected.replace("=", "").equals(presentedFingerprint.replace("=", ""))) {
        return Verdict.TRUSTED;
      }
    }
    boolean hostListed = false;
    if (Files.isRegularFile(knownHosts)) {
      try {
        for (KnownHostEntry entry : KnownHostEntry.readKnownHostEntries(knownHosts)) {
          if (!entry.isHostMatch(host, port) || entry.getKeyEntry() == null) {
            continue;
          }
          PublicKey known = entry.getKeyEntry().resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.IGNORING);
          if (known == null || !KeyUtils.getKeyType(known).equals(KeyUtils.getKeyType(key))) {
            continue;
          }
          hostListed = true;
          if (KeyUtils.compareKeys(known, key)) {
            return "@revoked".equals(entry.getMarker()) ? Verdict.CHANGED : Verdict.TRUSTED;
          }
        }
      } catch (IOException | java.security.GeneralSecurityException e) {
        LOG.warn("event=known_hosts_unreadable file={} reason={}", knownHosts, e.toString());
      }
    }
    return hostListed ? Verdict.CHANGED : Verdict.UNKNOWN;
  }

  Verdict verdict() {
    return verdict;
  }

  String presentedFingerprint() {
    return presentedFingerprint;
  }

  String presentedKeyType() {
    return presentedKeyType;
  }

  Path knownHosts() {
    return knownHosts;
  }
}
