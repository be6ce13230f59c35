package dev.plugboard.connectors.email;

import dev.plugboard.sdk.ConnectorException;
import jakarta.mail.Address;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.ComparisonTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.ReceivedDateTerm;
import jakarta.mail.search.SearchTerm;
import jakarta.mail.search.SubjectTerm;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;

/** IMAP search, read, mark-seen and move, one connection per task. */
final class ImapMailbox {

  private ImapMailbox() {}

  static EmailResult.Messages read(EmailRequest.Read in, Duration timeout, Logger log) {
    int port = MailSessions.imapPort(in.imapPort(), in.security());
    String endpoint = endpoint(in.security(), in.imapHost(), port);
    Instant since = since(in.since());
    Session session = MailSessions.imap(in.imapHost(), port, in.security(),
        in.trustAllCertificates(), timeout);
    try (Store store = session.getStore("imap")) {
      store.connect(in.imapHost(), port, in.username(), in.password());
      IMAPFolder folder = (IMAPFolder) store.getFolder(in.folder());
      boolean change = Boolean.TRUE.equals(in.markSeen()) || MailSessions.hasText(in.moveTo());
      folder.open(change ? Folder.READ_WRITE : Folder.READ_ONLY);
      try {
        SearchTerm term = term(in, since);
        Message[] found = term == null ? folder.getMessages() : folder.search(term);
        FetchProfile envelope = new FetchProfile();
        envelope.add(FetchProfile.Item.ENVELOPE);
        envelope.add(FetchProfile.Item.FLAGS);
        folder.fetch(found, envelope);
        String fromContains = MailSessions.hasText(in.fromContains())
            ? in.fromContains().strip().toLowerCase(java.util.Locale.ROOT) : null;
        List<Message> selected = Arrays.stream(found)
            // FROM is matched here, not by IMAP SEARCH: servers differ in how they match it
            // (some only whole addresses), and the envelope is fetched anyway.
            .filter(m -> fromContains == null || fromMatches(m, fromContains))
            // IMAP SINCE compares dates only: apply the exact instant here.
            .filter(m -> since == null || received(m) == null || !received(m).isBefore(since))
            .sorted(Comparator.comparing(ImapMailbox::received,
                Comparator.nullsFirst(Comparator.naturalOrder())))
            .limit(in.maxMessages())
            .toList();
        List<EmailResult.MailMessage> messages = new ArrayList<>();
        for (Message m : selected) {
          messages.add(toResult(folder, m, Boolean.TRUE.equals(in.includeAttachments())));
        }
        Message[] array = selected.toArray(new Message[0]);
        if (Boolean.TRUE.equals(in.markSeen()) && array.length > 0) {
          folder.setFlags(array, new Flags(Flags.Flag.SEEN), true);
        }
        String movedTo = null;
        if (MailSessions.hasText(in.moveTo()) && array.length > 0) {
          move(store, folder, array, in.moveTo());
          movedTo = in.moveTo();
        }
        log.info("email read server={} folder={} found={} returned={} movedTo={}", endpoint,
            in.folder(), found.length, messages.size(), movedTo);
        return new EmailResult.Messages(in.folder(), messages.size(), messages, movedTo);
      } finally {
        if (folder.isOpen()) {
          folder.close(false);
        }
      }
    } catch (MessagingException e) {
      throw MailErrors.map(e, endpoint, in.username());
    }
  }

  static EmailResult.Moved move(EmailRequest.Move in, Duration timeout, Logger log) {
    int port = MailSessions.imapPort(in.imapPort(), in.security());
    String endpoint = endpoint(in.security(), in.imapHost(), port);
    Session session = MailSessions.imap(in.imapHost(), port, in.security(),
        in.trustAllCertificates(), timeout);
    try (Store store = session.getStore("imap")) {
      store.connect(in.imapHost(), port, in.username(), in.password());
      IMAPFolder folder = (IMAPFolder) store.getFolder(in.folder());
      folder.open(Folder.READ_WRITE);
      try {
        long[] uids = in.uids().stream().mapToLong(Long::longValue).toArray();
        Message[] byUid = folder.getMessagesByUID(uids);
        List<Message> present = new ArrayList<>();
        List<Long> notFound = new ArrayList<>();
        for (int i = 0; i < byUid.length; i++) {
          if (byUid[i] == null) {
            notFound.add(uids[i]);
          } else {
            present.add(byUid[i]);
          }
        }
        if (!present.isEmpty()) {
          move(store, folder, present.toArray(new Message[0]), in.targetFolder());
        }
        log.info("email moved server={} folder={} target={} moved={} notFound={}", endpoint,
            in.folder(), in.targetFolder(), present.size(), notFound.size());
        return new EmailResult.Moved(in.folder(), in.targetFolder(), present.size(), notFound);
      } finally {
        if (folder.isOpen()) {
          folder.close(true);
        }
      }
    } catch (MessagingException e) {
      throw MailErrors.map(e, endpoint, in.username());
    }
  }

