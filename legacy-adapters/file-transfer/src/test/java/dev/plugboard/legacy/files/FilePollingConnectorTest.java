package dev.plugboard.legacy.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.CorrelationResult;
import dev.plugboard.sdk.host.InputBinder;
import dev.plugboard.sdk.testkit.InboundTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePollingConnectorTest {

  @TempDir Path serverRoot;
  @TempDir Path keys;
  SshServer sshd;
  String fingerprint;
  final FilePollingConnector poller = new FilePollingConnector();
  /** The runtime's side of an activation: records events, answers as the test says (default: started). */
  final InboundTestContext ctx = InboundTestContext.create()
      .answer(e -> new CorrelationResult.ProcessStarted("pi-1"));

  @BeforeEach
  void start() throws Exception {
    sshd = SshServer.setUpDefaultServer();
    sshd.setHost("127.0.0.1");
    sshd.setPort(0);
    sshd.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(keys.resolve("host.ser")));
    sshd.setPasswordAuthenticator((u, p, s) -> "alice".equals(u) && "s3cret".equals(p));
    sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
    sshd.setFileSystemFactory(new VirtualFileSystemFactory(serverRoot));
    sshd.start();
    fingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256,
        sshd.getKeyPairProvider().loadKeys(null).iterator().next().getPublic());
    Files.createDirectories(serverRoot.resolve("edi/inbox"));
  }

  @AfterEach
  void stop() throws Exception {
    poller.deactivate();
    ctx.close();
    sshd.stop(true);
  }

  FilePollingProperties properties(Map<String, Object> extra) {
    Map<String, Object> p = new java.util.HashMap<>(Map.of("protocol", "SFTP", "host", "127.0.0.1",
        "port", sshd.getPort(), "rootDirectory", "/edi", "username", "alice", "password", "s3cret",
        "hostKeyFingerprints", fingerprint, "knownHostsFile", keys.resolve("none").toString(),
        "folder", "inbox", "pattern", "*.csv"));
    p.putAll(extra);
    return (FilePollingProperties) new InputBinder("plugboard:file-poller:1", FilePollingProperties.class, null).bind(p);
  }

  @Test
  void correlatedFilesAreArchivedAndOthersLeftAlone() throws Exception {
    Files.writeString(serverRoot.resolve("edi/inbox/a.csv"), "1;2");
    Files.writeString(serverRoot.resolve("edi/inbox/b.txt"), "not matching");
    Files.writeString(serverRoot.resolve("edi/inbox/.c.csv.1234.part"), "being uploaded");
    poller.activate(properties(Map.of("archiveFolder", "archive")), ctx);
    poller.poll(ctx);
    assertThat(ctx.calls()).hasSize(1);
    assertThat(ctx.calls().get(0)).containsEntry("fileName", "a.csv").containsEntry("path", "/edi/inbox/a.csv")
        .containsEntry("content", "1;2");
    assertThat(serverRoot.resolve("edi/archive/a.csv")).exists();
    assertThat(serverRoot.resolve("edi/inbox/a.csv")).doesNotExist();
    assertThat(serverRoot.resolve("edi/inbox/b.txt")).exists();
    assertThat(ctx.lastHealth().up()).isTrue();
  }

  @Test
  void aFileIsKeptWhenTheEngineCannotTakeItYetAndMovedAsideWhenRefused() throws Exception {
    Files.writeString(serverRoot.resolve("edi/inbox/a.csv"), "x");
    ctx.answer(e -> new CorrelationResult.NotCorrelated("engine down", true));
    poller.activate(properties(Map.of("errorFolder", "failed")), ctx);
    poller.poll(ctx);
    assertThat(serverRoot.resolve("edi/inbox/a.csv")).exists();
    // No instance waits for its key yet: it stays too, for the next poll.
    ctx.answer(e -> new CorrelationResult.NotCorrelated("no instance waits for key o-1", false));
    poller.poll(ctx);
    assertThat(serverRoot.resolve("edi/inbox/a.csv")).exists();

    ctx.answer(e -> new CorrelationResult.InvalidInput("no correlation key"));
    poller.poll(ctx);
    assertThat(ctx.calls()).hasSize(3);
    assertThat(serverRoot.resolve("edi/inbox/a.csv")).doesNotExist();
    assertThat(serverRoot.resolve("edi/failed/a.csv")).exists();
    assertThat(serverRoot.resolve("edi/failed/a.csv.reason.txt")).content()
        .contains("inbox/a.csv").contains("no correlation key");
  }

  @Test
  void wrongCredentialsOrAnUnknownHostKeyFailThePollReportHealthAndLeaveTheFiles() throws Exception {
    Files.writeString(serverRoot.resolve("edi/inbox/a.csv"), "1;2");
    poller.activate(properties(Map.of("password", "wrong-pw-5")), ctx);
    assertThatThrownBy(() -> poller.poll(ctx))
        .isInstanceOf(ConnectorException.class)
        .hasMessageNotContaining("wrong-pw-5")
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("AUTH_FAILED"));
    assertThat(ctx.lastHealth().up()).isFalse();
    poller.deactivate();

    Map<String, Object> unknownKey = new java.util.HashMap<>();
    unknownKey.put("hostKeyFingerprints", "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    poller.activate(properties(unknownKey), ctx);
    int reports = ctx.healthReports().size();
    assertThatThrownBy(() -> poller.poll(ctx))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining(fingerprint)
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("SFTP_HOST_KEY_UNKNOWN"));
    assertThat(ctx.healthReports()).hasSizeGreaterThan(reports);
    assertThat(ctx.lastHealth().up()).isFalse();
    assertThat(ctx.lastHealth().detail()).startsWith("SFTP_HOST_KEY_UNKNOWN");
    assertThat(ctx.calls()).isEmpty();
    assertThat(serverRoot.resolve("edi/inbox/a.csv")).exists();
  }
}
