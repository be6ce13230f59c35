package dev.plugboard.legacy.flatfile;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * One field of a record layout.
 *
 * @param name the JSON property name
 * @param start fixed width: the first position, 1-based
 * @param length fixed width: the number of characters
 * @param column CSV: the column, 1-based; empty means "by header name", or the field's position
 * @param type how the text is read and written (default STRING)
 * @param format DATE: the pattern (default {@code yyyy-MM-dd}); BOOLEAN: {@code "Y/N"} style true/false texts
 * @param scale DECIMAL: implied decimal places in the text (fixed-width mainframe style); empty for a written point
 * @param trim whether to trim the text when reading (default true)
 * @param padding fixed width: the padding character when writing (default space; {@code 0} is common for numbers)
 * @param align fixed width: {@code LEFT} or {@code RIGHT} when writing (default: numbers right, text left)
 * @param required whether an empty value is an error
 */
public record FieldSpec(
    @NotBlank String name,
    @Min(1) Integer start,
    @Min(1) Integer length,
    @Min(1) Integer column,
    FieldType type,
    String format,
    @Min(0) Integer scale,
    Boolean trim,
    String padding,
    String align,
    Boolean required) {

  /** Applies defaults. */
  public FieldSpec {
    type = type == null ? FieldType.STRING : type;
    trim = trim == null || trim;
    required = required != null && required;
  }

  boolean numeric() {
    return type == FieldType.INTEGER || type == FieldType.DECIMAL;
  }

  char paddingChar() {
    return padding == null || padding.isEmpty() ? ' ' : padding.charAt(0);
  }

  boolean alignRight() {
    return align == null || align.isBlank() ? numeric() : align.equalsIgnoreCase("RIGHT");
  }
}
