package dev.plugboard.legacy.sql;

import dev.plugboard.sdk.ConnectorException;
import java.util.ArrayList;
import java.util.List;

/**
 * A SQL statement with {@code :name} parameters, translated to JDBC {@code ?} placeholders.
 *
 * <p>Values only ever reach the database as bound JDBC parameters. To keep it that way the
 * parser refuses statements that look like they were assembled from values: positional
 * {@code ?} placeholders, template markers ({@code ${...}}, {@code #{...}}, <code>{{...}}</code>)
 * and several statements separated by {@code ;} (the classic stacked-query injection). String
 * literals, quoted identifiers, comments, PostgreSQL {@code ::} casts and dollar-quoted bodies
 * are skipped while looking for parameters.
 *
 * @param jdbcSql the statement with {@code ?} placeholders
 * @param parameterNames the parameter name of each placeholder, in order (names may repeat)
 */
public record NamedSql(String jdbcSql, List<String> parameterNames) {

  /**
   * Parses a statement.
   *
   * @param sql the statement as the modeler wrote it
   * @return the translated statement
   * @throws ConnectorException {@code SQL_STATEMENT_REFUSED} for a statement that splices values
   *     or stacks statements
   */
  public static NamedSql parse(String sql) {
    if (sql == null || sql.isBlank()) {
      throw refused("the statement is empty", "write one SQL statement");
    }
    String s = sql.strip();
    while (s.endsWith(";")) {
      s = s.substring(0, s.length() - 1).stripTrailing();
    }
    for (String marker : new String[] {"${", "#{", "{{"}) {
      if (s.contains(marker)) {
        throw refused("it contains the template marker '" + marker + "'",
            "pass values as named parameters (:name) in 'parameters' instead of splicing them in");
      }
    }
    StringBuilder out = new StringBuilder(s.length());
    List<String> names = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        int end = skipQuoted(s, i, c);
        out.append(s, i, end);
        i = end;
      } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
        int end = s.indexOf('\n', i);
        end = end < 0 ? n : end;
        out.append(s, i, end);
        i = end;
      } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
        int end = s.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        out.append(s, i, end);
        i = end;
      } else if (c == '$' && dollarTagEnd(s, i) > 0) {
        int tagEnd = dollarTagEnd(s, i);
        String tag = s.substring(i, tagEnd);
        int close = s.indexOf(tag, tagEnd);
        int end = close < 0 ? n : close + tag.length();
        out.append(s, i, end);
        i = end;
      } else if (c == ':' && i + 1 < n && s.charAt(i + 1) == ':') {
        out.append("::");
        i += 2;
      } else if (c == ':' && i + 1 < n && Character.isJavaIdentifierStart(s.charAt(i + 1))
          && (i == 0 || !Character.isJavaIdentifierPart(s.charAt(i - 1)))) {
        int j = i + 1;
        while (j < n && Character.isJavaIdentifierPart(s.charAt(j)) && s.charAt(j) != '$') {
          j++;
        }
        names.add(s.substring(i + 1, j));
        out.append('?');
        i = j;
      } else if (c == '?') {
        throw refused("it uses a positional '?' placeholder",
            "name every parameter (:name) and give its value in 'parameters'");
      } else if (c == ';') {
        throw refused("it holds more than one statement",
            "use the TRANSACTION operation with one entry per statement");
      } else {
        out.append(c);
        i++;
      }
    }
    return new NamedSql(out.toString(), List.copyOf(names));
  }

  private static int skipQuoted(String s, int start, char quote) {
    int i = start + 1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == quote) {
        if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
          i += 2; // doubled quote inside the literal
          continue;
        }
        return i + 1;
      }
      if (c == '\\' && quote != '"') {
        i += 2; // MariaDB escapes; harmless for PostgreSQL standard strings
        continue;
      }
      i++;
    }
    throw refused("a quoted string or identifier is not closed", "close the quote");
  }

  /** End of a PostgreSQL dollar-quote tag ({@code $$} or {@code $tag$}) starting at i, or -1. */
  private static int dollarTagEnd(String s, int i) {
    if (i > 0 && Character.isJavaIdentifierPart(s.charAt(i - 1))) {
      return -1;
    }
    int j = i + 1;
    while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
      j++;
    }
    if (j < s.length() && s.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(s.charAt(i + 1)))) {
      return j + 1;
    }
    return -1;
  }

  private static ConnectorException refused(String why, String what) {
    return new ConnectorException("SQL_STATEMENT_REFUSED",
        "The SQL statement is refused because " + why + ". To do: " + what + ".");
  }
}
