package dev.plugboard.connectors.http.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.sdk.ConnectorException;
import java.io.IOException;
import java.util.Set;

/** Reads response bodies, with the {@code INVALID_RESPONSE} error when a body is not what it claims. */
public final class ResponseBodies {

  private ResponseBodies() {}

  /**
   * Parses the body as JSON into maps, lists and scalars.
   *
   * @param response the response
   * @param mapper the mapper
   * @param secrets values to mask in the message's body excerpt
   * @return the value, {@code null} for an empty body
   * @throws ConnectorException {@code INVALID_RESPONSE} naming the endpoint, the position of the
   *     fault and the start of the body
   */
  public static Object json(RawResponse response, ObjectMapper mapper, Set<String> secrets) {
    return json(response, mapper, secrets, "Check the URL, or set responseFormat to TEXT.");
  }

  /**
   * Parses the body as JSON into maps, lists and scalars, with the caller's advice in the error.
   *
   * @param response the response
   * @param mapper the mapper
   * @param secrets values to mask in the message's body excerpt
   * @param advice what the user can do when the body is not JSON, ending with a full stop
   * @return the value, {@code null} for an empty body
   * @throws ConnectorException {@code INVALID_RESPONSE} naming the endpoint, the position of the
   *     fault and the start of the body
   */
  public static Object json(RawResponse response, ObjectMapper mapper, Set<String> secrets,
      String advice) {
    if (response.body().length == 0 || response.text().isBlank()) {
      return null;
    }
    try {
      return mapper.readValue(response.body(), Object.class);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new ConnectorException("INVALID_RESPONSE", response.describe() + " answered HTTP "
          + response.status() + " with a body that is not valid JSON" + where + " (Content-Type '"
          + (response.mediaType().isEmpty() ? "none" : response.mediaType()) + "', body starts: "
          + response.snippet(120, secrets) + "). " + advice);
    } catch (IOException e) {
      throw new ConnectorException("INVALID_RESPONSE", response.describe()
          + " answered with a body that cannot be read: " + e.getMessage());
    }
  }
}
