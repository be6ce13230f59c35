package dev.plugboard.legacy.sql;

import java.util.regex.Pattern;

/** Makes JDBC URLs safe to show: credentials written into a URL are masked. */
final class JdbcUrls {

  private static final Pattern USER_INFO = Pattern.compile("//[^/@?;]*@");
  private static final Pattern CREDENTIAL_PARAM = Pattern.compile(
      "(?i)([?&;](?:password|pwd|user|username|accesstoken|sslpassword)=)[^&;]*");

  private JdbcUrls() {}

  /**
   * The URL with user info and credential parameters replaced by {@code ***}.
   *
   * @param url a JDBC URL, may be {@code null}
   * @return the redacted URL
   */
  static String redact(String url) {
    if (url == null) {
      return null;
    }
    String out = USER_INFO.matcher(url).replaceAll("//***@");
    return CREDENTIAL_PARAM.matcher(out).replaceAll("$1***");
  }

  /**
   * The URL without any query part: host, port and database only.
   *
   * @param url a JDBC URL
   * @return the URL cut at the first {@code ?} or {@code ;}
   */
  static String hostPart(String url) {
    String r = redact(url);
    int cut = r.length();
    for (char c : new char[] {'?', ';'}) {
      int i = r.indexOf(c);
      if (i > 0 && i < cut) {
        cut = i;
      }
    }
    return r.substring(0, cut);
  }
}
