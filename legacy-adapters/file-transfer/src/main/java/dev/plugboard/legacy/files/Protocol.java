package dev.plugboard.legacy.files;

import dev.plugboard.sdk.TemplateProperty;

/** The file transfer protocol. */
public enum Protocol {
  /** SSH File Transfer Protocol, port 22. */
  @TemplateProperty(label = "SFTP")
  SFTP,
  /** Plain FTP, port 21; credentials travel unencrypted. */
  @TemplateProperty(label = "FTP")
  FTP,
  /** FTP with explicit TLS (AUTH TLS), port 21. */
  @TemplateProperty(label = "FTPS (explicit TLS)")
  FTPS
}
