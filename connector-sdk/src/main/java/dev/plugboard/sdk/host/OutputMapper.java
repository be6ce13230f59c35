package dev.plugboard.sdk.host;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.sdk.ConnectorException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/** Converts what a route or function returned into the connector's declared output type. */
public final class OutputMapper {

  private OutputMapper() {}

  /**
   * Converts a route's final body, or a function's result, to {@code outputType}: JSON text
   * (a {@code String}, {@code byte[]} or stream) is parsed unless the output type is text itself;
   * anything else goes through Jackson.
   *
   * @param connectorType for error messages
   * @param body the value
   * @param outputType the declared output type
   * @param mapper the mapper to use
   * @return the converted value, {@code null} for a {@code null} body or a {@code Void} output
   * @throws ConnectorException with code {@code INVALID_OUTPUT} when the value does not fit
   */
  public static Object toOutput(String connectorType, Object body, Type outputType, ObjectMapper mapper) {
    if (body == null || outputType == Void.class || outputType == void.class) {
      return null;
    }
    JavaType target = mapper.constructType(outputType);
    try {
      if (body instanceof InputStream in) {
        body = in.readAllBytes();
      }
      if (body instanceof byte[] bytes) {
        if (target.getRawClass() == byte[].class) {
          return bytes;
        }
        body = new String(bytes, StandardCharsets.UTF_8);
      }
      if (body instanceof String s) {
        if (target.getRawClass() == String.class || target.getRawClass() == Object.class
            && !looksLikeJson(s)) {
          return s;
        }
        return mapper.readValue(s, target);
      }
      if (target.getRawClass().isInstance(body)) {
        return body;
      }
      return mapper.convertValue(body, target);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConnectorException("INVALID_OUTPUT",
          "Connector '" + connectorType + "' returned a value that is not a valid "
              + target.getRawClass().getSimpleName() + ": " + e.getClass().getSimpleName(), e);
    }
  }

  private static boolean looksLikeJson(String s) {
    String t = s.strip();
    return t.startsWith("{") || t.startsWith("[");
  }
}
