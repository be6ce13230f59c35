package dev.plugboard.connectors.email;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.TemplateProperty;
import java.util.Locale;

/** How the connection to the mail server is secured. */
public enum Security {
  /** Plain connection (only for servers inside a trusted network, or tests). */
  @TemplateProperty(label = "None (plain)")
  NONE,
  /** Plain connection upgraded with STARTTLS, which must succeed (SMTP 587, IMAP 143). */
  @TemplateProperty(label = "STARTTLS")
  STARTTLS,
  /** TLS from the first byte (SMTPS 465, IMAPS 993). */
  @TemplateProperty(label = "TLS (implicit)")
  TLS;

  /**
   * Reads a value case-insensitively ({@code starttls}, {@code SSL} for TLS).
   *
   * @param value the text
   * @return the constant; {@code null} for an empty value
   */
  @JsonCreator
  public static Security parse(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip().toUpperCase(Locale.ROOT);
    if (v.equals("SSL")) {
      return TLS;
    }
    try {
      return valueOf(v);
    } catch (IllegalArgumentException e) {
      throw new ConnectorException("INVALID_INPUT", "security '" + value
          + "' is not one of NONE, STARTTLS, TLS");
    }
  }
}
