package dev.plugboard.templates.validation;

import com.networknt.schema.Error;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The human messages the Camunda schema authors wrote for their schema ({@code
 * resources/error-messages.json} of each schema package, in the format of ajv-errors'
 * {@code errorMessage}), applied to networknt's errors so that both validators speak alike.
 *
 * <p>ajv-errors semantics kept here: a string message replaces every error raised at or below the
 * schema that carries it; an object message keyed by keyword replaces only that keyword's error on
 * that very schema ({@code required} may be keyed further by the missing property). Templates such
 * as {@code ${0}}, {@code ${0#}} and {@code ${1/binding/type}} are relative JSON pointers from the
 * data the schema applies to.
 */
final class SchemaErrorMessages {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\d+)(#|/[^}]*)?}");

  private final List<Entry> entries = new ArrayList<>();

  SchemaErrorMessages(JsonNode errorMessages) {
    for (JsonNode entry : errorMessages) {
      List<String> path = new ArrayList<>();
      entry.path("path").forEach(segment -> path.add(segment.asString()));
      entries.add(new Entry(List.copyOf(path), entry.path("errorMessage")));
    }
    // Deepest first: a nested errorMessage takes an error before an enclosing one does.
    entries.sort(Comparator.comparingInt((Entry e) -> e.path().size()).reversed());
  }

  /**
   * The schema authors' message for one error, or {@code null} when they wrote none for it.
   *
   * @param schemaPath the failed keyword's location in the schema (ending with the keyword)
   * @param error the networknt error
   * @param instancePath where the error is in the template
   * @param template the template, to fill in placeholders
   */
  String messageFor(List<String> schemaPath, Error error, List<Object> instancePath, JsonNode template) {
    for (Entry entry : entries) {
      if (!startsWith(schemaPath, entry.path())) {
        continue;
      }
      List<String> below = schemaPath.subList(entry.path().size(), schemaPath.size());
      String message = select(entry.message(), below, error);
      if (message != null) {
        List<Object> dataPath = dataPathOfSchema(instancePath, below);
        return fill(message, dataPath, template);
      }
    }
    return null;
  }

  private static String select(JsonNode message, List<String> below, Error error) {
    if (message.isString()) {
      return message.asString();
    }
    if (message.isObject() && below.size() == 1 && below.get(0).equals(error.getKeyword())) {
      JsonNode forKeyword = message.get(error.getKeyword());
      if (forKeyword == null) {
        return null;
      }
      if (forKeyword.isString()) {
        return forKeyword.asString();
      }
      JsonNode forProperty = error.getProperty() == null ? null : forKeyword.get(error.getProperty());
      return forProperty != null && forProperty.isString() ? forProperty.asString() : null;
    }
    return null;
  }

  /**
   * The data the message's schema applied to: the error's instance path minus one level per
   * {@code properties/<name>}, {@code items} or {@code additionalProperties} step taken inside it.
   */
  private static List<Object> dataPathOfSchema(List<Object> instancePath, List<String> below) {
    int depth = 0;
    for (int i = 0; i < below.size() - 1; i++) {
      String segment = below.get(i);
      switch (segment) {
        case "properties", "patternProperties" -> {
          depth++;
          i++;
        }
        case "items", "additionalProperties", "contains", "additionalItems" -> depth++;
        default -> {
          // allOf/anyOf/oneOf/if/then/else/not and their indexes stay on the same data
        }
      }
    }
    int keep = Math.max(0, instancePath.size() - depth);
    return instancePath.subList(0, keep);
  }

  private static String fill(String message, List<Object> dataPath, JsonNode template) {
    Matcher matcher = PLACEHOLDER.matcher(message);
    StringBuilder filled = new StringBuilder();
    while (matcher.find()) {
      int up = Integer.parseInt(matcher.group(1));
      String rest = matcher.group(2);
      List<Object> base = dataPath.subList(0, Math.max(0, dataPath.size() - up));
      String replacement;
      if ("#".equals(rest)) {
        replacement = base.isEmpty() ? "" : String.valueOf(base.get(base.size() - 1));
      } else {
        JsonNode node = at(template, base);
        if (node != null && rest != null) {
          node = node.at(rest);
        }
        replacement = node == null || node.isMissingNode() ? "undefined" : node.toString();
      }
      matcher.appendReplacement(filled, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(filled);
    return filled.toString();
  }

  private static JsonNode at(JsonNode root, List<Object> path) {
    JsonNode node = root;
    for (Object segment : path) {
      if (node == null) {
        return null;
      }
      node = segment instanceof Integer index ? node.get(index) : node.get(String.valueOf(segment));
    }
    return node;
  }

  private static boolean startsWith(List<String> path, List<String> prefix) {
    return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
  }

  private record Entry(List<String> path, JsonNode message) {}
}
