package dev.plugboard.templates.generator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugboard.sdk.Connector;
import dev.plugboard.sdk.WebhookConnector;
import dev.plugboard.sdk.host.ConnectorDefinition;
import dev.plugboard.templates.generator.InputIntrospector.Group;
import dev.plugboard.templates.generator.InputIntrospector.Model;
import dev.plugboard.templates.generator.PropertySpec.Choice;
import dev.plugboard.templates.generator.PropertySpec.Condition;
import dev.plugboard.templates.generator.PropertySpec.Feel;
import dev.plugboard.templates.generator.PropertySpec.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a connector class into Camunda element templates, in the Camunda 8 (Zeebe) and the
 * Camunda 7 / Operaton flavor.
 *
 * <p>An outbound connector gets one template per flavor (id = the connector type) for service
 * tasks; an inbound connector gets four per flavor, one per {@link InboundElement} (id = the
 * connector type + {@link InboundElement#idSuffix()}). The standard properties the runtime reads
 * (result and error mapping, retries; for inbound connectors activation, correlation and
 * deduplication) are added after the connector's own; their ids are the constants of this class
 * and are documented in {@code docs/templates.md}.
 *
 * <pre>{@code
 * for (GeneratedTemplate t : TemplateGenerator.create().generate(MyConnector.class)) {
 *   Files.writeString(dir.resolve(t.resourcePath()), t.json());
 * }
 * }</pre>
 *
 * <p>Output is deterministic: the same class gives byte-equal JSON. A class with a broken
 * annotation fails with a {@link TemplateDefinitionException} naming the class and field.
 */
public final class TemplateGenerator {

  /** The Camunda 8 engine range written into {@code engines.camunda}. */
  public static final String CAMUNDA8_ENGINES = "^8.6";

  /** Outbound: result variable (Camunda 8 task header, Camunda 7 extension property). */
  public static final String RESULT_VARIABLE = "resultVariable";
  /** Outbound: FEEL result expression. */
  public static final String RESULT_EXPRESSION = "resultExpression";
  /** Outbound: FEEL error expression ({@code bpmnError(...)}, {@code jobError(...)}). */
  public static final String ERROR_EXPRESSION = "errorExpression";
  /** Outbound: number of retries. */
  public static final String RETRIES = "retries";
  /** Outbound: ISO-8601 backoff between retries. */
  public static final String RETRY_BACKOFF = "retryBackoff";

  /** Inbound: the connector type. */
  public static final String INBOUND_TYPE = "inbound.type";
  /** Inbound: the webhook path under {@code /inbound/}, when the properties have no {@code path}. */
  public static final String INBOUND_PATH = "inbound.path";
  /** Inbound: FEEL condition on the event; false drops the event. */
  public static final String INBOUND_ACTIVATION_CONDITION = "inbound.activationCondition";
  /** Inbound: FEEL expression that computes the correlation key from the event. */
  public static final String INBOUND_CORRELATION_KEY_EXPRESSION = "inbound.correlationKeyExpression";
  /** Inbound, Camunda 8: the process side of the correlation key (message subscription). */
  public static final String INBOUND_CORRELATION_KEY_PROCESS = "inbound.correlationKeyProcess";
  /** Inbound, Camunda 7: the process variable that holds the correlation key. */
  public static final String INBOUND_CORRELATION_VARIABLE = "inbound.correlationVariable";
  /** Inbound, Camunda 8: the message name (generated, hidden). */
  public static final String INBOUND_MESSAGE_NAME = "inbound.messageName";
  /** Inbound: FEEL expression that computes a message id for deduplication. */
  public static final String INBOUND_MESSAGE_ID_EXPRESSION = "inbound.messageIdExpression";
  /** Inbound: variable that receives the whole event. */
  public static final String INBOUND_RESULT_VARIABLE = "inbound.resultVariable";
  /** Inbound: FEEL expression that maps the event to variables. */
  public static final String INBOUND_RESULT_EXPRESSION = "inbound.resultExpression";
  /** Inbound, webhooks: FEEL on the event and the correlation giving the HTTP answer. */
  public static final String INBOUND_RESPONSE_EXPRESSION = "inbound.responseExpression";

  private static final String ISO_DURATION =
      "^P(\\d+D)?(T(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private TemplateGenerator() {}

  /**
   * A generator. It keeps no state; one instance can serve many classes.
   *
   * @return the generator
   */
  public static TemplateGenerator create() {
    return new TemplateGenerator();
  }

  /**
   * Generates all templates of a connector class in both flavors, Camunda 8 first.
   *
   * @param connectorClass a class annotated with {@link Connector}
   * @return the templates
   * @throws TemplateDefinitionException naming the class and field when an annotation is broken
   */
  public List<GeneratedTemplate> generate(Class<?> connectorClass) {
    List<GeneratedTemplate> all = new ArrayList<>(generate(connectorClass, Flavor.CAMUNDA8));
    all.addAll(generate(connectorClass, Flavor.CAMUNDA7));
    return all;
  }

  /**
   * Generates the templates of a connector class in one flavor.
   *
   * @param connectorClass a class annotated with {@link Connector}
   * @param flavor the flavor
   * @return one template for an outbound connector, four for an inbound one
   * @throws TemplateDefinitionException naming the class and field when an annotation is broken
   */
  public List<GeneratedTemplate> generate(Class<?> connectorClass, Flavor flavor) {
    ConnectorDefinition def;
    try {
      def = ConnectorDefinition.of(connectorClass);
    } catch (IllegalArgumentException e) {
      throw new TemplateDefinitionException(e.getMessage(), e);
    }
    Connector c = def.annotation();
    String icon = icon(connectorClass, c.icon());
    if (!def.kind().inbound()) {
      Model model = InputIntrospector.read(connectorClass, def.inputType(), outboundReserved());
      ObjectNode t = outbound(def, model, flavor, icon);
      return List.of(new GeneratedTemplate(flavor, def.type(), c.version(),
          TemplateFiles.fileName(def.type(), c.version()), t));
    }
    Model model = InputIntrospector.read(connectorClass, def.inputType(), inboundReserved());
    List<GeneratedTemplate> result = new ArrayList<>();
    for (InboundElement element : InboundElement.values()) {
      String id = def.type() + element.idSuffix();
      ObjectNode t = inbound(def, model, flavor, icon, element);
      result.add(new GeneratedTemplate(flavor, id, c.version(),
          TemplateFiles.fileName(id, c.version()), t));
    }
    return result;
  }

  // ---------------------------------------------------------------------------------------------
  // outbound

  private ObjectNode outbound(ConnectorDefinition def, Model model, Flavor flavor, String icon) {
    Connector c = def.annotation();
    ObjectNode t = header(def, flavor, def.type(), c.name(), List.of("bpmn:Task"),
        "bpmn:ServiceTask", false);
    List<Group> groups = new ArrayList<>(model.groups());
    groups.add(new Group("output", "Output mapping"));
    groups.add(new Group("error", "Error handling"));
    groups.add(new Group("retries", "Retries"));
    writeGroups(t, groups);
    ArrayNode props = t.putArray("properties");
    Map<String, PropertySpec> byId = index(model);
    boolean c8 = flavor == Flavor.CAMUNDA8;
    if (c8) {
      props.add(hidden("taskDefinitionType", def.type(),
          binding("zeebe:taskDefinition", "property", "type")));
    } else {
      props.add(hidden("camunda.type", "external", binding("property", "name", "camunda:type")));
      props.add(hidden("camunda.topic", def.type(), binding("property", "name", "camunda:topic")));
    }
    for (PropertySpec p : model.properties()) {
      String bindingType = c8 ? "zeebe:input" : "camunda:inputParameter";
      String key = c8 ? "name" : "name";
      props.add(property(p, flavor, binding(bindingType, key, p.bindingName()), byId));
    }
    String headerType = c8 ? "zeebe:taskHeader" : "camunda:property";
    String headerKey = c8 ? "key" : "name";
    props.add(standard(flavor, RESULT_VARIABLE, "Result variable",
        "Name of the process variable that receives the connector's whole result.",
        "output", Kind.STRING, Feel.NONE, null, binding(headerType, headerKey, RESULT_VARIABLE)));
    props.add(standard(flavor, RESULT_EXPRESSION, "Result expression",
        "FEEL expression that maps the result (available as response) to process variables;"
            + " it returns a context, for example = {orderId: response.id}.",
        "output", Kind.TEXT, Feel.REQUIRED, null,
        binding(headerType, headerKey, RESULT_EXPRESSION)));
    props.add(standard(flavor, ERROR_EXPRESSION, "Error expression",
        "FEEL expression evaluated after each execution, with error (code, message) on failure"
            + " and response on success: return bpmnError(code, message) to throw a BPMN error,"
            + " jobError(message) to fail the job.",
        "error", Kind.TEXT, Feel.REQUIRED, null,
        binding(headerType, headerKey, ERROR_EXPRESSION)));
    props.add(standard(flavor, RETRIES, "Retries",
        "How often a failed execution is retried before an incident is raised.",
        "retries", Kind.STRING, Feel.NONE, String.valueOf(c.retries()), false, "^[0-9]+$",
        "Must be a whole number such as 3",
        c8 ? binding("zeebe:taskDefinition", "property", "retries")
            : binding("camunda:property", "name", RETRIES)));
    props.add(standard(flavor, RETRY_BACKOFF, "Retry backoff",
        "How long to wait before a retry, as an ISO-8601 duration such as PT10S.",
        "retries", Kind.STRING, Feel.NONE, c.retryBackoff(), false, ISO_DURATION,
        "Must be an ISO-8601 duration such as PT10S",
        binding(headerType, headerKey, RETRY_BACKOFF)));
    footer(t, def, flavor, icon);
    return t;
  }

  // ---------------------------------------------------------------------------------------------
  // inbound

  private ObjectNode inbound(ConnectorDefinition def, Model model, Flavor flavor, String icon,
      InboundElement element) {
    Connector c = def.annotation();
    boolean c8 = flavor == Flavor.CAMUNDA8;
    ObjectNode t = header(def, flavor, def.type() + element.idSuffix(),
        c.name() + " (" + element.label() + ")", element.appliesTo(), element.elementType(),
        c8 && element.messageEvent());
    boolean webhook = WebhookConnector.class.isAssignableFrom(def.connectorClass());
    boolean ownPath = model.properties().stream().anyMatch(p -> p.id().equals("path"));
    List<Group> groups = new ArrayList<>();
    if (webhook && !ownPath) {
      groups.add(new Group("webhook", "Webhook"));
    }
    groups.addAll(model.groups());
    groups.add(new Group("activation", "Activation"));
    if (element.correlates()) {
      groups.add(new Group("correlation", "Correlation"));
    }
    groups.add(new Group("deduplication", "Deduplication"));
    groups.add(new Group("output", "Output mapping"));
    if (webhook) {
      groups.add(new Group("response", "Webhook response"));
    }
    writeGroups(t, groups);

    String bindingType = c8 ? "zeebe:property" : "camunda:property";
    ArrayNode props = t.putArray("properties");
    props.add(hidden(INBOUND_TYPE, def.type(), binding(bindingType, "name", INBOUND_TYPE)));
    if (c8 && element.messageEvent() || c8 && element == InboundElement.RECEIVE_TASK) {
      ObjectNode name = JSON.objectNode();
      name.put("id", INBOUND_MESSAGE_NAME);
      name.put("type", "Hidden");
      name.putObject("generatedValue").put("type", "uuid");
      name.set("binding", binding("bpmn:Message#property", "name", "name"));
      props.add(name);
    }
    if (webhook && !ownPath) {
      props.add(standard(flavor, INBOUND_PATH, "Webhook path",
          "The path of the webhook: requests to POST /inbound/<path> reach this element."
              + " Unique across all deployed processes.",
          "webhook", Kind.STRING, Feel.NONE, null, true, "^[a-zA-Z0-9_-]+$",
          "Use letters, digits, '_' and '-' only", binding(bindingType, "name", INBOUND_PATH)));
    }
    Map<String, PropertySpec> byId = index(model);
    for (PropertySpec p : model.properties()) {
      props.add(property(p, flavor, binding(bindingType, "name", p.bindingName()), byId));
    }
    props.add(standard(flavor, INBOUND_ACTIVATION_CONDITION, "Activation condition",
        "FEEL condition on the event (available as the variables of the request); when it is"
            + " false the event is dropped. Leave empty to accept every event.",
        "activation", Kind.TEXT, Feel.REQUIRED, null,
        binding(bindingType, "name", INBOUND_ACTIVATION_CONDITION)));
    if (element.correlates()) {
      props.add(standard(flavor, INBOUND_CORRELATION_KEY_EXPRESSION,
          "Correlation key (event)",
          "FEEL expression that computes the correlation key from the event, for example"
              + " = request.body.orderId.",
          "correlation", Kind.STRING, Feel.REQUIRED, null, true, null, null,
          binding(bindingType, "name", INBOUND_CORRELATION_KEY_EXPRESSION)));
      if (c8) {
        props.add(standard(flavor, INBOUND_CORRELATION_KEY_PROCESS, "Correlation key (process)",
            "FEEL expression of the waiting process instance that must equal the event's key,"
                + " for example = orderId.",
            "correlation", Kind.STRING, Feel.REQUIRED, null, true, null, null,
            binding("bpmn:Message#zeebe:subscription#property", "name", "correlationKey")));
      } else {
        props.add(standard(flavor, INBOUND_CORRELATION_VARIABLE, "Correlation variable (process)",
            "Name of the process variable whose value must equal the event's correlation key,"
                + " for example orderId.",
            "correlation", Kind.STRING, Feel.NONE, null, true, null, null,
            binding(bindingType, "name", INBOUND_CORRELATION_VARIABLE)));
      }
    }
    props.add(standard(flavor, INBOUND_MESSAGE_ID_EXPRESSION, "Message ID expression",
        "FEEL expression that computes a unique id for the event; a second event with the same"
            + " id is not correlated again. Leave empty to correlate every event.",
        "deduplication", Kind.STRING, Feel.REQUIRED, null,
        binding(bindingType, "name", INBOUND_MESSAGE_ID_EXPRESSION)));
    props.add(standard(flavor, INBOUND_RESULT_VARIABLE, "Result variable",
        "Name of the process variable that receives the whole event.",
        "output", Kind.STRING, Feel.NONE, null,
        binding(bindingType, "name", INBOUND_RESULT_VARIABLE)));
    props.add(standard(flavor, INBOUND_RESULT_EXPRESSION, "Result expression",
        "FEEL expression that maps the event to process variables, for example"
            + " = {orderId: request.body.orderId}.",
        "output", Kind.TEXT, Feel.REQUIRED, null,
        binding(bindingType, "name", INBOUND_RESULT_EXPRESSION)));
    if (webhook) {
      props.add(standard(flavor, INBOUND_RESPONSE_EXPRESSION, "Response expression",
          "FEEL context that shapes the HTTP answer, on the request and the correlation"
              + " (correlation.status, correlation.processInstanceId), for example"
              + " = {statusCode: 201, body: {id: correlation.processInstanceId}}. Missing keys"
              + " keep the connector's answer.",
          "response", Kind.TEXT, Feel.REQUIRED, null,
          binding(bindingType, "name", INBOUND_RESPONSE_EXPRESSION)));
    }
    footer(t, def, flavor, icon);
    return t;
  }

  // ---------------------------------------------------------------------------------------------
  // template parts

  private ObjectNode header(ConnectorDefinition def, Flavor flavor, String id, String name,
      List<String> appliesTo, String elementType, boolean messageEvent) {
    Connector c = def.annotation();
    ObjectNode t = JSON.objectNode();
    t.put("$schema", flavor.schema());
    t.put("name", name);
    t.put("id", id);
    if (!c.description().isBlank()) {
      t.put("description", c.description());
    }
    if (!c.documentationRef().isBlank()) {
      t.put("documentationRef", c.documentationRef());
    }
    t.put("version", c.version());
    if (flavor == Flavor.CAMUNDA8 && !c.category().isBlank()) {
      ObjectNode category = t.putObject("category");
      category.put("id", slug(c.category()));
      category.put("name", c.category());
    }
    if (c.keywords().length > 0) {
      ArrayNode kw = t.putArray("keywords");
      for (String k : new LinkedHashSet<>(List.of(c.keywords()))) {
        kw.add(k);
      }
    }
    ArrayNode applies = t.putArray("appliesTo");
    appliesTo.forEach(applies::add);
    ObjectNode et = t.putObject("elementType");
    et.put("value", elementType);
    if (messageEvent) {
      et.put("eventDefinition", "bpmn:MessageEventDefinition");
    }
    if (flavor == Flavor.CAMUNDA8) {
      t.putObject("engines").put("camunda", CAMUNDA8_ENGINES);
    }
    return t;
  }

  private static void footer(ObjectNode t, ConnectorDefinition def, Flavor flavor, String icon) {
    if (icon != null) {
      t.putObject("icon").put("contents", icon);
    }
  }

  private static void writeGroups(ObjectNode t, List<Group> groups) {
    ArrayNode arr = t.putArray("groups");
    for (Group g : groups) {
      arr.addObject().put("id", g.id()).put("label", g.label());
    }
  }

  private static Map<String, PropertySpec> index(Model model) {
    Map<String, PropertySpec> byId = new HashMap<>();
    model.properties().forEach(p -> byId.put(p.id(), p));
    return byId;
  }

  private static ObjectNode binding(String type, String key, String name) {
    ObjectNode b = JSON.objectNode();
    b.put("type", type);
    b.put(key, name);
    return b;
  }

  private static ObjectNode hidden(String id, String value, ObjectNode binding) {
    ObjectNode p = JSON.objectNode();
    p.put("id", id);
    p.put("type", "Hidden");
    p.put("value", value);
    p.set("binding", binding);
    return p;
  }

  /** A standard property of the generator: optional, no conditions. */
  private ObjectNode standard(Flavor flavor, String id, String label, String description,
      String group, Kind kind, Feel feel, String value, ObjectNode binding) {
    return standard(flavor, id, label, description, group, kind, feel, value, false, null, null,
        binding);
  }

  /** A standard property with constraints. */
  private ObjectNode standard(Flavor flavor, String id, String label, String description,
      String group, Kind kind, Feel feel, String value, boolean notEmpty, String pattern,
      String patternMessage, ObjectNode binding) {
    PropertySpec spec = new PropertySpec(id, id, label, description, "", group, kind, feel, value,
        "", List.of(), List.of(), notEmpty, null, null, pattern, patternMessage, false,
        "generator");
    return property(spec, flavor, binding, Map.of());
  }

  private ObjectNode property(PropertySpec p, Flavor flavor, ObjectNode binding,
      Map<String, PropertySpec> byId) {
    return flavor == Flavor.CAMUNDA8 ? camunda8(p, binding, byId) : camunda7(p, binding, byId);
  }

  private ObjectNode camunda8(PropertySpec p, ObjectNode binding, Map<String, PropertySpec> byId) {
    ObjectNode o = JSON.objectNode();
    o.put("id", p.id());
    o.put("label", p.label());
    if (!p.description().isEmpty()) {
      o.put("description", p.description());
    }
    if (!p.tooltip().isEmpty()) {
      o.put("tooltip", p.tooltip());
    }
    o.put("group", p.group());
    o.put("type", typeName(p.kind()));
    if (p.value() != null) {
      switch (p.kind()) {
        case NUMBER -> {
          if (p.value().matches("-?\\d+")) {
            o.put("value", Long.parseLong(p.value()));
          } else if (p.value().matches("-?\\d+\\.\\d+")) {
            o.put("value", new java.math.BigDecimal(p.value()));
          } else {
            o.put("value", p.value());
          }
        }
        case BOOLEAN -> o.put("value", Boolean.parseBoolean(p.value()));
        default -> o.put("value", p.value());
      }
    } else if (p.kind() == Kind.BOOLEAN) {
      o.put("value", false);
    }
    if (!p.placeholder().isEmpty()) {
      o.put("placeholder", p.placeholder());
    }
    String bindingType = binding.get("type").asText();
    // Empty optional fields leave no property behind instead of an empty one. Not on zeebe:input:
    // since Camunda 8.8 an empty input mapping resolves to null, and the validator warns there.
    boolean optionalBinding =
        bindingType.equals("zeebe:property") || bindingType.equals("zeebe:taskHeader");
    if (optionalBinding && !p.notEmpty() && p.value() == null
        && (p.kind() == Kind.STRING || p.kind() == Kind.TEXT || p.kind() == Kind.NUMBER)) {
      o.put("optional", true);
    }
    String feel = switch (p.feel()) {
      case OPTIONAL -> "optional";
      case REQUIRED -> "required";
      case STATIC -> "static";
      case NONE -> (p.kind() == Kind.NUMBER || p.kind() == Kind.BOOLEAN)
          && (bindingType.equals("zeebe:input") || bindingType.equals("zeebe:output"))
          ? "static" : null;
    };
    if (feel != null) {
      o.put("feel", feel);
    }
    if (p.kind() == Kind.DROPDOWN) {
      ArrayNode choices = o.putArray("choices");
      for (Choice c : p.choices()) {
        choices.addObject().put("name", c.name()).put("value", c.value());
      }
    }
    o.set("binding", binding);
    constraints(o, p, p.notEmpty());
    if (!p.conditions().isEmpty()) {
      List<ObjectNode> conds = new ArrayList<>();
      for (Condition c : p.conditions()) {
        conds.add(condition(c, byId.get(c.property())));
      }
      if (conds.size() == 1) {
        o.set("condition", conds.get(0));
      } else {
        ArrayNode all = o.putObject("condition").putArray("allMatch");
        conds.forEach(all::add);
      }
    }
    return o;
  }

  private static ObjectNode condition(Condition c, PropertySpec target) {
    ObjectNode o = JSON.objectNode();
    o.put("property", c.property());
    boolean bool = target != null && target.kind() == Kind.BOOLEAN;
    if (c.equals().size() == 1) {
      if (bool) {
        o.put("equals", Boolean.parseBoolean(c.equals().get(0)));
      } else {
        o.put("equals", c.equals().get(0));
      }
    } else {
      ArrayNode arr = o.putArray("oneOf");
      c.equals().forEach(arr::add);
    }
    return o;
  }

  private ObjectNode camunda7(PropertySpec p, ObjectNode binding, Map<String, PropertySpec> byId) {
    ObjectNode o = JSON.objectNode();
    o.put("id", p.id());
    o.put("label", p.label());
    String description = p.description().isEmpty() ? p.tooltip() : p.description();
    if (!p.conditions().isEmpty()) {
      // Camunda 7 templates have no conditions: say in words when the field applies.
      List<String> when = new ArrayList<>();
      for (Condition c : p.conditions()) {
        PropertySpec target = byId.get(c.property());
        String label = target == null ? c.property() : target.label();
        List<String> values = new ArrayList<>();
        for (String v : c.equals()) {
          String name = v;
          if (target != null) {
            name = target.choices().stream().filter(ch -> ch.value().equals(v))
                .map(Choice::name).findFirst().orElse(v);
          }
          values.add(name);
        }
        when.add(label + " is " + String.join(" or ", values));
      }
      String note = "Only when " + String.join(" and ", when) + ".";
      description = description.isEmpty() ? note : note + " " + description;
    }
    if (p.feel() == Feel.REQUIRED) {
      String hint = "Write a FEEL expression starting with =.";
      description = description.isEmpty() ? hint : description + " " + hint;
    }
    if (!description.isEmpty()) {
      o.put("description", description);
    }
    o.put("group", p.group());
    String bindingType = binding.get("type").asText();
    Kind kind = p.kind();
    List<Choice> choices = p.choices();
    if (kind == Kind.BOOLEAN) {
      // Camunda 7 input parameters and extension properties have no checkbox.
      kind = Kind.DROPDOWN;
      choices = List.of(new Choice("true", "Yes"), new Choice("false", "No"));
    } else if (kind == Kind.NUMBER) {
      kind = Kind.STRING;
    } else if (kind == Kind.TEXT && bindingType.equals("camunda:property")) {
      kind = Kind.STRING;
    }
    o.put("type", typeName(kind));
    String value = p.value();
    if (value == null && p.kind() == Kind.BOOLEAN) {
      value = "false";
    }
    if (value != null) {
      o.put("value", value);
    }
    if (!p.placeholder().isEmpty() && (kind == Kind.STRING || kind == Kind.TEXT)) {
      o.put("placeholder", p.placeholder());
    }
    if (kind == Kind.DROPDOWN) {
      ArrayNode arr = o.putArray("choices");
      for (Choice c : choices) {
        arr.addObject().put("name", c.name()).put("value", c.value());
      }
    }
    o.set("binding", binding);
    // A shown-but-irrelevant subtype field must not block the form.
    constraints(o, p, p.notEmpty() && p.conditions().isEmpty());
    return o;
  }

  private static void constraints(ObjectNode o, PropertySpec p, boolean notEmpty) {
    if (!notEmpty && p.minLength() == null && p.maxLength() == null && p.pattern() == null) {
      return;
    }
    ObjectNode c = o.putObject("constraints");
    if (notEmpty) {
      c.put("notEmpty", true);
    } else if (o.path("optional").asBoolean()) {
      // the Camunda 8 schema wants an optional property's constraints to say notEmpty: false
      c.put("notEmpty", false);
    }
    if (p.minLength() != null) {
      c.put("minLength", p.minLength());
    }
    if (p.maxLength() != null) {
      c.put("maxLength", p.maxLength());
    }
    if (p.pattern() != null) {
      c.putObject("pattern").put("value", p.pattern()).put("message", p.patternMessage());
    }
  }

  private static String typeName(Kind kind) {
    return switch (kind) {
      case STRING -> "String";
      case TEXT -> "Text";
      case NUMBER -> "Number";
      case BOOLEAN -> "Boolean";
      case DROPDOWN -> "Dropdown";
      case HIDDEN -> "Hidden";
    };
  }

  private static Set<String> outboundReserved() {
    return Set.of("taskDefinitionType", "camunda.type", "camunda.topic", RESULT_VARIABLE,
        RESULT_EXPRESSION, ERROR_EXPRESSION, RETRIES, RETRY_BACKOFF);
  }

  private static Set<String> inboundReserved() {
    return Set.of(INBOUND_TYPE, INBOUND_PATH, INBOUND_ACTIVATION_CONDITION,
        INBOUND_CORRELATION_KEY_EXPRESSION, INBOUND_CORRELATION_KEY_PROCESS,
        INBOUND_CORRELATION_VARIABLE, INBOUND_MESSAGE_NAME, INBOUND_MESSAGE_ID_EXPRESSION,
        INBOUND_RESULT_VARIABLE, INBOUND_RESULT_EXPRESSION, INBOUND_RESPONSE_EXPRESSION);
  }

  private static String slug(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }

  // ---------------------------------------------------------------------------------------------
  // icon

  private static String icon(Class<?> connectorClass, String icon) {
    if (icon.isBlank()) {
      return null;
    }
    if (icon.startsWith("data:") || icon.startsWith("https://") || icon.startsWith("http://")) {
      return icon;
    }
    String path = icon.startsWith("/") ? icon.substring(1) : icon;
    String lower = path.toLowerCase(Locale.ROOT);
    String mime = lower.endsWith(".svg") ? "image/svg+xml"
        : lower.endsWith(".png") ? "image/png" : null;
    if (mime == null) {
      throw new TemplateDefinitionException(connectorClass.getName() + ": @Connector(icon = \""
          + icon + "\") is neither an .svg nor a .png resource nor a data:/https: URI; use an SVG"
          + " or PNG file from src/main/resources.");
    }
    ClassLoader loader = connectorClass.getClassLoader();
    try (InputStream in = loader == null ? null : loader.getResourceAsStream(path)) {
      if (in == null) {
        throw new TemplateDefinitionException(connectorClass.getName() + ": @Connector(icon = \""
            + icon + "\") names a class-path resource that does not exist; put the file at"
            + " src/main/resources/" + path + ".");
      }
      return "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(in.readAllBytes());
    } catch (IOException e) {
      throw new TemplateDefinitionException(connectorClass.getName() + ": cannot read icon "
          + path + ": " + e.getMessage(), e);
    }
  }
}
