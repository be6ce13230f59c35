package dev.plugboard.connectors.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The result of the HTTP connector: {@code {status, headers, body}}, plus {@code document} when
 * the body was returned as a document.
 *
 * @param status the HTTP status code
 * @param headers response headers, names in lower case, repeated headers joined with ", "
 * @param body the body: parsed JSON (maps, lists, scalars), a string, or {@code null} (no body,
 *     or returned as {@code document})
 * @param document the body as a document, only with responseFormat DOCUMENT (or AUTO and a
 *     binary content type)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HttpOutput(int status, Map<String, String> headers, Object body, Document document) {

  /**
   * A response body kept as bytes.
   *
   * @param content the bytes, base64-encoded
   * @param contentType the media type the server sent, {@code application/octet-stream} if none
   * @param size the number of bytes
   * @param fileName the file name from {@code Content-Disposition}, or {@code null}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Document(String content, String contentType, long size, String fileName) {}
}
