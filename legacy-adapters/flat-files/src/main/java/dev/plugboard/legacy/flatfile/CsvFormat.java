package dev.plugboard.legacy.flatfile;

import dev.plugboard.sdk.ConnectorException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CSV records (RFC 4180 quoting; any delimiter and quote character). */
final class CsvFormat {

  private final char delimiter;
  private final char quote;
  private final boolean header;

  CsvFormat(String delimiter, String quote, boolean header) {
    this.delimiter = delimiter == null || delimiter.isEmpty() ? ',' : unescape(delimiter);
    this.quote = quote == null || quote.isEmpty() ? '"' : quote.charAt(0);
    this.header = header;
  }

  private static char unescape(String d) {
    return d.equals("\\t") || d.equalsIgnoreCase("tab") ? '\t' : d.charAt(0);
  }

  /** A physical row with the line number it starts on. */
  private record Row(int line, List<String> cells) {}

  private List<Row> rows(String text) {
    List<Row> rows = new ArrayList<>();
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    int line = 1;
    int rowStart = 1;
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == quote) {
          if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
            cell.append(quote);
            i++;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          cell.append(c);
        }
      } else if (c == quote && cell.length() == 0) {
        quoted = true;
        any = true;
      } else if (c == delimiter) {
        cells.add(cell.toString());
        cell.setLength(0);
        any = true;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        if (any || cell.length() > 0) {
          cells.add(cell.toString());
          rows.add(new Row(rowStart, cells));
        }
        cells = new ArrayList<>();
        cell.setLength(0);
        any = false;
        line++;
        rowStart = line;
      } else {
        cell.append(c);
        any = true;
      }
    }
    if (quoted) {
      throw new RecordInvalidException("line " + rowStart, null, "a quoted value is not closed");
    }
    if (any || cell.length() > 0) {
      cells.add(cell.toString());
      rows.add(new Row(rowStart, cells));
    }
    return rows;
  }

  List<Map<String, Object>> parse(String text, List<FieldSpec> fields, int skipLines) {
    List<Row> rows = rows(text);
    int first = 0;
    while (first < rows.size() && rows.get(first).line() <= skipLines) {
      first++;
    }
    List<String> names = null;
    if (header && first < rows.size()) {
      names = rows.get(first).cells().stream().map(String::strip).toList();
      first++;
    }
    List<FieldSpec> layout = fields;
    if (layout.isEmpty()) {
      if (names == null) {
        throw new ConnectorException("INVALID_INPUT",
            "A CSV without a header row needs 'fields' (name and column) to name its columns.");
      }
      layout = names.stream().map(n -> new FieldSpec(n, null, null, null, null, null, null, null, null, null, null)).toList();
    }
    int[] columns = new int[layout.size()];
    for (int k = 0; k < layout.size(); k++) {
      FieldSpec f = layout.get(k);
      if (f.column() != null) {
        columns[k] = f.column() - 1;
      } else if (names != null) {
        columns[k] = names.indexOf(f.name());
        if (columns[k] < 0) {
          throw new RecordInvalidException("line " + rows.get(first - 1).line(), f.name(),
              "the header row has no column of that name (columns: " + names + ")");
        }
      } else {
        columns[k] = k;
      }
    }
    List<Map<String, Object>> records = new ArrayList<>();
    for (int r = first; r < rows.size(); r++) {
      Row row = rows.get(r);
      String where = "line " + row.line();
      Map<String, Object> record = new LinkedHashMap<>();
      for (int k = 0; k < layout.size(); k++) {
        FieldSpec f = layout.get(k);
        if (columns[k] >= row.cells().size()) {
          throw new RecordInvalidException(where, f.name(), "column " + (columns[k] + 1)
              + " is missing; the line has " + row.cells().size() + " columns");
        }
        record.put(f.name(), FieldCodec.read(f, row.cells().get(columns[k]), where));
      }
      records.add(record);
    }
    return records;
  }

  String format(List<Map<String, Object>> records, List<FieldSpec> fields, String newline) {
    List<FieldSpec> layout = fields;
    if (layout.isEmpty()) {
      if (records.isEmpty()) {
        return "";
      }
      layout = records.get(0).keySet().stream()
          .map(n -> new FieldSpec(n, null, null, null, null, null, null, null, null, null, null)).toList();
    }
    StringBuilder out = new StringBuilder();
    if (header) {
      List<String> names = layout.stream().map(FieldSpec::name).toList();
      appendRow(out, names, newline);
    }
    int n = 0;
    for (Map<String, Object> record : records) {
      String where = "record " + (++n);
      List<String> cells = new ArrayList<>();
      for (FieldSpec f : layout) {
        cells.add(FieldCodec.write(f, record.get(f.name()), where));
      }
      appendRow(out, cells, newline);
    }
    return out.toString();
  }

  private void appendRow(StringBuilder out, List<String> cells, String newline) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(delimiter);
      }
      String v = cells.get(i);
      boolean needsQuotes = v.indexOf(delimiter) >= 0 || v.indexOf(quote) >= 0 || v.indexOf('\n') >= 0
          || v.indexOf('\r') >= 0;
      if (needsQuotes) {
        String q = String.valueOf(quote);
        out.append(quote).append(v.replace(q, q + q)).append(quote);
      } else {
        out.append(v);
      }
    }
    out.append(newline);
  }
}
