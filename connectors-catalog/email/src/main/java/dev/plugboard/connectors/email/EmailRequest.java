package dev.plugboard.connectors.email;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.plugboard.sdk.FeelMode;
import dev.plugboard.sdk.PropertyType;
import dev.plugboard.sdk.Secret;
import dev.plugboard.sdk.TemplateGroup;
import dev.plugboard.sdk.TemplateProperty;
import dev.plugboard.sdk.TemplateSubType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * Input of the e-mail connector: {@code send} (SMTP), {@code read} (IMAP search and read) or
 * {@code move} (IMAP), chosen by the {@code operation} variable. Variables are flat on purpose:
 * {@code smtpHost}, {@code to}, {@code subject}, {@code body}, ...
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "operation")
@TemplateGroup(id = "operation", label = "Operation")
@TemplateGroup(id = "server", label = "Server")
@TemplateGroup(id = "authentication", label = "Authentication")
@TemplateGroup(id = "message", label = "Message")
@TemplateGroup(id = "search", label = "Search")
public sealed interface EmailRequest {

  /**
   * The user name for the server; empty for no authentication.
   *
   * @return the user name
   */
  String username();

  /**
   * The password or app password.
   *
   * @return the password
   */
  String password();

  /**
   * How the connection is secured.
   *
   * @return the security mode
   */
  Security security();

  /**
   * Whether any server certificate is accepted (self-signed test servers only).
   *
   * @return true to skip certificate checks
   */
  Boolean trustAllCertificates();

