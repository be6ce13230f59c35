package dev.plugboard.legacy.soap;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** WS-Security 1.0 UsernameToken (PasswordText or PasswordDigest) with a timestamp. */
final class WsSecurity {

  static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
  static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
  static final String TEXT = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";
  static final String DIGEST = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest";
  static final String BASE64 = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";
  private static final SecureRandom RANDOM = new SecureRandom();

  private WsSecurity() {}

  /** Adds the Security header to the envelope's Header (created when missing). */
  static void addUsernameToken(Document doc, SoapVersion version, String user, String password, PasswordType type) {
    Element envelope = doc.getDocumentElement();
    String envNs = envelope.getNamespaceURI();
    Element header = Xml.child(envelope, envNs, "Header");
    if (header == null) {
      header = doc.createElementNS(envNs, prefix(envelope) + "Header");
      envelope.insertBefore(header, envelope.getFirstChild());
    }
    Element security = doc.createElementNS(WSSE, "wsse:Security");
    security.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:wsu", WSU);
    security.setAttributeNS(envNs, prefix(envelope) + "mustUnderstand", version == SoapVersion.SOAP_12 ? "true" : "1");
    header.appendChild(security);

    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Element timestamp = doc.createElementNS(WSU, "wsu:Timestamp");
    text(doc, timestamp, WSU, "wsu:Created", now.toString());
    text(doc, timestamp, WSU, "wsu:Expires", now.plusSeconds(300).toString());
    security.appendChild(timestamp);

    Element token = doc.createElementNS(WSSE, "wsse:UsernameToken");
    security.appendChild(token);
    text(doc, token, WSSE, "wsse:Username", user);
    Element pw;
    if (type == PasswordType.DIGEST) {
      byte[] nonce = new byte[16];
      RANDOM.nextBytes(nonce);
      String created = now.toString();
      pw = text(doc, token, WSSE, "wsse:Password", digest(nonce, created, password));
      pw.setAttribute("Type", DIGEST);
      Element n = text(doc, token, WSSE, "wsse:Nonce", Base64.getEncoder().encodeToString(nonce));
      n.setAttribute("EncodingType", BASE64);
      text(doc, token, WSU, "wsu:Created", created);
    } else {
      pw = text(doc, token, WSSE, "wsse:Password", password);
      pw.setAttribute("Type", TEXT);
    }
  }

  /**
   * The PasswordDigest: Base64(SHA-1(nonce + created + password)).
   *
   * @param nonce the raw nonce bytes
   * @param created the wsu:Created text
   * @param password the password
   * @return the digest
   */
  static String digest(byte[] nonce, String created, String password) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(nonce);
      sha1.update(created.getBytes(StandardCharsets.UTF_8));
      sha1.update((password == null ? "" : password).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(sha1.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JDK", e);
    }
  }

  private static Element text(Document doc, Element parent, String ns, String name, String value) {
    Element e = doc.createElementNS(ns, name);
    e.setTextContent(value);
    parent.appendChild(e);
    return e;
  }

  private static String prefix(Element e) {
    return e.getPrefix() == null ? "" : e.getPrefix() + ":";
  }
}
