package dev.plugboard.legacy.flatfile;

import dev.plugboard.sdk.TemplateProperty;

/** What the flat file connector does. */
public enum FlatFileOperation {
  /** Reads a file from the drop folder into records. */
  @TemplateProperty(label = "Read file to records")
  READ,
  /** Writes records to a file in the drop folder. */
  @TemplateProperty(label = "Write records to file")
  WRITE,
  /** Turns text (from a variable) into records. */
  @TemplateProperty(label = "Parse text to records")
  PARSE,
  /** Turns records into text (into a variable). */
  @TemplateProperty(label = "Format records as text")
  FORMAT
}