  /**
   * Sends a mail through SMTP.
   *
   * @param smtpHost SMTP server host
   * @param smtpPort SMTP port; 587 for STARTTLS, 465 for TLS, 25 for NONE by default
   * @param security connection security (default STARTTLS)
   * @param trustAllCertificates accept any certificate
   * @param username SMTP user; empty: no authentication
   * @param password SMTP password
   * @param from sender address, {@code Name <addr>} allowed
   * @param to recipients, comma separated or a list
   * @param cc copy recipients
   * @param bcc blind copy recipients
   * @param replyTo reply-to addresses
   * @param subject subject
   * @param body plain-text body
   * @param html the HTML body; or {@code true} to send {@code body} as HTML
   * @param attachments files, base64 encoded
   */
  @TemplateSubType(value = "send", label = "Send a mail (SMTP)")
  record Send(
      @TemplateProperty(group = "server", label = "SMTP host") @NotBlank String smtpHost,
      @TemplateProperty(group = "server", label = "SMTP port",
          description = "Empty: 587 for STARTTLS, 465 for TLS, 25 for none")
      @Min(1) @Max(65535) Integer smtpPort,
      @TemplateProperty(group = "server", label = "Security", defaultValue = "STARTTLS")
      Security security,
      @TemplateProperty(group = "server", label = "Trust any certificate",
          description = "Only for test servers with self-signed certificates")
      Boolean trustAllCertificates,
      @TemplateProperty(group = "authentication", label = "User name",
          description = "Empty for a server without authentication")
      String username,
      @TemplateProperty(group = "authentication", label = "Password",
          placeholder = "{{secrets.SMTP_PASSWORD}}")
      @Secret String password,
      @TemplateProperty(group = "message", label = "From", placeholder = "Shop <shop@example.com>")
      @NotBlank String from,
      @TemplateProperty(group = "message", label = "To",
          description = "Addresses, comma separated, or a FEEL list")
      @NotNull Object to,
      @TemplateProperty(group = "message", label = "CC") Object cc,
      @TemplateProperty(group = "message", label = "BCC") Object bcc,
      @TemplateProperty(group = "message", label = "Reply to") Object replyTo,
      @TemplateProperty(group = "message", label = "Subject") @NotBlank String subject,
      @TemplateProperty(group = "message", label = "Text body", type = PropertyType.TEXT)
      String body,
      @TemplateProperty(group = "message", label = "HTML body", type = PropertyType.TEXT,
          description = "HTML; sent with the text body as alternative. Or 'true' to send the"
              + " text body as HTML")
      String html,
      @TemplateProperty(group = "message", label = "Attachments", feel = FeelMode.REQUIRED,
          description = "List of {fileName, contentType, content (base64)}")
      List<@Valid Attachment> attachments) implements EmailRequest {

    /** Applies defaults. */
    public Send {
      security = security == null ? Security.STARTTLS : security;
      attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    @Override
    public String toString() {
      return "Send[smtpHost=" + smtpHost + ", from=" + from + ", subject=" + subject + "]";
    }
  }

  /**
   * Searches a folder over IMAP and returns the matching messages, oldest first.
   *
   * @param imapHost IMAP host
   * @param imapPort IMAP port; 993 for TLS, 143 otherwise by default
   * @param security connection security (default TLS)
   * @param trustAllCertificates accept any certificate
   * @param username IMAP user
   * @param password IMAP password
   * @param folder folder to search (default INBOX)
   * @param unseenOnly only messages without the \Seen flag
   * @param fromContains sender contains this text
   * @param subjectContains subject contains this text
   * @param since received at or after (ISO date or date-time)
   * @param maxMessages at most this many messages (default 10)
   * @param markSeen set \Seen on the returned messages
   * @param moveTo move the returned messages to this folder afterwards
   * @param includeAttachments return attachment contents (base64), not only their names
   */
  @TemplateSubType(value = "read", label = "Search and read mails (IMAP)")
  record Read(
      @TemplateProperty(group = "server", label = "IMAP host") @NotBlank String imapHost,
      @TemplateProperty(group = "server", label = "IMAP port",
          description = "Empty: 993 for TLS, 143 otherwise")
      @Min(1) @Max(65535) Integer imapPort,
      @TemplateProperty(group = "server", label = "Security", defaultValue = "TLS") Security security,
      @TemplateProperty(group = "server", label = "Trust any certificate") Boolean trustAllCertificates,
      @TemplateProperty(group = "authentication", label = "User name") @NotBlank String username,
      @TemplateProperty(group = "authentication", label = "Password",
          placeholder = "{{secrets.IMAP_PASSWORD}}")
      @Secret @NotBlank String password,
      @TemplateProperty(group = "search", label = "Folder", defaultValue = "INBOX") String folder,
      @TemplateProperty(group = "search", label = "Unread only") Boolean unseenOnly,
      @TemplateProperty(group = "search", label = "From contains") String fromContains,
      @TemplateProperty(group = "search", label = "Subject contains") String subjectContains,
      @TemplateProperty(group = "search", label = "Received since",
          description = "ISO date (2026-11-01) or date-time (2026-11-01T08:00:00Z)") String since,
      @TemplateProperty(group = "search", label = "Maximum messages", defaultValue = "10")
      @Min(1) @Max(500) Integer maxMessages,
      @TemplateProperty(group = "search", label = "Mark as read") Boolean markSeen,
      @TemplateProperty(group = "search", label = "Then move to folder",
          description = "Move the returned messages to this folder (created when missing)")
      String moveTo,
      @TemplateProperty(group = "search", label = "Include attachment contents",
          description = "Base64 contents of attachments; otherwise only names and sizes")
      Boolean includeAttachments) implements EmailRequest {

    /** Applies defaults. */
    public Read {
      security = security == null ? Security.TLS : security;
      folder = folder == null || folder.isBlank() ? "INBOX" : folder;
      maxMessages = maxMessages == null ? 10 : maxMessages;
    }

    @Override
    public String toString() {
      return "Read[imapHost=" + imapHost + ", username=" + username + ", folder=" + folder + "]";
    }
  }

  /**
   * Moves messages, by UID, from one folder to another over IMAP.
   *
   * @param imapHost IMAP host
   * @param imapPort IMAP port
   * @param security connection security (default TLS)
   * @param trustAllCertificates accept any certificate
   * @param username IMAP user
   * @param password IMAP password
   * @param folder the folder the messages are in (default INBOX)
   * @param uids the messages' UIDs, as {@code read} returns them
   * @param targetFolder the destination folder (created when missing)
   */
  @TemplateSubType(value = "move", label = "Move mails (IMAP)")
  record Move(
      @TemplateProperty(group = "server", label = "IMAP host") @NotBlank String imapHost,
      @TemplateProperty(group = "server", label = "IMAP port") @Min(1) @Max(65535) Integer imapPort,
      @TemplateProperty(group = "server", label = "Security", defaultValue = "TLS") Security security,
      @TemplateProperty(group = "server", label = "Trust any certificate") Boolean trustAllCertificates,
      @TemplateProperty(group = "authentication", label = "User name") @NotBlank String username,
      @TemplateProperty(group = "authentication", label = "Password",
          placeholder = "{{secrets.IMAP_PASSWORD}}")
      @Secret @NotBlank String password,
      @TemplateProperty(group = "operation", label = "Source folder", defaultValue = "INBOX")
      String folder,
      @TemplateProperty(group = "operation", label = "Message UIDs", feel = FeelMode.REQUIRED,
          description = "UIDs from a read result, e.g. mails.messages.uid")
      @NotEmpty List<Long> uids,
      @TemplateProperty(group = "operation", label = "Target folder") @NotBlank String targetFolder)
      implements EmailRequest {

    /** Applies defaults. */
    public Move {
      security = security == null ? Security.TLS : security;
      folder = folder == null || folder.isBlank() ? "INBOX" : folder;
      uids = uids == null ? null : List.copyOf(uids);
    }

    @Override
    public String toString() {
      return "Move[imapHost=" + imapHost + ", username=" + username + ", folder=" + folder
          + ", targetFolder=" + targetFolder + "]";
    }
  }
}
