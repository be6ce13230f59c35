package dev.plugboard.connectors.http.support;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.Map;

/**
 * Reads a map input from a map, or from JSON object text: Camunda 7 / Operaton input parameters
 * written in the modeler's text fields arrive as strings ({@code {"X-Request-Id": "r-1"}}), FEEL
 * and JUEL expressions as maps. A blank string is no map.
 */
public final class MapOrJsonText extends StdDeserializer<Map<String, Object>> {

  private static final long serialVersionUID = 1L;
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  /** For Jackson. */
  public MapOrJsonText() {
    super(Map.class);
  }

  @Override
  public Map<String, Object> deserialize(JsonParser p, DeserializationContext ctxt)
      throws IOException {
    if (p.currentToken() == JsonToken.VALUE_STRING) {
      String text = p.getText().strip();
      if (text.isEmpty()) {
        return null;
      }
      try {
        return p.getCodec() instanceof com.fasterxml.jackson.databind.ObjectMapper m
            ? m.readValue(text, MAP)
            : new com.fasterxml.jackson.databind.ObjectMapper().readValue(text, MAP);
      } catch (JsonProcessingException e) {
        throw ctxt.weirdStringException("<text>", Map.class,
            "must be a map, or JSON object text such as {\"name\": \"value\"}");
      }
    }
    return ctxt.readValue(p, ctxt.getTypeFactory().constructType(MAP));
  }

  @Override
  public Map<String, Object> getNullValue(DeserializationContext ctxt) {
    return null;
  }
}
