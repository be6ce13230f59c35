package dev.plugboard.legacy.flatfile;

import dev.plugboard.sdk.ConnectorException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fixed-width records (mainframe and ERP extracts): one record per line, fields by position. */
final class FixedWidthFormat {

  private FixedWidthFormat() {}

  static void checkLayout(List<FieldSpec> fields) {
    if (fields.isEmpty()) {
      throw new ConnectorException("INVALID_INPUT", "A fixed-width layout needs 'fields' with name, start and length.");
    }
    for (FieldSpec f : fields) {
      if (f.start() == null || f.length() == null) {
        throw new ConnectorException("INVALID_INPUT", "Field '" + f.name()
            + "' needs 'start' (1-based position) and 'length' in a fixed-width layout.");
      }
    }
  }

  static List<Map<String, Object>> parse(String text, List<FieldSpec> fields, int skipLines) {
    checkLayout(fields);
    List<Map<String, Object>> records = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = skipLines; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty() && i == lines.length - 1) {
        break; // the newline after the last record
      }
      if (line.isBlank()) {
        continue;
      }
      String where = "line " + (i + 1);
      Map<String, Object> record = new LinkedHashMap<>();
      for (FieldSpec f : fields) {
        int from = f.start() - 1;
        int to = from + f.length();
        String raw;
        if (to <= line.length()) {
          raw = line.substring(from, to);
        } else if (from < line.length() && !f.required()) {
          raw = line.substring(from); // trailing spaces are often cut off by the exporting system
        } else if (from >= line.length() && !f.required()) {
          raw = "";
        } else {
          throw new RecordInvalidException(where, f.name(), "positions " + f.start() + "-" + (to)
              + " lie beyond the end of the line (" + line.length() + " characters)");
        }
        record.put(f.name(), FieldCodec.read(f, raw, where));
      }
      records.add(record);
    }
    return records;
  }

  static String format(List<Map<String, Object>> records, List<FieldSpec> fields, String newline) {
    checkLayout(fields);
    int width = fields.stream().mapToInt(f -> f.start() - 1 + f.length()).max().orElse(0);
    StringBuilder out = new StringBuilder();
    int n = 0;
    for (Map<String, Object> record : records) {
      String where = "record " + (++n);
      char[] line = " ".repeat(width).toCharArray();
      for (FieldSpec f : fields) {
        String text = FieldCodec.pad(f, FieldCodec.write(f, record.get(f.name()), where), where);
        text.getChars(0, text.length(), line, f.start() - 1);
      }
      out.append(line).append(newline);
    }
    return out.toString();
  }
}
