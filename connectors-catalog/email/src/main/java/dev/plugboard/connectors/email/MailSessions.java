package dev.plugboard.connectors.email;

import jakarta.mail.Session;
import java.time.Duration;
import java.util.Properties;

/** Builds Jakarta Mail sessions for SMTP and IMAP with the connector's security options. */
final class MailSessions {

  private MailSessions() {}

  static int smtpPort(EmailRequest.Send send) {
    if (send.smtpPort() != null) {
      return send.smtpPort();
    }
    return switch (send.security()) {
      case TLS -> 465;
      case STARTTLS -> 587;
      case NONE -> 25;
    };
  }

  static int imapPort(Integer port, Security security) {
    if (port != null) {
      return port;
    }
    return security == Security.TLS ? 993 : 143;
  }

  static Session smtp(EmailRequest.Send send, Duration timeout) {
    Properties p = common("smtp", send.smtpHost(), smtpPort(send), send.security(),
        Boolean.TRUE.equals(send.trustAllCertificates()), timeout);
    p.put("mail.smtp.auth", String.valueOf(hasText(send.username())));
    return Session.getInstance(p);
  }

  static Session imap(String host, int port, Security security, Boolean trustAll,
      Duration timeout) {
    Properties p = common("imap", host, port, security, Boolean.TRUE.equals(trustAll), timeout);
    // Read bodies with BODY.PEEK: a message is marked seen only when the task asks for it.
    p.put("mail.imap.peek", "true");
    return Session.getInstance(p);
  }

  private static Properties common(String protocol, String host, int port, Security security,
      boolean trustAll, Duration timeout) {
    String prefix = "mail." + protocol + ".";
    Properties p = new Properties();
    p.put(prefix + "host", host);
    p.put(prefix + "port", String.valueOf(port));
    String millis = String.valueOf(Math.max(1, timeout.toMillis()));
    p.put(prefix + "connectiontimeout", millis);
    p.put(prefix + "timeout", millis);
    p.put(prefix + "writetimeout", millis);
    switch (security) {
      case TLS -> p.put(prefix + "ssl.enable", "true");
      case STARTTLS -> {
        p.put(prefix + "starttls.enable", "true");
        // Never fall back to plain text when the server does not offer STARTTLS.
        p.put(prefix + "starttls.required", "true");
      }
      case NONE -> { }
    }
    if (security != Security.NONE) {
      if (trustAll) {
        p.put(prefix + "ssl.trust", "*");
        p.put(prefix + "ssl.checkserveridentity", "false");
      } else {
        p.put(prefix + "ssl.checkserveridentity", "true");
      }
    }
    return p;
  }

  static boolean hasText(String s) {
    return s != null && !s.isBlank();
  }
}
