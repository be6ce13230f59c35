package dev.plugboard.connectors.http.support;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An HTTP answer as received, whatever its status.
 *
 * @param method the method of the last request (a 303 redirect turns POST into GET)
 * @param uri the URL that answered (after redirects)
 * @param status the status code
 * @param headers the response headers, names in lower case
 * @param body the body bytes, empty when there was none
 */
public record RawResponse(
    String method, URI uri, int status, Map<String, List<String>> headers, byte[] body) {

  /**
   * The endpoint for messages: method and URL without query string.
   *
   * @return the description
   */
  public String describe() {
    return Endpoints.describe(method, uri);
  }

  /**
   * The first value of a header.
   *
   * @param name the header name, any case
   * @return the value, or {@code null}
   */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * The media type of the body without parameters, lower case.
   *
   * @return for example {@code application/json}; empty when the server sent none
   */
  public String mediaType() {
    String type = header("content-type");
    if (type == null) {
      return "";
    }
    int semi = type.indexOf(';');
    return (semi < 0 ? type : type.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  /**
   * The charset named in {@code Content-Type}, UTF-8 when none or an unknown one.
   *
   * @return the charset
   */
  public Charset charset() {
    String type = header("content-type");
    if (type != null) {
      for (String part : type.split(";")) {
        String p = part.trim();
        if (p.regionMatches(true, 0, "charset=", 0, 8)) {
          try {
            return Charset.forName(p.substring(8).replace("\"", "").trim());
          } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
          }
        }
      }
    }
    return StandardCharsets.UTF_8;
  }

  /**
   * The body decoded as text.
   *
   * @return the text
   */
  public String text() {
    return new String(body, charset());
  }

  /**
   * Whether the server says the body is JSON ({@code application/json} or {@code +json}).
   *
   * @return true for a JSON media type
   */
  public boolean isJson() {
    String type = mediaType();
    return type.equals("application/json") || type.endsWith("+json");
  }

  /**
   * The headers with one string per name (repeated headers joined with {@code ", "}), the form
   * a FEEL expression reads easily: {@code response.headers["content-type"]}.
   *
   * @return the headers
   */
  public Map<String, String> flatHeaders() {
    Map<String, String> out = new LinkedHashMap<>();
    headers.forEach((k, v) -> {
      if (!k.startsWith(":")) {
        out.put(k, String.join(", ", v));
      }
    });
    return out;
  }

  /**
   * The start of the body as text for an error message, with known secret values masked.
   *
   * @param max the most characters
   * @param secrets values to replace with {@code ***}
   * @return the snippet, empty for an empty body
   */
  public String snippet(int max, Set<String> secrets) {
    if (body.length == 0) {
      return "";
    }
    String type = mediaType();
    boolean textual = type.isEmpty() || type.startsWith("text/") || isJson()
        || type.endsWith("xml") || type.endsWith("+xml") || type.contains("form-urlencoded");
    if (!textual) {
      return "<" + body.length + " bytes of " + type + ">";
    }
    String text = new String(body, 0, Math.min(body.length, max * 4), charset()).strip();
    for (String secret : secrets) {
      if (secret != null && secret.length() >= 3) {
        text = text.replace(secret, "***");
      }
    }
    text = text.replaceAll("\\s+", " ");
    return text.length() > max ? text.substring(0, max) + "…" : text;
  }
}
