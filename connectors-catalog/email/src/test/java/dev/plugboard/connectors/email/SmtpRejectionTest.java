package dev.plugboard.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.RetryableException;
import dev.plugboard.sdk.testkit.ConnectorTestKit;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SMTP servers that refuse a recipient: GreenMail accepts everything, so a minimal SMTP
 * conversation partner answers RCPT TO with a chosen reply.
 */
class SmtpRejectionTest {

  private ServerSocket server;
  private Thread thread;

  /** Starts a one-connection SMTP server that answers RCPT TO with {@code rcptReply}. */
  private int smtpServer(String rcptReply) throws Exception {
    server = new ServerSocket(0);
    thread = new Thread(() -> {
      try (Socket s = server.accept();
           BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
               StandardCharsets.US_ASCII));
           PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.US_ASCII)) {
        out.print("220 fake ESMTP\r\n");
        out.flush();
        String line;
        while ((line = in.readLine()) != null) {
          String cmd = line.toUpperCase();
          if (cmd.startsWith("EHLO") || cmd.startsWith("HELO")) {
            out.print("250 fake\r\n");
          } else if (cmd.startsWith("MAIL FROM")) {
            out.print("250 2.1.0 ok\r\n");
          } else if (cmd.startsWith("RCPT TO")) {
            out.print(rcptReply + "\r\n");
          } else if (cmd.startsWith("QUIT")) {
            out.print("221 bye\r\n");
            out.flush();
            return;
          } else {
            out.print("250 ok\r\n");
          }
          out.flush();
        }
      } catch (Exception e) {
        // the test's assertions tell what went wrong
      }
    }, "fake-smtp");
    thread.setDaemon(true);
    thread.start();
    return server.getLocalPort();
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private ConnectorTestKit send(int port) {
    return ConnectorTestKit.of(new EmailConnector())
        .variable("operation", "send").variable("smtpHost", "127.0.0.1").variable("smtpPort", port)
        .variable("security", "NONE").variable("from", "shop@example.com")
        .variable("to", "nobody@example.com").variable("subject", "s").variable("body", "b");
  }

  @Test
  void permanentRecipientRejectionIsNotRetried() throws Exception {
    int port = smtpServer("550 5.1.1 <nobody@example.com>: user unknown");

    assertThatThrownBy(() -> send(port).execute())
        .isExactlyInstanceOf(ConnectorException.class)
        .hasMessageContaining("smtp://127.0.0.1:" + port)
        .hasMessageContaining("550")
        .hasMessageContaining("nobody@example.com")
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("EMAIL_REJECTED");
  }

  @Test
  void temporaryRejectionIsRetried() throws Exception {
    int port = smtpServer("451 4.7.1 greylisted, try again later");

    assertThatThrownBy(() -> send(port).execute())
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining("greylisted")
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("EMAIL_SMTP_451"));
  }
}
