package dev.plugboard.templates.validation;

import dev.plugboard.templates.validation.OfficialSchema.SchemaViolation;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates Camunda element templates the way the Camunda Modeler does before it offers them, so
 * that a template the modeler would silently drop is refused with a reason instead.
 *
 * <p>Checks, per template: a supported {@code $schema} (which also picks the flavor, Camunda 8 or
 * Camunda 7) not pinned to a newer schema release than the one on the class path; the official
 * JSON schema of that flavor (fetched by npm at build time, with the schema authors' own error
 * messages); {@code elementType.value} reachable from every {@code appliesTo} type (same BPMN
 * family, a subtype of one of them); {@code engines} values that are semver ranges; no property
 * whose {@code condition} points at itself (stated in the Camunda 8 schema with ajv's
 * {@code $data}, which neither networknt nor the official, precompiled validator evaluates).
 * {@link #validateAll(List)} adds the cross-template rule: id + version unique per flavor.
 *
 * <p>Instances are immutable and thread-safe; the compiled schemas are loaded once per class
 * loader and shared, so {@link #create()} is cheap after the first call.
 */
public final class TemplateValidator {

  private static final Logger LOG = LoggerFactory.getLogger(TemplateValidator.class);

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern PINNED_VERSION = Pattern.compile("@(\\d+)\\.(\\d+)\\.(\\d+)");
  /** The modeler morphs an element only within one of these families. */
  private static final List<String> MORPHABLE_TYPES = List.of("bpmn:Activity", "bpmn:Event", "bpmn:Gateway");

  /** Compiled once per class loader and shared: compiling both schemas takes a moment. */
  private static volatile TemplateValidator shared;

  private final Map<TemplateFlavor, OfficialSchema> schemas;
  private final BpmnTypes bpmnTypes;

  private TemplateValidator(Map<TemplateFlavor, OfficialSchema> schemas, BpmnTypes bpmnTypes) {
    this.schemas = schemas;
    this.bpmnTypes = bpmnTypes;
  }

  /**
   * A validator with both official schemas loaded from the class path.
   *
   * @throws IllegalStateException when the schema files are missing (the module was built without
   *     its npm step)
   */
  public static TemplateValidator create() {
    TemplateValidator loaded = shared;
    if (loaded == null) {
      synchronized (TemplateValidator.class) {
        loaded = shared;
        if (loaded == null) {
          loaded = load();
          shared = loaded;
        }
      }
    }
    return loaded;
  }

  private static TemplateValidator load() {
    long start = System.nanoTime();
    Map<TemplateFlavor, OfficialSchema> schemas = new EnumMap<>(TemplateFlavor.class);
    for (TemplateFlavor flavor : TemplateFlavor.values()) {
      schemas.put(flavor, OfficialSchema.load(flavor));
    }
    TemplateValidator validator = new TemplateValidator(Map.copyOf(schemas), BpmnTypes.load());
    LOG.debug("element template schemas loaded camunda8={} camunda7={} millis={}",
        validator.schemaVersion(TemplateFlavor.CAMUNDA_8), validator.schemaVersion(TemplateFlavor.CAMUNDA_7),
        (System.nanoTime() - start) / 1_000_000);
    return validator;
  }

  /** The official schema package version this validator checks a flavor against, e.g. {@code 0.46.0}. */
  public String schemaVersion(TemplateFlavor flavor) {
    return schemas.get(flavor).version();
  }

  /**
   * Validates one template object; the flavor is chosen by its {@code $schema}.
   *
   * @param template one element template (not an array of them)
   * @return its problems; empty when the modeler would accept it
   */
  public List<TemplateProblem> validate(com.fasterxml.jackson.databind.JsonNode template) {
    Objects.requireNonNull(template, "template");
    // networknt 3 works on Jackson 3 trees; the text round trip keeps numbers and order exact.
    return validateTree(JSON.readTree(template.toString())).problems();
  }

  /**
   * Validates templates that are published together (a plugin's, a folder's): each one as
   * {@link #validate} does, plus the rule that id + version is unique per flavor. A repeated
   * id + version is reported on every template after the first one.
   *
   * @param templates the templates, each one object
   * @return all problems, in the order of the templates
   */
  public List<TemplateProblem> validateAll(List<com.fasterxml.jackson.databind.JsonNode> templates) {
    Objects.requireNonNull(templates, "templates");
    List<TemplateProblem> problems = new ArrayList<>();
    Map<String, Integer> firstIndex = new HashMap<>();
    for (int index = 0; index < templates.size(); index++) {
      com.fasterxml.jackson.databind.JsonNode template = templates.get(index);
      if (template == null) {
        problems.add(new TemplateProblem(null, null, null,
            "templates[" + index + "] is null; a template must be a JSON object"));
        continue;
      }
      Checked checked = validateTree(JSON.readTree(template.toString()));
      problems.addAll(checked.problems());
      if (checked.flavor() != null && checked.id() != null) {
        String key = checked.flavor() + "\u0000" + checked.id() + "\u0000" + checked.versionKey();
        Integer first = firstIndex.putIfAbsent(key, index);
        if (first != null) {
          String what = checked.versionKey().equals("_")
              ? "template id <" + checked.id() + "> (without version)"
              : "template id <" + checked.id() + "> and version <" + checked.versionKey() + ">";
          problems.add(new TemplateProblem(checked.id(), checked.version(), null,
              what + " already used by templates[" + first + "]: the modeler keeps only one of them;"
                  + " raise the version of the newer template"));
        }
      }
    }
    return List.copyOf(problems);
  }

  private Checked validateTree(JsonNode template) {
    if (!template.isObject()) {
      return new Checked(null, null, "_", null, List.of(new TemplateProblem(null, null, null,
          "a template must be a JSON object, got " + template.getNodeType().name().toLowerCase())));
    }
    String id = template.path("id").isString() ? template.path("id").asString() : null;
    JsonNode versionNode = template.path("version");
    Integer version = versionNode.isIntegralNumber() && versionNode.canConvertToInt() ? versionNode.asInt() : null;
    String versionKey = versionNode.isMissingNode() || versionNode.isNull() ? "_" : versionNode.toString();
    Problems problems = new Problems(id, version);

    // (1) $schema selects the flavor; the modeler refuses a missing or foreign one.
    JsonNode schemaNode = template.path("$schema");
    Optional<TemplateFlavor> flavor =
        schemaNode.isString() ? TemplateFlavor.ofSchema(schemaNode.asString()) : Optional.empty();
    if (schemaNode.isMissingNode()) {
      problems.add(null, "missing $schema: set it to " + officialUrls());
    } else if (flavor.isEmpty()) {
      problems.add(null, "unsupported $schema " + schemaNode + ": use " + officialUrls());
    }
    if (flavor.isEmpty()) {
      return new Checked(id, version, versionKey, null, problems.list());
    }
    OfficialSchema schema = schemas.get(flavor.get());

    // (2) A $schema pinned to a newer release than ours may use rules we do not know.
    Matcher pinned = PINNED_VERSION.matcher(schemaNode.asString());
    if (pinned.find() && compareVersions(pinned, schema.version()) > 0) {
      problems.add(null, "unsupported element template schema version <" + pinned.group(0).substring(1)
          + ">: this validator supports up to <" + schema.version() + ">; use the unversioned $schema "
          + flavor.get().schemaUrl());
    }

    // (3) elementType must be reachable from appliesTo.
    checkElementType(template, problems);

    // (4) The official JSON schema.
    checkSchema(schema, template, problems);

    // (5) engines values must be semver ranges.
    JsonNode engines = template.path("engines");
    if (engines.isObject()) {
      for (Map.Entry<String, JsonNode> engine : engines.properties()) {
        JsonNode range = engine.getValue();
        if (!range.isString() || !SemverRange.isValid(range.asString())) {
          problems.add(null, "engine <" + engine.getKey() + "> specifies invalid semver range " + range
              + ": write a range such as \"^8.6\" or \">=7.20\"");
        }
      }
    }

    // (6) A condition on the property itself would hide it for good.
    JsonNode properties = template.path("properties");
    for (int index = 0; properties.isArray() && index < properties.size(); index++) {
      JsonNode property = properties.get(index);
      JsonNode propertyId = property.path("id");
      if (!propertyId.isMissingNode() && conditionProperties(property.path("condition")).contains(propertyId)) {
        problems.add(propertyName(property, index), "invalid condition.property " + propertyId
            + ": a property cannot depend on itself, point the condition at another property");
      }
    }
    return new Checked(id, version, versionKey, flavor.get(), problems.list());
  }

  private void checkElementType(JsonNode template, Problems problems) {
    JsonNode elementType = template.path("elementType").path("value");
    JsonNode appliesTo = template.path("appliesTo");
    if (!elementType.isString() || !appliesTo.isArray()) {
      return;
    }
    String target = elementType.asString();
    boolean reachable = false;
    for (JsonNode type : appliesTo) {
      reachable |= type.isString() && bpmnTypes.isA(target, type.asString());
    }
    if (!reachable) {
      problems.add(null, "template does not apply to requested element type <" + target
          + ">: elementType.value must be one of appliesTo " + appliesTo + " or a subtype of one");
      return;
    }
    for (JsonNode type : appliesTo) {
      if (type.isString() && !canMorph(type.asString(), target)) {
        problems.add(null, "can not morph <" + type.asString() + "> into <" + target
            + ">: appliesTo and elementType must both be activities, events or gateways");
        return;
      }
    }
  }

  private boolean canMorph(String source, String target) {
    if (source.equals(target)) {
      return true;
    }
    return MORPHABLE_TYPES.stream()
        .filter(family -> bpmnTypes.isA(source, family))
        .findFirst()
        .map(family -> bpmnTypes.isA(target, family))
        .orElse(false);
  }

  private static void checkSchema(OfficialSchema schema, JsonNode template, Problems problems) {
    List<SchemaViolation> violations = schema.validate(template);
    // As the modeler does: show the schema authors' messages and type errors; the raw output
    // repeats one fault for every unmatched branch of oneOf/anyOf. A fault that only has raw
    // errors (no custom message at that place) is still reported, once per place.
    Set<String> coveredPlaces = new LinkedHashSet<>();
    List<SchemaViolation> shown = new ArrayList<>();
    for (SchemaViolation violation : violations) {
      if (violation.custom() || ("type".equals(violation.keyword()) && !violation.instancePath().isEmpty())) {
        shown.add(violation);
        coveredPlaces.add(place(violation.instancePath()));
      }
    }
    for (SchemaViolation violation : violations) {
      if (!shown.contains(violation) && coveredPlaces.add(place(violation.instancePath()))) {
        shown.add(violation);
      }
    }
    for (SchemaViolation violation : shown) {
      List<Object> path = violation.instancePath();
      String property = null;
      List<Object> within = path;
      if (path.size() >= 2 && "properties".equals(path.get(0)) && path.get(1) instanceof Integer index) {
        property = propertyName(template.path("properties").path(index), index);
        within = path.subList(2, path.size());
      }
      String where = jsonPath(within);
      problems.add(property, where.isEmpty() ? violation.message() : where + ": " + violation.message());
    }
  }

  /** A template property, or the top-level field, that a fault is about. */
  private static String place(List<Object> path) {
    if (path.isEmpty()) {
      return "";
    }
    if (path.size() >= 2 && "properties".equals(path.get(0))) {
      return "properties/" + path.get(1);
    }
    return String.valueOf(path.get(0));
  }

  private static String jsonPath(List<Object> path) {
    StringBuilder text = new StringBuilder();
    for (Object segment : path) {
      if (segment instanceof Integer index) {
        text.append('[').append(index).append(']');
      } else {
        if (!text.isEmpty()) {
          text.append('.');
        }
        text.append(segment);
      }
    }
    return text.toString();
  }

  /** A property's name for messages: its id, else its binding's name/key, else its index. */
  static String propertyName(JsonNode property, int index) {
    if (property.path("id").isString()) {
      return property.path("id").asString();
    }
    JsonNode binding = property.path("binding");
    for (String key : List.of("name", "property", "key", "source", "target", "variables")) {
      if (binding.path(key).isString()) {
        return binding.path(key).asString();
      }
    }
    return "properties[" + index + "]";
  }

  private static List<JsonNode> conditionProperties(JsonNode condition) {
    if (!condition.isObject()) {
      return List.of();
    }
    if (condition.path("allMatch").isArray()) {
      List<JsonNode> all = new ArrayList<>();
      condition.path("allMatch").forEach(part -> all.addAll(conditionProperties(part)));
      return all;
    }
    return condition.has("property") ? List.of(condition.get("property")) : List.of();
  }

  private static int compareVersions(Matcher pinned, String supported) {
    String[] ours = supported.split("[.-]");
    for (int i = 0; i < 3; i++) {
      int theirs = Integer.parseInt(pinned.group(i + 1));
      int mine = i < ours.length ? Integer.parseInt(ours[i]) : 0;
      if (theirs != mine) {
        return Integer.compare(theirs, mine);
      }
    }
    return 0;
  }

  private static String officialUrls() {
    return TemplateFlavor.CAMUNDA_8.schemaUrl() + " (Camunda 8) or " + TemplateFlavor.CAMUNDA_7.schemaUrl()
        + " (Camunda 7)";
  }

  /** Problems of one template, de-duplicated, in the order found. */
  private static final class Problems {
    private final String id;
    private final Integer version;
    private final Set<TemplateProblem> problems = new LinkedHashSet<>();

    Problems(String id, Integer version) {
      this.id = id;
      this.version = version;
    }

    void add(String property, String message) {
      problems.add(new TemplateProblem(id, version, property, message));
    }

    List<TemplateProblem> list() {
      return List.copyOf(problems);
    }
  }

  private record Checked(String id, Integer version, String versionKey, TemplateFlavor flavor,
      List<TemplateProblem> problems) {}
}
