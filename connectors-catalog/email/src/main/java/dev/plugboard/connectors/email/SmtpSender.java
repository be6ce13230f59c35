package dev.plugboard.connectors.email;

import dev.plugboard.sdk.ConnectorException;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.activation.DataHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;

/** Builds a MIME message from a {@link EmailRequest.Send} and sends it over SMTP. */
final class SmtpSender {

  private SmtpSender() {}

  static EmailResult.Sent send(EmailRequest.Send in, Duration timeout, Logger log) {
    Session session = MailSessions.smtp(in, timeout);
    String endpoint = (in.security() == Security.TLS ? "smtps://" : "smtp://") + in.smtpHost()
        + ":" + MailSessions.smtpPort(in);
    MimeMessage message = build(session, in);
    try {
      Address[] recipients = message.getAllRecipients();
      try (Transport transport = session.getTransport("smtp")) {
        if (MailSessions.hasText(in.username())) {
          transport.connect(in.smtpHost(), MailSessions.smtpPort(in), in.username(), in.password());
        } else {
          transport.connect();
        }
        transport.sendMessage(message, recipients);
      }
      List<String> sentTo = new ArrayList<>();
      for (Address a : recipients) {
        sentTo.add(((InternetAddress) a).getAddress());
      }
      String messageId = message.getMessageID();
      log.info("email sent server={} messageId={} recipients={}", endpoint, messageId, sentTo.size());
      return new EmailResult.Sent(messageId, sentTo);
    } catch (MessagingException e) {
      throw MailErrors.map(e, endpoint, in.username());
    }
  }

  private static MimeMessage build(Session session, EmailRequest.Send in) {
    MimeMessage message = new MimeMessage(session);
    try {
      message.setFrom(parse("from", in.from())[0]);
      InternetAddress[] to = parse("to", in.to());
      if (to.length == 0) {
        throw new ConnectorException("INVALID_INPUT", "'to' has no address; give at least one"
            + " recipient");
      }
      message.setRecipients(Message.RecipientType.TO, to);
      message.setRecipients(Message.RecipientType.CC, parse("cc", in.cc()));
      message.setRecipients(Message.RecipientType.BCC, parse("bcc", in.bcc()));
      InternetAddress[] replyTo = parse("replyTo", in.replyTo());
      if (replyTo.length > 0) {
        message.setReplyTo(replyTo);
      }
      message.setSubject(in.subject(), "UTF-8");
      message.setSentDate(new Date());

      String text = in.body() == null ? "" : in.body();
      String htmlFlag = in.html() == null ? "" : in.html().strip().toLowerCase(Locale.ROOT);
      boolean bodyIsHtml = htmlFlag.equals("true");
      String html = bodyIsHtml || htmlFlag.equals("false") || htmlFlag.isEmpty() ? null : in.html();

      MimeBodyPart content = new MimeBodyPart();
      if (html != null) {
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, "UTF-8");
        MimeBodyPart rich = new MimeBodyPart();
        rich.setText(html, "UTF-8", "html");
        alternative.addBodyPart(plain);
        alternative.addBodyPart(rich);
        content.setContent(alternative);
      } else {
        content.setText(text, "UTF-8", bodyIsHtml ? "html" : "plain");
      }
      if (in.attachments().isEmpty()) {
        if (html != null) {
          message.setContent((MimeMultipart) content.getContent());
        } else {
          message.setText(text, "UTF-8", bodyIsHtml ? "html" : "plain");
        }
      } else {
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(content);
        for (Attachment a : in.attachments()) {
          mixed.addBodyPart(attachment(a));
        }
        message.setContent(mixed);
      }
      message.saveChanges();
      return message;
    } catch (MessagingException | java.io.IOException e) {
      throw new ConnectorException("INVALID_INPUT", "The mail cannot be built: "
          + e.getMessage() + "; check subject, body and attachments", e);
    }
  }

  private static MimeBodyPart attachment(Attachment a) throws MessagingException {
    byte[] bytes;
    try {
      // Strict decoding (line breaks allowed): the MIME decoder would skip garbage silently.
      bytes = Base64.getDecoder().decode(a.content().replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new ConnectorException("INVALID_INPUT", "Attachment '" + a.fileName()
          + "' has content that is not base64; encode the file's bytes as base64");
    }
    String type = MailSessions.hasText(a.contentType()) ? a.contentType()
        : "application/octet-stream";
    MimeBodyPart part = new MimeBodyPart();
    part.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes, type)));
    part.setFileName(a.fileName());
    part.setDisposition(MimeBodyPart.ATTACHMENT);
    // Byte-exact: without this a text/* attachment would travel as text with CRLF line ends.
    part.setHeader("Content-Transfer-Encoding", "base64");
    return part;
  }

  /** Addresses from a comma-separated string or a list of strings. */
  static InternetAddress[] parse(String field, Object value) {
    if (value == null) {
      return new InternetAddress[0];
    }
    List<String> parts = new ArrayList<>();
    if (value instanceof Collection<?> list) {
      list.forEach(v -> parts.add(String.valueOf(v)));
    } else {
      parts.add(String.valueOf(value));
    }
    List<InternetAddress> addresses = new ArrayList<>();
    for (String part : parts) {
      if (part.isBlank()) {
        continue;
      }
      try {
        for (InternetAddress a : InternetAddress.parse(part, true)) {
          a.validate();
          addresses.add(a);
        }
      } catch (AddressException e) {
        throw MailErrors.invalidAddress(field, e);
      }
    }
    if (field.equals("from") && addresses.size() != 1) {
      throw new ConnectorException("INVALID_INPUT", "'from' must be exactly one address, got "
          + addresses.size());
    }
    return addresses.toArray(new InternetAddress[0]);
  }
}
