package dev.plugboard.legacy.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.testkit.ConnectorTestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.impl.DefaultFtpServer;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.ssl.SslConfigurationFactory;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FTPS (explicit TLS, PROT P) against an in-process Apache FtpServer with a self-signed certificate. */
class FtpsFileTransferTest extends FileTransferContract {

  @TempDir static Path tls;
  static Path keystore;
  static String certificate;
  FtpServer server;
  int port;

  /** One self-signed certificate for the class: keytool is slow on a busy machine. */
  @BeforeAll
  static void makeCertificate() throws Exception {
    keystore = tls.resolve("server.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    run(keytool, "-genkeypair", "-alias", "ftps", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit");
    Path pem = tls.resolve("server.pem");
    run(keytool, "-exportcert", "-rfc", "-alias", "ftps", "-keystore", keystore.toString(),
        "-storepass", "changeit", "-file", pem.toString());
    certificate = Files.readString(pem);
  }

  @BeforeEach
  void startServer() throws Exception {
    SslConfigurationFactory ssl = new SslConfigurationFactory();
    ssl.setKeystoreFile(keystore.toFile());
    ssl.setKeystoreType("PKCS12");
    ssl.setKeystorePassword("changeit");
    ssl.setKeyPassword("changeit");
    FtpServerFactory factory = new FtpServerFactory();
    ListenerFactory listener = new ListenerFactory();
    listener.setServerAddress("127.0.0.1");
    listener.setPort(0);
    listener.setSslConfiguration(ssl.createSslConfiguration());
    listener.setImplicitSsl(false);
    factory.addListener("default", listener.createListener());
    UserManager users = new PropertiesUserManagerFactory().createUserManager();
    BaseUser bob = new BaseUser();
    bob.setName("bob");
    bob.setPassword("pw-123");
    bob.setHomeDirectory(serverRoot.toString());
    bob.setAuthorities(List.of(new WritePermission()));
    users.save(bob);
    factory.setUserManager(users);
    server = factory.createServer();
    server.start();
    port = ((DefaultFtpServer) server).getListener("default").getPort();
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException("keytool failed: " + out);
    }
  }

  @AfterEach
  void stopServer() {
    server.stop();
  }

  @Override
  String protocol() {
    return "FTPS";
  }

  @Override
  ConnectorTestKit kit() {
    return ConnectorTestKit.of(connector)
        .secret("FTP_PASSWORD", "pw-123")
        .variable("protocol", "FTPS")
        .variable("host", "127.0.0.1")
        .variable("port", port)
        .variable("username", "bob")
        .variable("password", "{{secrets.FTP_PASSWORD}}")
        .variable("tlsCertificate", certificate)
        .variable("rootDirectory", "/data");
  }

  @Test
  void anUntrustedCertificateIsATlsFailure() throws Exception {
    data();
    assertThatThrownBy(() -> kit().variable("tlsCertificate", null)
        .variable("operation", "LIST").variable("path", "/").execute())
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("tlsCertificate")
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("TLS_FAILED"));
  }
}
