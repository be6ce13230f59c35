package dev.plugboard.connectors.http.support;

import java.net.URI;
import java.util.Map;

/**
 * One HTTP request before authentication is applied.
 *
 * @param method the method, upper case
 * @param uri the absolute target, with its query string
 * @param headers request headers (insertion order kept); {@code Content-Type} included when there
 *     is a body
 * @param body the body, {@code null} for none
 */
public record OutgoingRequest(String method, URI uri, Map<String, String> headers, byte[] body) {

  /**
   * This request's endpoint for messages: method and URL without query string.
   *
   * @return the description
   */
  public String describe() {
    return Endpoints.describe(method, uri);
  }
}
