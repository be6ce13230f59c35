package dev.plugboard.templates.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The BPMN 2.0 element type hierarchy ({@code bpmn:ServiceTask} is a {@code bpmn:Task} is a
 * {@code bpmn:Activity} ...), read from bpmn-moddle's meta-model ({@code bpmn.json}, fetched by npm
 * at build time like the schemas) — the same model the Camunda Modeler checks
 * {@code elementType} against.
 */
final class BpmnTypes {

  private static final String RESOURCE = OfficialSchema.RESOURCE_ROOT + "bpmn/bpmn.json";

  /** Each type with all of its supertypes, itself included, as prefixed names. */
  private final Map<String, Set<String>> supertypes;

  private BpmnTypes(Map<String, Set<String>> supertypes) {
    this.supertypes = supertypes;
  }

  static BpmnTypes load() {
    JsonNode model;
    try (InputStream in = BpmnTypes.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("BPMN meta-model " + RESOURCE + " is missing from the class"
            + " path; the template-validator build copies it from tools/template-validator/node_modules");
      }
      model = JsonMapper.builder().build().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    String prefix = model.path("prefix").asString();
    Map<String, JsonNode> byName = new HashMap<>();
    model.path("types").forEach(type -> byName.put(type.path("name").asString(), type));

    Map<String, Set<String>> supertypes = new HashMap<>();
    for (String name : byName.keySet()) {
      Set<String> all = new LinkedHashSet<>();
      collect(name, byName, prefix, all);
      supertypes.put(prefix + ":" + name, Set.copyOf(all));
    }
    return new BpmnTypes(Map.copyOf(supertypes));
  }

  private static void collect(String name, Map<String, JsonNode> byName, String prefix, Set<String> into) {
    String local = name.startsWith(prefix + ":") ? name.substring(prefix.length() + 1) : name;
    if (!into.add(prefix + ":" + local)) {
      return;
    }
    JsonNode type = byName.get(local);
    if (type != null) {
      type.path("superClass").forEach(superClass -> collect(superClass.asString(), byName, prefix, into));
    }
  }

  /** Whether {@code type} is a known BPMN type that is {@code baseType} or a subtype of it. */
  boolean isA(String type, String baseType) {
    Set<String> all = supertypes.get(type);
    return all != null && all.contains(baseType);
  }
}
