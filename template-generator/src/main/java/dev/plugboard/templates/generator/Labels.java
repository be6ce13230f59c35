package dev.plugboard.templates.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Turns Java names into form labels and secret names. */
final class Labels {

  private static final Set<String> ACRONYMS = Set.of(
      "id", "url", "uri", "http", "https", "api", "json", "xml", "sql", "csv", "ftp", "sftp",
      "smtp", "imap", "jms", "jwt", "hmac", "ssl", "tls", "ttl", "ip", "dn", "rpa", "llm", "ai");

  private Labels() {}

  /**
   * {@code apiKey} → "API key", {@code baseUrl} → "Base URL", {@code timeoutMs} → "Timeout ms".
   *
   * @param javaName a camelCase name
   * @return the label
   */
  static String humanize(String javaName) {
    List<String> words = split(javaName);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i).toLowerCase(Locale.ROOT);
      if (ACRONYMS.contains(w)) {
        w = w.toUpperCase(Locale.ROOT);
      } else if (i == 0) {
        w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
      }
      if (i > 0) {
        out.append(' ');
      }
      out.append(w);
    }
    return out.toString();
  }

  /**
   * An enum constant as a label: short upper-case names stay ({@code GET}), longer ones become
   * words ({@code BEARER_TOKEN} → "Bearer token").
   *
   * @param constant the constant name
   * @return the label
   */
  static String constant(String constant) {
    if (constant.length() <= 6 && constant.equals(constant.toUpperCase(Locale.ROOT))
        && !constant.contains("_")) {
      return constant;
    }
    return humanize(constant.toLowerCase(Locale.ROOT));
  }

  /**
   * The secret name suggested for a field: {@code apiKey} → {@code API_KEY}.
   *
   * @param javaName the field name
   * @return the name in upper snake case
   */
  static String secretName(String javaName) {
    return String.join("_", split(javaName)).toUpperCase(Locale.ROOT);
  }

  private static List<String> split(String name) {
    List<String> words = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    char[] cs = name.toCharArray();
    for (int i = 0; i < cs.length; i++) {
      char c = cs[i];
      if (c == '_' || c == '-' || c == ' ' || c == '.') {
        flush(words, cur);
        continue;
      }
      boolean boundary = Character.isUpperCase(c) && cur.length() > 0
          && (Character.isLowerCase(cur.charAt(cur.length() - 1))
              || i + 1 < cs.length && Character.isLowerCase(cs[i + 1]));
      if (boundary) {
        flush(words, cur);
      }
      cur.append(c);
    }
    flush(words, cur);
    return words;
  }

  private static void flush(List<String> words, StringBuilder cur) {
    if (cur.length() > 0) {
      words.add(cur.toString());
      cur.setLength(0);
    }
  }
}
