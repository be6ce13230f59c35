package dev.plugboard.legacy.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.testkit.ConnectorTestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftpFileTransferTest extends FileTransferContract {

  @TempDir Path keys;
  SshServer sshd;
  PublicKey hostKey;
  String fingerprint;
  KeyPair clientKey;

  @BeforeEach
  void startServer() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    clientKey = gen.generateKeyPair();
    sshd = SshServer.setUpDefaultServer();
    sshd.setHost("127.0.0.1");
    sshd.setPort(0);
    sshd.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(keys.resolve("host.ser")));
    sshd.setPasswordAuthenticator((user, password, session) -> "alice".equals(user) && "s3cret".equals(password));
    sshd.setPublickeyAuthenticator((user, key, session) -> "alice".equals(user)
        && KeyUtils.compareKeys(key, clientKey.getPublic()));
    sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
    sshd.setFileSystemFactory(new VirtualFileSystemFactory(serverRoot));
    sshd.start();
    hostKey = sshd.getKeyPairProvider().loadKeys(null).iterator().next().getPublic();
    fingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256, hostKey);
  }

  @AfterEach
  void stopServer() throws Exception {
    sshd.stop(true);
  }

  @Override
  String protocol() {
    return "SFTP";
  }

  @Override
  ConnectorTestKit kit() {
    return ConnectorTestKit.of(connector)
        .secret("SFTP_PASSWORD", "s3cret")
        .variable("protocol", "SFTP")
        .variable("host", "127.0.0.1")
        .variable("port", sshd.getPort())
        .variable("username", "alice")
        .variable("password", "{{secrets.SFTP_PASSWORD}}")
        .variable("hostKeyFingerprints", fingerprint)
        .variable("knownHostsFile", keys.resolve("no_known_hosts").toString())
        .variable("rootDirectory", "/data");
  }

  @Test
  void anUnknownHostKeyIsRefusedWithTheFingerprintToAdd() throws Exception {
    data();
    assertThatThrownBy(() -> kit().variable("hostKeyFingerprints", null)
        .variable("operation", "LIST").variable("path", "/").execute())
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining(fingerprint)
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("SFTP_HOST_KEY_UNKNOWN"));
  }

  @Test
  void aKnownHostsEntryIsTrustedAndAChangedKeyIsRefused() throws Exception {
    data();
    Path knownHosts = keys.resolve("known_hosts");
    Files.writeString(knownHosts, "[127.0.0.1]:" + sshd.getPort() + " " + PublicKeyEntry.toString(hostKey) + "\n");
    FileTransferResult r = (FileTransferResult) kit().variable("hostKeyFingerprints", null)
        .variable("knownHostsFile", knownHosts.toString())
        .variable("operation", "LIST").variable("path", "/").execute();
    assertThat(r.files()).isEmpty();

    KeyPairGenerator otherGen = KeyPairGenerator.getInstance(hostKey.getAlgorithm());
    if (hostKey instanceof java.security.interfaces.ECPublicKey ec) {
      otherGen.initialize(ec.getParams());
    } else {
      otherGen.initialize(2048);
    }
    KeyPair other = otherGen.generateKeyPair();
    Files.writeString(knownHosts, "[127.0.0.1]:" + sshd.getPort() + " " + PublicKeyEntry.toString(other.getPublic()) + "\n");
    assertThatThrownBy(() -> kit().variable("hostKeyFingerprints", null)
        .variable("knownHostsFile", knownHosts.toString())
        .variable("operation", "LIST").variable("path", "/").execute())
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("SFTP_HOST_KEY_CHANGED"));
  }

  @Test
  void logsInWithAPrivateKey() throws Exception {
    Files.writeString(data().resolve("k.txt"), "by key");
    String pem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(clientKey.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
    FileTransferResult r = (FileTransferResult) kit().secret("SFTP_KEY", pem)
        .variable("password", null).variable("privateKey", "{{secrets.SFTP_KEY}}")
        .variable("operation", "DOWNLOAD").variable("path", "k.txt").execute();
    assertThat(r.content()).isEqualTo("by key");
  }
}
