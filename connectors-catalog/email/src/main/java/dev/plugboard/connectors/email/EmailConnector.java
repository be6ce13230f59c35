package dev.plugboard.connectors.email;

import dev.plugboard.sdk.Connector;
import dev.plugboard.sdk.ConnectorContext;
import dev.plugboard.sdk.OutboundConnector;
import dev.plugboard.sdk.RetryableException;
import java.time.Duration;
import java.time.Instant;

/**
 * E-mail: send through SMTP (text, HTML, attachments, CC/BCC, reply-to), and search, read, mark
 * and move messages through IMAP, with Jakarta Mail (Eclipse Angus).
 */
@Connector(
    type = "plugboard:email:1",
    name = "E-mail",
    description = "Send mail over SMTP; search, read and move mail over IMAP",
    category = "Communication",
    icon = "email.svg",
    documentationRef = "https://jakarta.ee/specifications/mail/",
    keywords = {"email", "mail", "smtp", "imap", "notification"},
    timeout = "PT60S")
public class EmailConnector implements OutboundConnector<EmailRequest, EmailResult> {

  private static final Duration MAX_IO = Duration.ofSeconds(30);

  /** Creates the connector; the runtime calls it. */
  public EmailConnector() {}

  @Override
  public EmailResult execute(EmailRequest input, ConnectorContext context) {
    Duration timeout = ioTimeout(context.deadline());
    // Jakarta Mail and Activation find their providers and data handlers through the context
    // class loader: inside a plugin that must be the plugin's loader.
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(EmailConnector.class.getClassLoader());
    try {
      if (input instanceof EmailRequest.Send send) {
        return SmtpSender.send(send, timeout, context.logger());
      }
      if (input instanceof EmailRequest.Read read) {
        return ImapMailbox.read(read, timeout, context.logger());
      }
      return ImapMailbox.move((EmailRequest.Move) input, timeout, context.logger());
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static Duration ioTimeout(Instant deadline) {
    Duration left = Duration.between(Instant.now(), deadline);
    if (left.isNegative() || left.isZero()) {
      throw new RetryableException("EMAIL_TIMEOUT",
          "No time left for the mail server before the task's deadline", null, null);
    }
    return left.compareTo(MAX_IO) < 0 ? left : MAX_IO;
  }
}
