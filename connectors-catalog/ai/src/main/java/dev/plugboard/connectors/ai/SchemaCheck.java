package dev.plugboard.connectors.ai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.plugboard.sdk.ConnectorException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A JSON schema given in a task, compiled once per invocation, and the check of a model's answer
 * against it (networknt json-schema-validator, draft 2020-12 unless the schema says otherwise).
 */
final class SchemaCheck {

  private static final int MAX_ERRORS = 10;

  private final String text;
  private final JsonNode node;
  private final Schema schema;
  private final ObjectMapper mapper;

  private SchemaCheck(String text, JsonNode node, Schema schema, ObjectMapper mapper) {
    this.text = text;
    this.node = node;
    this.schema = schema;
    this.mapper = mapper;
  }

  /**
   * Reads the schema of a task: a map (from FEEL) or JSON text.
   *
   * @param value the task's value
   * @param mapper Jackson 2 mapper
   * @return the check, or {@code null} when no schema is given
   * @throws ConnectorException {@code INVALID_INPUT} when the value is not a usable schema
   */
  static SchemaCheck of(Object value, ObjectMapper mapper) {
    if (value == null || value instanceof String s && s.isBlank()) {
      return null;
    }
    JsonNode node;
    try {
      node = value instanceof String s ? mapper.readTree(s) : mapper.valueToTree(value);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new ConnectorException("INVALID_INPUT", "'jsonSchema' is not valid JSON: "
          + e.getMessage().split("\n")[0] + "; give a JSON schema object");
    }
    if (!node.isObject()) {
      throw new ConnectorException("INVALID_INPUT", "'jsonSchema' must be a JSON object (a JSON"
          + " schema), got " + node.getNodeType());
    }
    rejectRemoteRefs(node);
    String text = node.toString();
    try {
      Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(text, InputFormat.JSON);
      schema.initializeValidators();
      return new SchemaCheck(text, node, schema, mapper);
    } catch (RuntimeException e) {
      throw new ConnectorException("INVALID_INPUT", "'jsonSchema' is not a usable JSON schema: "
          + e.getMessage() + "; check it with a JSON schema validator", e);
    }
  }

  /** A schema from a process must not make the runtime fetch URLs: only local "#..." refs. */
  private static void rejectRemoteRefs(JsonNode node) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && !(ref.isTextual() && ref.asText().startsWith("#"))) {
        throw new ConnectorException("INVALID_INPUT", "'jsonSchema' uses $ref '" + ref.asText()
            + "'; only references inside the schema (#/...) are allowed: inline the referenced"
            + " schema");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        rejectRemoteRefs(it.next().getValue());
      }
    } else if (node.isArray()) {
      node.forEach(SchemaCheck::rejectRemoteRefs);
    }
  }

  /** The schema as compact JSON text. */
  String text() {
    return text;
  }

  /** The schema as a JSON tree. */
  JsonNode node() {
    return node;
  }

  /**
   * Checks a model's answer.
   *
   * @param answer the answer text (a Markdown code fence around the JSON is tolerated)
   * @return the parsed JSON, or the problems found
   */
  Outcome check(String answer) {
    String json = stripFence(answer == null ? "" : answer);
    JsonNode parsed;
    try {
      parsed = mapper.readTree(json);
    } catch (JsonProcessingException e) {
      parsed = null;
    }
    if (parsed == null || parsed.isMissingNode()) {
      return new Outcome(null, List.of("the answer is not JSON"));
    }
    List<Error> errors = schema.validate(parsed.toString(), InputFormat.JSON);
    if (errors.isEmpty()) {
      return new Outcome(parsed, List.of());
    }
    return new Outcome(null, errors.stream().limit(MAX_ERRORS)
        .map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList());
  }

  static String stripFence(String answer) {
    String t = answer.strip();
    if (t.startsWith("```")) {
      int firstLine = t.indexOf('\n');
      int end = t.lastIndexOf("```");
      if (firstLine > 0 && end > firstLine) {
        return t.substring(firstLine + 1, end).strip();
      }
    }
    return t;
  }

  /**
   * The result of a check.
   *
   * @param json the parsed answer when it fits, else {@code null}
   * @param problems what does not fit; empty when it fits
   */
  record Outcome(JsonNode json, List<String> problems) {
    boolean fits() {
      return problems.isEmpty();
    }
  }
}