  private static void move(Store store, IMAPFolder from, Message[] messages, String target)
      throws MessagingException {
    Folder destination = store.getFolder(target);
    if (!destination.exists() && !destination.create(Folder.HOLDS_MESSAGES)) {
      throw new ConnectorException("EMAIL_FOLDER_NOT_FOUND", "Folder '" + target
          + "' does not exist and cannot be created; create it or choose another");
    }
    if (((IMAPStore) store).hasCapability("MOVE")) {
      from.moveMessages(messages, destination);
    } else {
      // Servers without RFC 6851 MOVE: copy, then flag the originals deleted and expunge them.
      from.copyMessages(messages, destination);
      from.setFlags(messages, new Flags(Flags.Flag.DELETED), true);
      from.expunge(messages);
    }
  }

  private static SearchTerm term(EmailRequest.Read in, Instant since) {
    List<SearchTerm> terms = new ArrayList<>();
    if (Boolean.TRUE.equals(in.unseenOnly())) {
      terms.add(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
    }
    if (MailSessions.hasText(in.subjectContains())) {
      terms.add(new SubjectTerm(in.subjectContains()));
    }
    if (since != null) {
      terms.add(new ReceivedDateTerm(ComparisonTerm.GE, Date.from(since)));
    }
    if (terms.isEmpty()) {
      return null;
    }
    return terms.size() == 1 ? terms.get(0) : new AndTerm(terms.toArray(new SearchTerm[0]));
  }

  private static Instant since(String value) {
    if (!MailSessions.hasText(value)) {
      return null;
    }
    String v = value.strip();
    try {
      return v.length() <= 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant()
          : OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      throw new ConnectorException("INVALID_INPUT", "'since' value '" + value + "' is neither an"
          + " ISO date (2026-11-01) nor an ISO date-time with offset (2026-11-01T08:00:00Z)");
    }
  }

  private static boolean fromMatches(Message m, String needle) {
    try {
      return addresses(m.getFrom()).stream()
          .anyMatch(a -> a.toLowerCase(java.util.Locale.ROOT).contains(needle));
    } catch (MessagingException e) {
      return false;
    }
  }

  private static Instant received(Message m) {
    try {
      Date d = m.getReceivedDate() != null ? m.getReceivedDate() : m.getSentDate();
      return d == null ? null : d.toInstant();
    } catch (MessagingException e) {
      return null;
    }
  }

  private static EmailResult.MailMessage toResult(IMAPFolder folder, Message m,
      boolean includeAttachments) throws MessagingException {
    Body body = new Body();
    try {
      collect(m, body, includeAttachments);
    } catch (IOException e) {
      throw new MessagingException("cannot read message content: " + e.getMessage(), e);
    }
    String[] ids = m.getHeader("Message-ID");
    return new EmailResult.MailMessage(
        ((UIDFolder) folder).getUID(m),
        ids == null || ids.length == 0 ? null : ids[0],
        addresses(m.getFrom()),
        addresses(m.getRecipients(Message.RecipientType.TO)),
        addresses(m.getRecipients(Message.RecipientType.CC)),
        addresses(m.getReplyTo()),
        m.getSubject(),
        m.getSentDate() == null ? null : m.getSentDate().toInstant(),
        m.getReceivedDate() == null ? null : m.getReceivedDate().toInstant(),
        body.text, body.html,
        m.isSet(Flags.Flag.SEEN),
        body.attachments);
  }

  private static void collect(Part part, Body body, boolean includeAttachments)
      throws MessagingException, IOException {
    String disposition = part.getDisposition();
    boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition)
        || part.getFileName() != null && !part.isMimeType("multipart/*");
    if (attachment) {
      byte[] bytes;
      try (InputStream in = part.getInputStream()) {
        bytes = in.readAllBytes();
      }
      String type = part.getContentType() == null ? null
          : part.getContentType().split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
      body.attachments.add(new EmailResult.MailAttachment(part.getFileName(), type, bytes.length,
          includeAttachments ? Base64.getEncoder().encodeToString(bytes) : null));
    } else if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        collect(multipart.getBodyPart(i), body, includeAttachments);
      }
    } else if (part.isMimeType("text/plain") && body.text == null) {
      body.text = String.valueOf(part.getContent());
    } else if (part.isMimeType("text/html") && body.html == null) {
      body.html = String.valueOf(part.getContent());
    }
  }

  private static List<String> addresses(Address[] addresses) {
    if (addresses == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Address a : addresses) {
      out.add(a instanceof InternetAddress ia ? ia.toUnicodeString() : a.toString());
    }
    return out;
  }

  private static String endpoint(Security security, String host, int port) {
    return (security == Security.TLS ? "imaps://" : "imap://") + host + ":" + port;
  }

  /** The text parts and attachments found while walking a message. */
  private static final class Body {
    String text;
    String html;
    final List<EmailResult.MailAttachment> attachments = new ArrayList<>();
  }
}
