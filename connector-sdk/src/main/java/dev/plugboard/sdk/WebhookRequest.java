package dev.plugboard.sdk;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request received at {@code /inbound/{path}}.
 *
 * @param method the HTTP method, upper case
 * @param path the path segment after {@code /inbound/}
 * @param headers request headers; names in lower case
 * @param query query parameters
 * @param body the raw body, never {@code null}
 */
public record WebhookRequest(
    String method,
    String path,
    Map<String, List<String>> headers,
    Map<String, List<String>> query,
    byte[] body) {

  /**
   * The first value of a header, looked up without regard to case.
   *
   * @param name the header name
   * @return the value, or {@code null} when absent
   */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * The body decoded as UTF-8.
   *
   * @return the body text
   */
  public String bodyAsString() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
