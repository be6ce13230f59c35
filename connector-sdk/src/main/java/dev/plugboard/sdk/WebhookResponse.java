package dev.plugboard.sdk;

import java.util.Map;

/**
 * The answer to a webhook request.
 *
 * @param status HTTP status
 * @param headers response headers
 * @param body the body, serialized as JSON unless it is a {@code String} or {@code byte[]}; may be
 *     {@code null}
 */
public record WebhookResponse(int status, Map<String, String> headers, Object body) {

  /**
   * A JSON answer without extra headers.
   *
   * @param status HTTP status
   * @param body the body
   * @return the response
   */
  public static WebhookResponse of(int status, Object body) {
    return new WebhookResponse(status, Map.of(), body);
  }
}
