package dev.plugboard.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.RetryableException;
import dev.plugboard.sdk.testkit.ConnectorTestKit;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmailConnectorTest {

  private static final String PASSWORD = "s3cret-Mail-Pw";

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetup.createCopy(
      new ServerSetup[] {ServerSetupTest.SMTP, ServerSetupTest.SMTPS, ServerSetupTest.IMAP},
      s -> {
        ServerSetup copy = s.dynamicPort();
        // SMTPS creates its self-signed certificate on start: slow on a busy machine.
        copy.setServerStartupTimeout(15_000);
        return copy;
      }))
      .withConfiguration(GreenMailConfiguration.aConfig()
          .withUser("clerk@example.com", "clerk", PASSWORD)
          .withUser("boss@example.com", "boss", PASSWORD)
          .withUser("audit@example.com", "audit", PASSWORD))
      .withPerMethodLifecycle(false);

  @BeforeEach
  void emptyMailboxes() throws Exception {
    mail.purgeEmailFromAllMailboxes();
  }

  private ConnectorTestKit send() {
    return ConnectorTestKit.of(new EmailConnector())
        .secret("SMTP_PASSWORD", PASSWORD)
        .variable("operation", "send")
        .variable("smtpHost", "127.0.0.1")
        .variable("smtpPort", mail.getSmtp().getPort())
        .variable("security", "NONE")
        .variable("username", "clerk")
        .variable("password", "{{secrets.SMTP_PASSWORD}}")
        .variable("from", "Shop <clerk@example.com>");
  }

  private ConnectorTestKit imap(String operation) {
    return ConnectorTestKit.of(new EmailConnector())
        .secret("IMAP_PASSWORD", PASSWORD)
        .variable("operation", operation)
        .variable("imapHost", "127.0.0.1")
        .variable("imapPort", mail.getImap().getPort())
        .variable("security", "none")
        .variable("username", "clerk")
        .variable("password", "{{secrets.IMAP_PASSWORD}}");
  }

  @Test
  void sendsTextAndHtmlWithAttachmentsCcBccAndReplyTo() throws Exception {
    byte[] pdf = "%PDF-1.4 invoice 42".getBytes(StandardCharsets.US_ASCII);

    Object result = send()
        .variable("to", "Customer <clerk@example.com>")
        .variable("cc", List.of("boss@example.com"))
        .variable("bcc", "audit@example.com")
        .variable("replyTo", "support@example.com")
        .variable("subject", "Order 42 ready for pickup ✓")
        .variable("body", "Your order is ready.")
        .variable("html", "<p>Your order is <b>ready</b>.</p>")
        .variable("attachments", List.of(Map.of("fileName", "invoice-42.pdf",
            "contentType", "application/pdf", "content", Base64.getEncoder().encodeToString(pdf))))
        .execute();

    EmailResult.Sent sent = (EmailResult.Sent) result;
    assertThat(sent.recipients()).containsExactly("clerk@example.com", "boss@example.com",
        "audit@example.com");
    assertThat(mail.waitForIncomingEmail(5_000, 3)).isTrue();
    MimeMessage received = mail.getReceivedMessagesForDomain("clerk@example.com")[0];
    assertThat(received.getSubject()).isEqualTo("Order 42 ready for pickup ✓");
    assertThat(received.getHeader("Message-ID")[0]).isEqualTo(sent.messageId());
    assertThat(received.getReplyTo()[0].toString()).isEqualTo("support@example.com");
    assertThat(received.getRecipients(Message.RecipientType.CC)[0].toString())
        .isEqualTo("boss@example.com");
    assertThat(received.getHeader("Bcc")).isNull();
    assertThat(received.isMimeType("multipart/mixed")).isTrue();
    Multipart mixed = (Multipart) received.getContent();
    Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
    assertThat(alternative.getBodyPart(0).getContent()).isEqualTo("Your order is ready.");
    assertThat(alternative.getBodyPart(1).isMimeType("text/html")).isTrue();
    Part attachment = mixed.getBodyPart(1);
    assertThat(attachment.getFileName()).isEqualTo("invoice-42.pdf");
    assertThat(attachment.getDisposition()).isEqualToIgnoringCase(Part.ATTACHMENT);
    assertThat(attachment.isMimeType("application/pdf")).isTrue();
    try (InputStream in = attachment.getInputStream()) {
      assertThat(in.readAllBytes()).isEqualTo(pdf);
    }
  }

  @Test
  void htmlTrueSendsTheBodyAsHtml() throws Exception {
    send().variable("to", "clerk@example.com").variable("subject", "Cancelled")
        .variable("body", "<p>Order 7 was <i>cancelled</i></p>").variable("html", "true").execute();

    assertThat(mail.waitForIncomingEmail(5_000, 1)).isTrue();
    MimeMessage received = mail.getReceivedMessages()[0];
    assertThat(received.isMimeType("text/html")).isTrue();
    assertThat(GreenMailUtil.getBody(received)).contains("<i>cancelled</i>");
  }

  @Test
  void sendsOverImplicitTlsWhenTheCertificateIsTrusted() throws Exception {
    ConnectorTestKit tls = send().variable("smtpPort", mail.getSmtps().getPort())
        .variable("security", "TLS").variable("to", "clerk@example.com")
        .variable("subject", "over TLS").variable("body", "hi");

    assertThatThrownBy(tls::execute)
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("EMAIL_TLS_FAILED");

    tls.variable("trustAllCertificates", true).execute();
    assertThat(mail.waitForIncomingEmail(5_000, 1)).isTrue();
  }

  @Test
  void searchesReadsMarksSeenAndMoves() throws Exception {
    ServerSetup smtp = mail.getSmtp().getServerSetup();
    GreenMailUtil.sendTextEmail("clerk@example.com", "orders@shop.example", "Order 1 placed", "one", smtp);
    GreenMailUtil.sendTextEmail("clerk@example.com", "spam@junk.example", "Cheap watches", "no", smtp);
    GreenMailUtil.sendTextEmail("clerk@example.com", "orders@shop.example", "Order 2 placed", "two", smtp);
    GreenMailUtil.sendTextEmail("clerk@example.com", "orders@shop.example", "Order 3 placed", "three", smtp);
    assertThat(mail.waitForIncomingEmail(5_000, 4)).isTrue();

    EmailResult.Messages first = (EmailResult.Messages) imap("read")
        .variable("unseenOnly", true).variable("fromContains", "orders@shop")
        .variable("subjectContains", "Order").variable("since", "2000-01-01")
        .variable("maxMessages", 2).variable("markSeen", true).execute();

    assertThat(first.messages()).extracting(EmailResult.MailMessage::subject)
        .containsExactly("Order 1 placed", "Order 2 placed");
    assertThat(first.messages().get(0).text()).isEqualTo("one");
    assertThat(first.messages().get(0).from()).containsExactly("orders@shop.example");
    assertThat(first.messages().get(0).seen()).isFalse();

    EmailResult.Messages rest = (EmailResult.Messages) imap("read")
        .variable("unseenOnly", true).variable("fromContains", "orders@shop").execute();
    assertThat(rest.messages()).extracting(EmailResult.MailMessage::subject)
        .containsExactly("Order 3 placed");

    List<Long> uids = first.messages().stream().map(EmailResult.MailMessage::uid).toList();
    EmailResult.Moved moved = (EmailResult.Moved) imap("move").variable("uids", uids)
        .variable("targetFolder", "Processed").execute();
    assertThat(moved.moved()).isEqualTo(2);

    EmailResult.Messages processed = (EmailResult.Messages) imap("read")
        .variable("folder", "Processed").execute();
    assertThat(processed.messages()).extracting(EmailResult.MailMessage::subject)
        .containsExactly("Order 1 placed", "Order 2 placed");
    assertThat(processed.messages()).allMatch(EmailResult.MailMessage::seen);
    EmailResult.Messages inbox = (EmailResult.Messages) imap("read").execute();
    assertThat(inbox.messages()).extracting(EmailResult.MailMessage::subject)
        .containsExactly("Cheap watches", "Order 3 placed");
  }

  @Test
  void readsAttachmentsAndMovesWhatItRead() throws Exception {
    byte[] csv = "id;qty\n42;1\n".getBytes(StandardCharsets.UTF_8);
    send().variable("to", "clerk@example.com").variable("subject", "Daily report")
        .variable("body", "see attached")
        .variable("attachments", List.of(Map.of("fileName", "report.csv", "contentType", "text/csv",
            "content", Base64.getEncoder().encodeToString(csv))))
        .execute();
    assertThat(mail.waitForIncomingEmail(5_000, 1)).isTrue();

    EmailResult.Messages read = (EmailResult.Messages) imap("read")
        .variable("subjectContains", "report").variable("includeAttachments", true)
        .variable("moveTo", "Reports").execute();

    EmailResult.MailMessage message = read.messages().get(0);
    assertThat(message.text()).isEqualTo("see attached");
    assertThat(message.attachments()).hasSize(1);
    EmailResult.MailAttachment attachment = message.attachments().get(0);
    assertThat(attachment.fileName()).isEqualTo("report.csv");
    assertThat(attachment.contentType()).isEqualTo("text/csv");
    assertThat(Base64.getDecoder().decode(attachment.content())).isEqualTo(csv);
    assertThat(read.movedTo()).isEqualTo("Reports");
    assertThat(((EmailResult.Messages) imap("read").execute()).messages()).isEmpty();
  }

  @Test
  void refusedLoginIsNotRetriedAndHidesThePassword() {
    assertThatThrownBy(() -> imap("read").secret("IMAP_PASSWORD", "wrong-Pw-123").execute())
        .isExactlyInstanceOf(ConnectorException.class)
        .hasMessageContaining("imap://127.0.0.1:" + mail.getImap().getPort())
        .hasMessageContaining("'clerk'")
        .hasMessageNotContaining("wrong-Pw-123")
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("EMAIL_AUTH_FAILED");
  }

  @Test
  void missingFolderIsACodedError() {
    assertThatThrownBy(() -> imap("read").variable("folder", "Nope").execute())
        .hasMessageContaining("'Nope'")
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("EMAIL_FOLDER_NOT_FOUND");
  }

  @Test
  void unreachableServerIsRetryable() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    assertThatThrownBy(() -> send().variable("smtpPort", closed).variable("to", "a@example.com")
        .variable("subject", "s").variable("body", "b").execute())
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining("smtp://127.0.0.1:" + closed)
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("EMAIL_UNREACHABLE");
  }

  @Test
  void serverThatNeverGreetsTimesOut() throws Exception {
    try (ServerSocket silent = new ServerSocket(0)) {
      assertThatThrownBy(() -> imap("read").variable("imapPort", silent.getLocalPort())
          .timeout(Duration.ofMillis(500)).execute())
          .isInstanceOf(RetryableException.class)
          .extracting(e -> ((ConnectorException) e).code()).isEqualTo("EMAIL_TIMEOUT");
    }
  }

  @Test
  void invalidAddressesAndAttachmentsAreInvalidInput() {
    assertThatThrownBy(() -> send().variable("to", "not an address@@").variable("subject", "s")
        .variable("body", "b").execute())
        .hasMessageContaining("'to'")
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("INVALID_INPUT");
    assertThatThrownBy(() -> send().variable("to", "a@example.com").variable("subject", "s")
        .variable("attachments", List.of(Map.of("fileName", "x.bin", "content", "***")))
        .execute())
        .hasMessageContaining("x.bin")
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("INVALID_INPUT");
  }

  @Test
  void requiredFieldsAreNamed() {
    assertThatThrownBy(() -> ConnectorTestKit.of(new EmailConnector())
        .variable("operation", "send").variable("smtpHost", "localhost").execute())
        .hasMessageContaining("from").hasMessageContaining("to").hasMessageContaining("subject")
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("INVALID_INPUT");
  }
}
