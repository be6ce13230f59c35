package dev.plugboard.legacy.files;

import dev.plugboard.sdk.TemplateProperty;

/** How file content is carried in process variables. */
public enum ContentEncoding {
  /** UTF-8 text. */
  @TemplateProperty(label = "Text (UTF-8)")
  TEXT,
  /** Base64 of the raw bytes, for binary files. */
  @TemplateProperty(label = "Base64 (binary)")
  BASE64
}
