package dev.plugboard.it.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.it.RuntimeProcess;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.impl.DefaultFtpServer;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SFTP/FTP folder poller ({@code plugboard:file-poller:1}, the real {@code legacy-file-transfer}
 * jar from dist/plugins) through the runtime's inbound framework on the built runtime: deployed
 * BPMN whose message start and catch events carry the template's properties, files put into
 * folders of an in-process SFTP server (Apache MINA SSHD, host key checked by fingerprint) and an
 * in-process FTP server (Apache FtpServer).
 */
class LegacyFilePollerInboundTest {

  static final Duration WAIT = Duration.ofSeconds(90);
  @TempDir static Path sftpRoot;
  @TempDir static Path ftpRoot;
  static SshServer sshd;
  static FtpServer ftp;
  static RuntimeProcess runtime;

  @BeforeAll
  static void start() throws Exception {
    Path plugin = LegacyInbound.plugin("legacy-file-transfer");
    sshd = SshServer.setUpDefaultServer();
    sshd.setHost("127.0.0.1");
    sshd.setPort(0);
    sshd.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(Files.createTempDirectory("it-sshd").resolve("host.ser")));
    sshd.setPasswordAuthenticator((user, password, session) -> "alice".equals(user) && "sftp-pw".equals(password));
    sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
    sshd.setFileSystemFactory(new VirtualFileSystemFactory(sftpRoot));
    sshd.start();
    String fingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256,
        sshd.getKeyPairProvider().loadKeys(null).iterator().next().getPublic());

    FtpServerFactory factory = new FtpServerFactory();
    ListenerFactory listener = new ListenerFactory();
    listener.setServerAddress("127.0.0.1");
    listener.setPort(0);
    factory.addListener("default", listener.createListener());
    UserManager users = new PropertiesUserManagerFactory().createUserManager();
    BaseUser bob = new BaseUser();
    bob.setName("bob");
    bob.setPassword("ftp-pw");
    bob.setHomeDirectory(ftpRoot.toString());
    bob.setAuthorities(List.of(new WritePermission()));
    users.save(bob);
    factory.setUserManager(users);
    ftp = factory.createServer();
    ftp.start();
    int ftpPort = ((DefaultFtpServer) ftp).getListener("default").getPort();

    for (Path dir : List.of(sftpRoot.resolve("orders/in"), ftpRoot.resolve("orders"), ftpRoot.resolve("acks"))) {
      Files.createDirectories(dir);
    }
    runtime = RuntimeProcess.builder("legacy-file-poller")
        .withPlugin(plugin)
        .withProcess(sftpOrders(sshd.getPort(), fingerprint))
        .withProcess(ftpOrders(ftpPort))
        .env("PLUGBOARD_SECRET_IT_SFTP_PASSWORD", "sftp-pw")
        .env("PLUGBOARD_SECRET_IT_FTP_PASSWORD", "ftp-pw")
        .property("plugboard.inbound.scan-interval", "PT0.5S")
        .start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (runtime != null) {
      runtime.close();
    }
    if (sshd != null) {
      sshd.stop(true);
    }
    if (ftp != null) {
      ftp.stop();
    }
  }

  static Map<String, Object> sftp(int port, String fingerprint) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("inbound.type", "plugboard:file-poller:1");
    p.put("protocol", "SFTP");
    p.put("host", "127.0.0.1");
    p.put("port", port);
    p.put("username", "alice");
    p.put("password", "{{secrets.IT_SFTP_PASSWORD}}");
    p.put("hostKeyFingerprints", fingerprint);
    p.put("intervalSeconds", 1);
    return p;
  }

  static Map<String, Object> ftp(int port) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("inbound.type", "plugboard:file-poller:1");
    p.put("protocol", "FTP");
    p.put("host", "127.0.0.1");
    p.put("port", port);
    p.put("username", "bob");
    p.put("password", "{{secrets.IT_FTP_PASSWORD}}");
    p.put("intervalSeconds", 1);
    return p;
  }

  /** SFTP: each order file starts an instance; a file that is not an order goes to the error folder. */
  static Path sftpOrders(int port, String fingerprint) {
    Map<String, Object> start = sftp(port, fingerprint);
    start.put("folder", "orders/in");
    start.put("pattern", "*.csv");
    start.put("archiveFolder", "orders/done");
    start.put("errorFolder", "orders/error");
    start.put("inbound.activationCondition", "=starts with(content, \"order;\")");
    start.put("inbound.messageIdExpression", "=path + \"@\" + string(size)");
    start.put("inbound.resultExpression", "={fileName: fileName, orderCsv: content, fileSize: size}");
    return LegacyInbound.process("legacy-sftp-orders", "OrderFile", start, null, null);
  }

  /** FTP: an order file starts an instance, which then waits for its acknowledgement file. */
  static Path ftpOrders(int port) {
    Map<String, Object> start = ftp(port);
    start.put("folder", "orders");
    start.put("pattern", "order-*.csv");
    start.put("archiveFolder", "orders/done");
    start.put("inbound.messageIdExpression", "=path + \"@\" + string(size)");
    start.put("inbound.resultExpression",
        "={orderId: substring before(substring after(fileName, \"order-\"), \".csv\"), orderCsv: content}");
    Map<String, Object> ack = ftp(port);
    ack.put("folder", "acks");
    ack.put("pattern", "ack-*.txt");
    ack.put("archiveFolder", "acks/done");
    ack.put("inbound.correlationKeyExpression", "=substring before(substring after(fileName, \"ack-\"), \".txt\")");
    ack.put("inbound.correlationVariable", "orderId");
    ack.put("inbound.messageIdExpression", "=path + \"@\" + string(size)");
    ack.put("inbound.resultExpression", "={ackText: content}");
    return LegacyInbound.process("legacy-ftp-orders", "OrderFile", start, "Ack", ack);
  }

  @Test
  void sftpFilesStartOneInstanceEachAndAreArchivedOnlyAfterwardsWhileARefusedFileGoesToTheErrorFolder()
      throws Exception {
    Files.writeString(sftpRoot.resolve("orders/in/a.csv"), "order;A-1;3\n");
    Files.writeString(sftpRoot.resolve("orders/in/notes.txt"), "not matched by *.csv");
    await().atMost(WAIT).until(() -> Files.exists(sftpRoot.resolve("orders/done/a.csv")));
    List<JsonNode> started = LegacyInbound.instances(runtime, "legacy-sftp-orders");
    assertThat(started).hasSize(1);
    String pi = started.get(0).path("id").asText();
    assertThat(LegacyInbound.variable(runtime, pi, "fileName").asText()).isEqualTo("a.csv");
    assertThat(LegacyInbound.variable(runtime, pi, "orderCsv").asText()).isEqualTo("order;A-1;3\n");
    assertThat(LegacyInbound.variable(runtime, pi, "fileSize").asLong()).isEqualTo(12);
    assertThat(sftpRoot.resolve("orders/in/a.csv")).doesNotExist();

    // Not an order (the activation condition is false): refused for good, moved aside with the reason.
    Files.writeString(sftpRoot.resolve("orders/in/junk.csv"), "hello");
    await().atMost(WAIT).until(() -> Files.exists(sftpRoot.resolve("orders/error/junk.csv.reason.txt")));
    assertThat(sftpRoot.resolve("orders/error/junk.csv")).hasContent("hello");
    assertThat(sftpRoot.resolve("orders/error/junk.csv.reason.txt")).content()
        .contains("orders/in/junk.csv").contains("ActivationConditionNotMet");

    // A second order after those polls: still exactly one instance per file, the .txt untouched.
    Files.writeString(sftpRoot.resolve("orders/in/b.csv"), "order;B-2;1\n");
    await().atMost(WAIT).until(() -> Files.exists(sftpRoot.resolve("orders/done/b.csv")));
    assertThat(LegacyInbound.values(runtime, "legacy-sftp-orders", "fileName"))
        .containsExactlyInAnyOrder("a.csv", "b.csv");
    assertThat(sftpRoot.resolve("orders/in/notes.txt")).exists();
  }

  @Test
  void ftpOrderFilesStartInstancesAndAnAcknowledgementWaitsInTheFolderUntilItsInstanceWaits()
      throws Exception {
    // An acknowledgement for an order nobody has started yet: not correlated, so it stays.
    Files.writeString(ftpRoot.resolve("acks/ack-o-2.txt"), "accepted o-2");
    await().atMost(WAIT).until(() -> runtime.log().contains("event=file_not_correlated")
        && runtime.log().contains("ack-o-2.txt"));
    assertThat(ftpRoot.resolve("acks/ack-o-2.txt")).exists();

    Files.writeString(ftpRoot.resolve("orders/order-o-1.csv"), "sku;qty\nA;1\n");
    await().atMost(WAIT).until(() -> Files.exists(ftpRoot.resolve("orders/done/order-o-1.csv")));
    String o1 = only(LegacyInbound.instances(runtime, "legacy-ftp-orders"));
    assertThat(LegacyInbound.variable(runtime, o1, "orderId").asText()).isEqualTo("o-1");
    assertThat(LegacyInbound.variable(runtime, o1, "orderCsv").asText()).isEqualTo("sku;qty\nA;1\n");

    Files.writeString(ftpRoot.resolve("acks/ack-o-1.txt"), "accepted o-1");
    await().atMost(WAIT).until(() -> LegacyInbound.completed(runtime, o1, "Ack"));
    assertThat(LegacyInbound.variable(runtime, o1, "ackText").asText()).isEqualTo("accepted o-1");
    await().atMost(WAIT).until(() -> Files.exists(ftpRoot.resolve("acks/done/ack-o-1.txt")));
    assertThat(ftpRoot.resolve("acks/ack-o-2.txt")).as("still nobody waits for o-2").exists();

    // Once order o-2 is running, the waiting acknowledgement file is taken on the next poll.
    Files.writeString(ftpRoot.resolve("orders/order-o-2.csv"), "sku;qty\nB;2\n");
    await().atMost(WAIT).until(() -> Files.exists(ftpRoot.resolve("acks/done/ack-o-2.txt")));
    assertThat(ftpRoot.resolve("acks/ack-o-2.txt")).doesNotExist();
    assertThat(LegacyInbound.values(runtime, "legacy-ftp-orders", "orderId"))
        .containsExactlyInAnyOrder("o-1", "o-2");
    assertThat(LegacyInbound.values(runtime, "legacy-ftp-orders", "ackText"))
        .containsExactlyInAnyOrder("accepted o-1", "accepted o-2");
    HttpResponse<String> metrics = runtime.get("/actuator/prometheus");
    assertThat(metrics.body()).doesNotContain("ftp-pw").doesNotContain("sftp-pw");
    assertThat(runtime.log()).doesNotContain("ftp-pw").doesNotContain("sftp-pw");
  }

  private static String only(List<JsonNode> instances) {
    assertThat(instances).hasSize(1);
    return instances.get(0).path("id").asText();
  }

}
