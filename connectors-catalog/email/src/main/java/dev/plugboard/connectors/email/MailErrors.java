package dev.plugboard.connectors.email;

import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.RetryableException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Turns Jakarta Mail failures into coded connector errors. Messages name the server
 * ({@code smtp://host:port}) and the user, never the password.
 */
final class MailErrors {

  private MailErrors() {}

  static ConnectorException map(MessagingException e, String endpoint, String user) {
    String who = MailSessions.hasText(user) ? " as user '" + user + "'" : "";
    if (e instanceof AuthenticationFailedException) {
      return new ConnectorException("EMAIL_AUTH_FAILED", "Mail server " + endpoint
          + " refused the login" + who + "; check the user name and the password secret (some"
          + " providers need an app password)", e);
    }
    if (e instanceof FolderNotFoundException) {
      return new ConnectorException("EMAIL_FOLDER_NOT_FOUND", "Folder '"
          + folderName((FolderNotFoundException) e) + "' does not exist on " + endpoint + who
          + "; check the folder name (folders are case-sensitive, sub-folders use the server's"
          + " separator, e.g. INBOX/Done or INBOX.Done)", e);
    }
    if (e instanceof SendFailedException sfe) {
      SMTPSendFailedException smtp = find(e, SMTPSendFailedException.class);
      SMTPAddressFailedException address = find(e, SMTPAddressFailedException.class);
      int code = smtp != null ? smtp.getReturnCode() : address != null ? address.getReturnCode() : 0;
      String reply = smtp != null ? smtp.getMessage() : address != null ? address.getMessage() : "";
      if (code >= 400 && code < 500) {
        return new RetryableException("EMAIL_SMTP_" + code, "SMTP server " + endpoint
            + " deferred the mail (" + oneLine(reply) + "); it is retried", null, e);
      }
      String invalid = sfe.getInvalidAddresses() == null || sfe.getInvalidAddresses().length == 0
          ? "" : " invalid addresses: " + String.join(", ",
              java.util.Arrays.stream(sfe.getInvalidAddresses()).map(Object::toString).toList());
      return new ConnectorException("EMAIL_REJECTED", "SMTP server " + endpoint
          + " rejected the mail" + (code > 0 ? " (" + code + " " + oneLine(reply) + ")" : "")
          + invalid + "; check the recipients and the sender address", e);
    }
    Throwable cause = rootCause(e);
    if (cause instanceof SocketTimeoutException) {
      return new RetryableException("EMAIL_TIMEOUT", "Mail server " + endpoint
          + " did not answer in time; it is retried", null, e);
    }
    if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
      return new RetryableException("EMAIL_UNREACHABLE", "Cannot connect to mail server "
          + endpoint + " (" + cause.getClass().getSimpleName() + "); check host, port and"
          + " security; it is retried", null, e);
    }
    SSLException tls = find(e, SSLException.class);
    if (tls != null) {
      return new ConnectorException("EMAIL_TLS_FAILED", "TLS with mail server " + endpoint
          + " failed (" + oneLine(tls.getMessage()) + "); check the security setting and the"
          + " port (TLS: 465/993, STARTTLS: 587/143) and the server's certificate", e);
    }
    if (e.getMessage() != null && e.getMessage().contains("STARTTLS")) {
      return new ConnectorException("EMAIL_TLS_FAILED", "Mail server " + endpoint + ": "
          + oneLine(e.getMessage()) + "; choose another security setting or port", e);
    }
    return new RetryableException("EMAIL_FAILED", "Mail server " + endpoint + " failed: "
        + e.getClass().getSimpleName() + " " + oneLine(e.getMessage()) + "; it is retried", null, e);
  }

  static ConnectorException invalidAddress(String field, AddressException e) {
    return new ConnectorException("INVALID_INPUT", "'" + field + "' holds an invalid e-mail"
        + " address: " + oneLine(e.getMessage()) + "; write addresses as a@example.com or"
        + " \"Name <a@example.com>\", comma separated");
  }

  private static String folderName(FolderNotFoundException e) {
    return e.getFolder() == null ? "?" : e.getFolder().getFullName();
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t instanceof MessagingException m && m.getNextException() != null
        ? m.getNextException() : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (true) {
      Throwable next = t instanceof MessagingException m && m.getNextException() != null
          ? m.getNextException() : t.getCause();
      if (next == null || next == t) {
        return t;
      }
      t = next;
    }
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.strip().replaceAll("\\s+", " ");
  }
}
