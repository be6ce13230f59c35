package dev.plugboard.legacy.files;

import dev.plugboard.sdk.testkit.ConnectorTestKit;
import java.util.List;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.impl.DefaultFtpServer;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.apache.ftpserver.ftplet.UserManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class FtpFileTransferTest extends FileTransferContract {

  FtpServer server;
  int port;

  @BeforeEach
  void startServer() throws Exception {
    FtpServerFactory factory = new FtpServerFactory();
    ListenerFactory listener = new ListenerFactory();
    listener.setServerAddress("127.0.0.1");
    listener.setPort(0);
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

  @AfterEach
  void stopServer() {
    server.stop();
  }

  @Override
  String protocol() {
    return "FTP";
  }

  @Override
  ConnectorTestKit kit() {
    return ConnectorTestKit.of(connector)
        .secret("FTP_PASSWORD", "pw-123")
        .variable("protocol", "FTP")
        .variable("host", "127.0.0.1")
        .variable("port", port)
        .variable("username", "bob")
        .variable("password", "{{secrets.FTP_PASSWORD}}")
        .variable("rootDirectory", "/data");
  }
}
