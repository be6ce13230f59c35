package dev.plugboard.legacy.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.RetryableException;
import dev.plugboard.sdk.testkit.ConnectorTestKit;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour shared by SFTP and FTP, each against an in-process server serving {@link #serverRoot}. */
abstract class FileTransferContract {

  @TempDir Path serverRoot;
  final FileTransferConnector connector = new FileTransferConnector();

  /** A kit with the server, user and credentials set; root folder {@code /data}. */
  abstract ConnectorTestKit kit();

  abstract String protocol();

  @AfterEach
  void closeConnector() {
    connector.close();
  }

  Path data() throws Exception {
    return Files.createDirectories(serverRoot.resolve("data"));
  }

  @Test
  void uploadWritesTheFileAndLeavesNoTemporaryFile() throws Exception {
    data();
    FileTransferResult r = (FileTransferResult) kit().variable("operation", "UPLOAD")
        .variable("path", "outbox/2026/invoice.csv").variable("content", "id;total\n1;10.50\n")
        .execute();
    assertThat(r.path()).isEqualTo("/outbox/2026/invoice.csv");
    assertThat(r.size()).isEqualTo(17L);
    Path written = serverRoot.resolve("data/outbox/2026/invoice.csv");
    assertThat(Files.readString(written)).isEqualTo("id;total\n1;10.50\n");
    try (Stream<Path> files = Files.list(written.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("invoice.csv");
    }
  }

  @Test
  void uploadRefusesToOverwriteUnlessAsked() throws Exception {
    Files.writeString(data().resolve("a.txt"), "old");
    assertThatThrownBy(() -> kit().variable("operation", "UPLOAD").variable("path", "a.txt")
        .variable("content", "new").execute())
        .isInstanceOf(ConnectorException.class)
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("FILE_EXISTS"));
    kit().variable("operation", "UPLOAD").variable("path", "a.txt").variable("content", "new")
        .variable("overwrite", true).execute();
    assertThat(Files.readString(data().resolve("a.txt"))).isEqualTo("new");
    try (Stream<Path> files = Files.list(data())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("a.txt");
    }
  }

  @Test
  void downloadReadsTextAndBinary() throws Exception {
    Files.write(data().resolve("bin.dat"), new byte[] {0, 1, 2, (byte) 255});
    Files.writeString(data().resolve("t.txt"), "grüße", StandardCharsets.UTF_8);
    FileTransferResult text = (FileTransferResult) kit().variable("operation", "DOWNLOAD")
        .variable("path", "/t.txt").execute();
    assertThat(text.content()).isEqualTo("grüße");
    FileTransferResult bin = (FileTransferResult) kit().variable("operation", "DOWNLOAD")
        .variable("path", "bin.dat").variable("encoding", "BASE64").execute();
    assertThat(Base64.getDecoder().decode(bin.content())).containsExactly(0, 1, 2, 255);
  }

  @Test
  void downloadOfAMissingFileIsFileNotFound() throws Exception {
    data();
    assertThatThrownBy(() -> kit().variable("operation", "DOWNLOAD").variable("path", "nope.txt").execute())
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("/data/nope.txt")
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("FILE_NOT_FOUND"));
  }

  @Test
  void downloadRefusesFilesLargerThanMaxBytes() throws Exception {
    Files.write(data().resolve("big.bin"), new byte[2048]);
    assertThatThrownBy(() -> kit().variable("operation", "DOWNLOAD").variable("path", "big.bin")
        .variable("maxBytes", 1024).execute())
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("FILE_TOO_LARGE"));
  }

  @Test
  void listMoveRenameDelete() throws Exception {
    Files.writeString(data().resolve("in.txt"), "x");
    Files.createDirectories(data().resolve("sub"));
    FileTransferResult list = (FileTransferResult) kit().variable("operation", "LIST").variable("path", "/").execute();
    assertThat(list.files()).extracting(RemoteFile::path).containsExactlyInAnyOrder("/in.txt", "/sub");
    assertThat(list.files()).filteredOn(RemoteFile::directory).extracting(RemoteFile::name).containsExactly("sub");

    FileTransferResult moved = (FileTransferResult) kit().variable("operation", "MOVE").variable("path", "in.txt")
        .variable("targetPath", "archive/2026/in.txt").execute();
    assertThat(moved.targetPath()).isEqualTo("/archive/2026/in.txt");
    assertThat(data().resolve("archive/2026/in.txt")).exists();
    assertThat(data().resolve("in.txt")).doesNotExist();

    kit().variable("operation", "RENAME").variable("path", "archive/2026/in.txt")
        .variable("targetPath", "done.txt").execute();
    assertThat(data().resolve("archive/2026/done.txt")).exists();

    kit().variable("operation", "DELETE").variable("path", "archive/2026/done.txt").execute();
    assertThat(data().resolve("archive/2026/done.txt")).doesNotExist();
  }

  @Test
  void aPathThatEscapesTheRootIsRefusedBeforeConnecting() throws Exception {
    Files.writeString(serverRoot.resolve("secret.txt"), "outside");
    // A port nobody listens on: the refusal must come before any connection attempt.
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    int port = closed;
    assertThatThrownBy(() -> kit().variable("port", port).variable("operation", "DOWNLOAD")
        .variable("path", "in/../../secret.txt").execute())
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("outside the root folder /data")
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("PATH_OUTSIDE_ROOT"));
    assertThatThrownBy(() -> kit().variable("operation", "MOVE").variable("path", "a.txt")
        .variable("targetPath", "../a.txt").execute())
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("PATH_OUTSIDE_ROOT"));
  }

  @Test
  void wrongPasswordIsAuthFailedWithoutThePassword() throws Exception {
    data();
    assertThatThrownBy(() -> kit().secret("WRONG", "wrong-password-77").variable("password", "{{secrets.WRONG}}")
        .variable("privateKey", null)
        .variable("operation", "LIST").variable("path", "/").execute())
        .isInstanceOf(ConnectorException.class)
        .hasMessageNotContaining("wrong-password-77")
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("AUTH_FAILED"));
  }

  @Test
  void aServerThatIsDownIsARetryableConnectionFailure() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    int port = closed;
    assertThatThrownBy(() -> kit().variable("port", port).variable("operation", "LIST")
        .variable("path", "/").variable("timeoutSeconds", 5).execute())
        .isInstanceOf(RetryableException.class)
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("CONNECTION_FAILED"));
  }
}
