package dev.plugboard.legacy.flatfile;

import dev.plugboard.sdk.FeelMode;
import dev.plugboard.sdk.PropertyType;
import dev.plugboard.sdk.TemplateGroup;
import dev.plugboard.sdk.TemplateProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;

/**
 * Input of the flat file connector.
 *
 * @param operation what to do
 * @param format fixed width or CSV
 * @param fields the record layout
 * @param content PARSE: the text
 * @param records FORMAT, WRITE: the records
 * @param path READ, WRITE: the file, relative to the drop folder
 * @param charset the file's character set (UTF-8, ISO-8859-1, windows-1252, IBM1047 EBCDIC, ...)
 * @param delimiter CSV delimiter (default ",", {@code \t} for tab)
 * @param quote CSV quote character (default ")
 * @param header CSV: the first row names the columns (default true)
 * @param skipLines lines to skip before the records (and before a CSV header)
 * @param lineEnding LF or CRLF when writing
 * @param overwrite WRITE: replace an existing file
 * @param maxBytes READ: refuse larger files
 */
@TemplateGroup(id = "operation", label = "Operation")
@TemplateGroup(id = "layout", label = "Record layout")
@TemplateGroup(id = "advanced", label = "Advanced")
public record FlatFileInput(
    @TemplateProperty(group = "operation", label = "Operation", defaultValue = "READ")
    @NotNull FlatFileOperation operation,

    @TemplateProperty(group = "layout", label = "Format", defaultValue = "CSV")
    @NotNull FlatFileFormat format,

    @TemplateProperty(group = "layout", label = "Fields", feel = FeelMode.REQUIRED,
        description = "A FEEL list of fields: {name, start, length} for fixed width, {name, column} or just"
            + " {name} (by header) for CSV; optional type (STRING, INTEGER, DECIMAL, DATE, BOOLEAN),"
            + " format (date pattern or \"Y/N\"), scale (implied decimals), trim, padding, align, required")
    List<@Valid FieldSpec> fields,

    @TemplateProperty(group = "operation", label = "Text", type = PropertyType.TEXT, feel = FeelMode.OPTIONAL,
        conditionProperty = "operation", conditionEquals = "PARSE")
    String content,

    @TemplateProperty(group = "operation", label = "Records", feel = FeelMode.REQUIRED,
        description = "A FEEL list of contexts, one per record",
        conditionProperty = "operation", conditionEquals = {"FORMAT", "WRITE"})
    List<Map<String, Object>> records,

    @TemplateProperty(group = "operation", label = "File", placeholder = "inbox/vendors-20260131.txt",
        description = "Relative to the runtime's drop folder; a path leading outside it is refused",
        conditionProperty = "operation", conditionEquals = {"READ", "WRITE"})
    String path,

    @TemplateProperty(group = "layout", label = "Character set", defaultValue = "UTF-8",
        description = "For example UTF-8, ISO-8859-1, windows-1252, or IBM1047 (EBCDIC)")
    String charset,

    @TemplateProperty(group = "layout", label = "CSV delimiter", defaultValue = ",",
        description = "One character; \\t for tab", conditionProperty = "format", conditionEquals = "CSV")
    String delimiter,

    @TemplateProperty(group = "layout", label = "CSV quote", defaultValue = "\"",
        conditionProperty = "format", conditionEquals = "CSV")
    String quote,

    @TemplateProperty(group = "layout", label = "CSV header row", defaultValue = "true",
        conditionProperty = "format", conditionEquals = "CSV")
    Boolean header,

    @TemplateProperty(group = "advanced", label = "Lines to skip", defaultValue = "0")
    @Min(0) Integer skipLines,

    @TemplateProperty(group = "advanced", label = "Line ending", defaultValue = "LF",
        choices = {"LF:LF (Unix)", "CRLF:CRLF (Windows, mainframe transfer)"})
    String lineEnding,

    @TemplateProperty(group = "advanced", label = "Overwrite an existing file", defaultValue = "false",
        conditionProperty = "operation", conditionEquals = "WRITE")
    Boolean overwrite,

    @TemplateProperty(group = "advanced", label = "Largest file (bytes)", defaultValue = "52428800")
    @Min(1) Long maxBytes) {

  /** Applies defaults. */
  public FlatFileInput {
    fields = fields == null ? List.of() : fields;
    records = records == null ? List.of() : records;
    charset = charset == null || charset.isBlank() ? "UTF-8" : charset;
    header = header == null || header;
    skipLines = skipLines == null ? 0 : skipLines;
    lineEnding = lineEnding == null || lineEnding.isBlank() ? "LF" : lineEnding;
    overwrite = overwrite != null && overwrite;
    maxBytes = maxBytes == null ? 50L * 1024 * 1024 : maxBytes;
  }

  @Override
  public String toString() {
    return "FlatFileInput[operation=" + operation + ", format=" + format + ", path=" + path
        + ", fields=" + fields.size() + ", records=" + records.size() + "]";
  }
}
