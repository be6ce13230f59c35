package dev.plugboard.legacy.soap;

import dev.plugboard.sdk.TemplateProperty;

/** How a WS-Security UsernameToken carries the password. */
public enum PasswordType {
  /** No WS-Security header. */
  @TemplateProperty(label = "None")
  NONE,
  /** The password in clear (use only over HTTPS). */
  @TemplateProperty(label = "PasswordText")
  TEXT,
  /** Base64(SHA-1(nonce + created + password)): the password itself never travels. */
  @TemplateProperty(label = "PasswordDigest")
  DIGEST
}
