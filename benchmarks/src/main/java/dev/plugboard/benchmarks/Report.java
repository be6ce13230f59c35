package dev.plugboard.benchmarks;

import java.util.ArrayList;
import java.util.List;

/** The table the run prints: fixed-width text, also valid as a Markdown table. */
final class Report {

  private static final String[] HEADER =
      {"issue", "measure", "value", "baseline (same run)", "ratio", "goal", "result"};

  private Report() {}

  static String table(List<Row> rows) {
    List<String[]> cells = new ArrayList<>();
    cells.add(HEADER);
    for (Row r : rows) {
      cells.add(new String[] {r.issue(), r.measure(), r.value(), r.baseline(), r.ratio(),
          r.goal(), r.verdict()});
    }
    int[] width = new int[HEADER.length];
    for (String[] row : cells) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < cells.size(); r++) {
      line(out, cells.get(r), width);
      if (r == 0) {
        String[] dashes = new String[width.length];
        for (int i = 0; i < width.length; i++) {
          dashes[i] = "-".repeat(width[i]);
        }
        line(out, dashes, width);
      }
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String[] cells, int[] width) {
    out.append('|');
    for (int i = 0; i < cells.length; i++) {
      out.append(' ').append(cells[i]).append(" ".repeat(width[i] - cells[i].length()))
          .append(" |");
    }
    out.append('\n');
  }
}
