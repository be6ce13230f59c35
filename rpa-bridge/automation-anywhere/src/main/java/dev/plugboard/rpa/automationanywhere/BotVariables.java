package dev.plugboard.rpa.automationanywhere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between plain values and the Control Room's typed bot variables
 * ({@code {"type": "STRING", "string": "..."}}, {@code NUMBER}, {@code BOOLEAN}, {@code LIST},
 * {@code DICTIONARY}, {@code DATETIME}): process variables go in as typed values, output
 * variables come back as plain ones.
 */
final class BotVariables {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private BotVariables() {}

  /** The typed {@code botInput} object of a map of plain values. */
  static ObjectNode toBotInput(Map<String, Object> values) {
    ObjectNode input = NODES.objectNode();
    if (values != null) {
      values.forEach((name, value) -> {
        if (value != null) {
          input.set(name, typed(name, value));
        }
      });
    }
    return input;
  }

  private static ObjectNode typed(String name, Object value) {
    ObjectNode v = NODES.objectNode();
    if (value instanceof CharSequence s) {
      v.put("type", "STRING").put("string", s.toString());
    } else if (value instanceof Boolean b) {
      v.put("type", "BOOLEAN").put("boolean", b.toString());
    } else if (value instanceof Number n) {
      v.put("type", "NUMBER").put("number", new BigDecimal(n.toString()).toPlainString());
    } else if (value instanceof TemporalAccessor t) {
      v.put("type", "DATETIME").put("string", t.toString());
    } else if (value instanceof Iterable<?> list) {
      ArrayNode items = v.put("type", "LIST").putArray("list");
      for (Object item : list) {
        if (item == null) {
          throw new IllegalArgumentException("Input variable '" + name + "' has a null list item;"
              + " the Control Room has no typed value for null");
        }
        items.add(typed(name, item));
      }
    } else if (value instanceof Map<?, ?> map) {
      ArrayNode entries = v.put("type", "DICTIONARY").putArray("dictionary");
      map.forEach((k, item) -> {
        if (item != null) {
          entries.addObject().put("key", String.valueOf(k)).set("value", typed(name, item));
        }
      });
    } else {
      throw new IllegalArgumentException("Input variable '" + name + "' is a "
          + value.getClass().getSimpleName() + "; give a string, number, boolean, list or map");
    }
    return v;
  }

  /**
   * The plain values of the {@code botOutVariables} of an activity entry: its {@code values}
   * object (or the object itself when it has none).
   */
  static Map<String, Object> fromBotOutput(JsonNode botOutVariables) {
    Map<String, Object> out = new LinkedHashMap<>();
    JsonNode values = botOutVariables.has("values") ? botOutVariables.get("values")
        : botOutVariables;
    for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), plain(e.getValue()));
    }
    return out;
  }

  private static Object plain(JsonNode v) {
    if (!v.isObject() || !v.has("type")) {
      return v.isValueNode() ? v.asText() : v;
    }
    String type = v.path("type").asText();
    switch (type) {
      case "NUMBER" -> {
        String n = v.path("number").asText("");
        try {
          BigDecimal d = new BigDecimal(n.trim());
          return d.scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
              ? (Object) d.longValueExact() : (Object) d.doubleValue();
        } catch (ArithmeticException | NumberFormatException e) {
          return n;
        }
      }
      case "BOOLEAN" -> {
        return Boolean.parseBoolean(v.path("boolean").asText());
      }
      case "LIST" -> {
        List<Object> list = new ArrayList<>();
        v.path("list").forEach(item -> list.add(plain(item)));
        return list;
      }
      case "DICTIONARY" -> {
        Map<String, Object> map = new LinkedHashMap<>();
        v.path("dictionary").forEach(entry ->
            map.put(entry.path("key").asText(), plain(entry.path("value"))));
        return map;
      }
      default -> {
        // STRING, DATETIME and types without a plain form (FILE, RECORD...): their text
        JsonNode text = v.get(type.toLowerCase());
        return text != null && text.isValueNode() ? text.asText()
            : v.has("string") ? v.get("string").asText() : v;
      }
    }
  }
}
