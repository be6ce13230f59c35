package dev.plugboard.connectors.email;

import java.time.Instant;
import java.util.List;

/** What each e-mail operation returns; the task's result variable holds it as a JSON object. */
public sealed interface EmailResult {

  /**
   * A sent mail.
   *
   * @param messageId the Message-ID header of the sent mail
   * @param recipients every address it went to (to, cc and bcc)
   */
  record Sent(String messageId, List<String> recipients) implements EmailResult {}

  /**
   * Messages found by a search.
   *
   * @param folder the searched folder
   * @param count how many are returned
   * @param messages the messages, oldest first
   * @param movedTo the folder they were moved to, or {@code null}
   */
  record Messages(String folder, int count, List<MailMessage> messages, String movedTo)
      implements EmailResult {}

  /**
   * Moved messages.
   *
   * @param folder the source folder
   * @param targetFolder the destination
   * @param moved how many were moved
   * @param notFound UIDs that were not in the source folder
   */
  record Moved(String folder, String targetFolder, int moved, List<Long> notFound)
      implements EmailResult {}

  /**
   * One message read over IMAP.
   *
   * @param uid the IMAP UID in its folder (stable; use it to move the message)
   * @param messageId the Message-ID header
   * @param from sender addresses
   * @param to recipients
   * @param cc copy recipients
   * @param replyTo reply-to addresses
   * @param subject the subject
   * @param sentDate the Date header
   * @param receivedDate when the server received it
   * @param text the plain-text body, or {@code null}
   * @param html the HTML body, or {@code null}
   * @param seen whether it carries the \Seen flag
   * @param attachments its attachments
   */
  record MailMessage(long uid, String messageId, List<String> from, List<String> to,
      List<String> cc, List<String> replyTo, String subject, Instant sentDate,
      Instant receivedDate, String text, String html, boolean seen,
      List<MailAttachment> attachments) {}

  /**
   * An attachment of a read message.
   *
   * @param fileName its file name
   * @param contentType its MIME type
   * @param size its size in bytes
   * @param content base64 content, or {@code null} unless requested
   */
  record MailAttachment(String fileName, String contentType, long size, String content) {}
}
