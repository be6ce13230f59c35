package dev.plugboard.legacy.flatfile;

import dev.plugboard.sdk.TemplateProperty;

/** The record format. */
public enum FlatFileFormat {
  /** Delimited values, optionally quoted, optionally with a header row. */
  @TemplateProperty(label = "CSV / delimited")
  CSV,
  /** Fields at fixed positions, one record per line. */
  @TemplateProperty(label = "Fixed width")
  FIXED_WIDTH
}
