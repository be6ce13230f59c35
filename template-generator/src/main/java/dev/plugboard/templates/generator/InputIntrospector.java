package dev.plugboard.templates.generator;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.plugboard.sdk.FeelMode;
import dev.plugboard.sdk.PropertyType;
import dev.plugboard.sdk.Secret;
import dev.plugboard.sdk.TemplateGroup;
import dev.plugboard.sdk.TemplateProperty;
import dev.plugboard.sdk.TemplateSubType;
import dev.plugboard.templates.generator.PropertySpec.Choice;
import dev.plugboard.templates.generator.PropertySpec.Condition;
import dev.plugboard.templates.generator.PropertySpec.Feel;
import dev.plugboard.templates.generator.PropertySpec.Kind;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a connector's input type (a record or POJO) into {@link PropertySpec}s: one per scalar
 * field, nested records flattened into dotted ids, sealed types into a discriminator dropdown
 * with conditional subtype fields. Every fault is reported as a {@link TemplateDefinitionException}
 * naming the class and field.
 */
final class InputIntrospector {

  /** A group id and label in display order. */
  record Group(String id, String label) {}

  /** The result: groups declared by the input types, and the properties. */
  record Model(List<Group> groups, List<PropertySpec> properties) {}

  private static final String DEFAULT_GROUP = "input";

  private final Class<?> connectorClass;
  private final Set<String> reservedIds;
  private final Map<String, Group> groups = new LinkedHashMap<>();
  private final List<Draft> drafts = new ArrayList<>();
  private final Deque<Class<?>> path = new ArrayDeque<>();

  private InputIntrospector(Class<?> connectorClass, Set<String> reservedIds) {
    this.connectorClass = connectorClass;
    this.reservedIds = reservedIds;
  }

  /**
   * Reads an input type.
   *
   * @param connectorClass the connector class, for messages
   * @param inputType its input (or properties) type
   * @param reservedIds ids the generator uses for its standard properties
   * @return groups and properties in display order
   */
  static Model read(Class<?> connectorClass, Class<?> inputType, Set<String> reservedIds) {
    InputIntrospector in = new InputIntrospector(connectorClass, reservedIds);
    in.readGroups(inputType);
    if (isSealedWithTypeInfo(inputType)) {
      in.sealed(inputType, null, "", "", "", List.of(), inputType.getSimpleName());
    } else {
      in.bean(inputType, "", "", "", List.of());
    }
    return in.finish();
  }

  // ---------------------------------------------------------------------------------------------
  // walking the types

  private void readGroups(Class<?> type) {
    for (TemplateGroup g : type.getAnnotationsByType(TemplateGroup.class)) {
      if (g.id().isBlank()) {
        throw fault(type.getName(), "@TemplateGroup has a blank id", "give every group an id");
      }
      Group previous = groups.putIfAbsent(g.id(), new Group(g.id(), g.label()));
      if (previous != null && !previous.label().equals(g.label())) {
        throw fault(type.getName(), "@TemplateGroup(id = \"" + g.id() + "\") is declared twice"
            + " with different labels", "declare each group once");
      }
    }
  }

  private void bean(Class<?> type, String idPrefix, String bindingPrefix, String group,
      List<Condition> conditions) {
    if (path.contains(type)) {
      throw fault(type.getName(), "the input type refers to itself (through "
          + path.peekLast().getSimpleName() + ")",
          "a form cannot be nested without end; mark the field @TemplateProperty(type = TEXT)");
    }
    path.addLast(type);
    readGroups(type);
    for (Field field : fields(type)) {
      member(type, field, idPrefix, bindingPrefix, group, conditions);
    }
    path.removeLast();
  }

  private void member(Class<?> owner, Field field, String idPrefix, String bindingPrefix,
      String inheritedGroup, List<Condition> conditions) {
    String source = owner.getName() + "#" + field.getName();
    TemplateProperty tp = field.getAnnotation(TemplateProperty.class);
    if (tp != null && tp.ignore() || field.isAnnotationPresent(JsonIgnore.class)) {
      return;
    }
    String name = jsonName(field);
    String bindingName = bindingPrefix + name;
    String id = tp != null && !tp.id().isBlank() ? idPrefix + tp.id() : idPrefix + name;
    String group = tp != null && !tp.group().isBlank() ? tp.group() : inheritedGroup;
    Class<?> type = field.getType();
    PropertyType explicit = tp == null ? PropertyType.AUTO : tp.type();

    List<Condition> own = new ArrayList<>(conditions);
    PendingCondition pending = pendingCondition(tp, idPrefix, source);

    if (explicit == PropertyType.AUTO && isSealedWithTypeInfo(type)) {
      if (pending != null) {
        throw fault(source, "a condition on a sealed-type field is not supported",
            "put the condition on the fields of its subtypes");
      }
      sealed(type, tp, id + ".", bindingName + ".", group, own, source);
      return;
    }
    if (explicit == PropertyType.AUTO && isNestedBean(type)) {
      if (pending != null) {
        throw fault(source, "a condition on a nested record is not supported",
            "put the condition on the nested record's fields");
      }
      bean(type, id + ".", bindingName + ".", group, own);
      return;
    }
    scalar(field, tp, id, bindingName, group, own, pending, source);
  }

  private void sealed(Class<?> type, TemplateProperty tp, String idPrefix, String bindingPrefix,
      String group, List<Condition> conditions, String source) {
    JsonTypeInfo info = type.getAnnotation(JsonTypeInfo.class);
    String discriminator = info.property().isBlank() ? "@type" : info.property();
    Class<?>[] subtypes = type.getPermittedSubclasses();
    List<Choice> choices = new ArrayList<>();
    Map<String, Integer> fieldCounts = new HashMap<>();
    for (Class<?> sub : subtypes) {
      TemplateSubType st = sub.getAnnotation(TemplateSubType.class);
      String value = st != null ? st.value()
          : sub.isAnnotationPresent(JsonTypeName.class) ? sub.getAnnotation(JsonTypeName.class).value()
          : null;
      if (value == null || value.isBlank()) {
        throw fault(sub.getName(), "permitted subtype of sealed " + type.getSimpleName()
            + " (field " + source + ") has no @TemplateSubType",
            "annotate it with @TemplateSubType(value = \"...\", label = \"...\")");
      }
      String label = st != null && !st.label().isBlank() ? st.label() : value;
      choices.add(new Choice(value, label));
      if (!sub.isInterface()) {
        for (Field f : fields(sub)) {
          fieldCounts.merge(jsonName(f), 1, Integer::sum);
        }
      }
    }
    if (choices.isEmpty()) {
      throw fault(source, "sealed type " + type.getName() + " permits no subtypes",
          "permit at least one record");
    }
    Set<String> values = new HashSet<>();
    for (Choice c : choices) {
      if (!values.add(c.value())) {
        throw fault(source, "two subtypes of " + type.getSimpleName() + " share the discriminator"
            + " value \"" + c.value() + "\"", "give each @TemplateSubType its own value");
      }
    }
    String discId = idPrefix + discriminator;
    String label = tp != null && !tp.label().isBlank() ? tp.label()
        : idPrefix.isEmpty() ? Labels.humanize(discriminator)
        : Labels.humanize(lastSegment(idPrefix));
    String defaultValue = tp != null && !tp.defaultValue().isBlank() ? tp.defaultValue()
        : choices.get(0).value();
    if (!values.contains(defaultValue)) {
      throw fault(source, "defaultValue \"" + defaultValue + "\" is not one of the subtypes "
          + values, "use one of the @TemplateSubType values");
    }
    Draft d = new Draft(discId, bindingPrefix + discriminator, source);
    d.label = label;
    d.description = tp == null ? "" : tp.description();
    d.tooltip = tp == null ? "" : tp.tooltip();
    d.group = group;
    d.kind = Kind.DROPDOWN;
    d.feel = Feel.NONE;
    d.value = defaultValue;
    d.choices = choices;
    d.conditions = conditions;
    d.notEmpty = true;
    add(d);
    boolean shared = fieldCounts.values().stream().anyMatch(n -> n > 1);
    for (int i = 0; i < subtypes.length; i++) {
      Class<?> sub = subtypes[i];
      if (sub.isInterface()) {
        continue;
      }
      String value = choices.get(i).value();
      List<Condition> sub1 = new ArrayList<>(conditions);
      sub1.add(new Condition(discId, List.of(value)));
      String subIdPrefix = shared ? idPrefix + value + "." : idPrefix;
      bean(sub, subIdPrefix, bindingPrefix, group, sub1);
    }
  }

  private void scalar(Field field, TemplateProperty tp, String id, String bindingName,
      String group, List<Condition> conditions, PendingCondition pending, String source) {
    Class<?> type = field.getType();
    PropertyType explicit = tp == null ? PropertyType.AUTO : tp.type();
    Draft d = new Draft(id, bindingName, source);
    d.label = tp != null && !tp.label().isBlank() ? tp.label() : Labels.humanize(field.getName());
    d.description = tp == null ? "" : tp.description();
    d.tooltip = tp == null ? "" : tp.tooltip();
    d.group = group;
    d.placeholder = tp == null ? "" : tp.placeholder();
    d.value = tp == null || tp.defaultValue().isEmpty() ? null : tp.defaultValue();
    d.conditions = conditions;
    d.pending = pending;
    d.secret = field.isAnnotationPresent(Secret.class);

    List<Choice> choices = new ArrayList<>();
    if (tp != null) {
      for (String c : tp.choices()) {
        int colon = c.indexOf(':');
        choices.add(colon < 0 ? new Choice(c, c)
            : new Choice(c.substring(0, colon), c.substring(colon + 1)));
      }
    }
    if (type.isEnum()) {
      if (!choices.isEmpty()) {
        throw fault(source, "choices are given for an enum field",
            "drop choices: an enum's constants are the choices");
      }
      choices = enumChoices(type, source);
    }

    Kind kind = switch (explicit) {
      case STRING -> Kind.STRING;
      case TEXT -> Kind.TEXT;
      case NUMBER -> Kind.NUMBER;
      case BOOLEAN -> Kind.BOOLEAN;
      case DROPDOWN -> Kind.DROPDOWN;
      case HIDDEN -> Kind.HIDDEN;
      case AUTO -> autoKind(type, !choices.isEmpty());
    };
    boolean structured = isStructured(type);
    if (kind == Kind.DROPDOWN && choices.isEmpty()) {
      throw fault(source, "is a Dropdown without choices",
          "use an enum type or list @TemplateProperty(choices = {\"value:Label\", ...})");
    }
    if (kind != Kind.DROPDOWN && !choices.isEmpty() && !type.isEnum()) {
      throw fault(source, "has choices but type " + explicit,
          "use type = DROPDOWN (or AUTO) with choices, or drop the choices");
    }
    if (kind == Kind.HIDDEN && d.value == null) {
      throw fault(source, "is Hidden without a defaultValue",
          "a hidden property writes its defaultValue; set one or use another type");
    }
    if (kind == Kind.DROPDOWN) {
      if (d.value == null) {
        d.value = choices.get(0).value();
      } else if (choices.stream().noneMatch(c -> c.value().equals(d.value))) {
        throw fault(source, "defaultValue \"" + d.value + "\" is not one of the choices "
            + choices.stream().map(Choice::value).toList(), "use one of the choice values");
      }
    }
    if (kind == Kind.BOOLEAN && d.value != null
        && !d.value.equals("true") && !d.value.equals("false")) {
      throw fault(source, "defaultValue \"" + d.value + "\" of a Boolean is neither true nor false",
          "write \"true\" or \"false\"");
    }
    if (!d.placeholder.isEmpty() && kind != Kind.STRING && kind != Kind.TEXT) {
      throw fault(source, "has a placeholder but is a " + kind,
          "placeholders exist on String and Text properties only");
    }
    d.kind = kind;
    d.choices = kind == Kind.DROPDOWN ? choices : List.of();
    d.feel = feel(tp == null ? FeelMode.AUTO : tp.feel(), kind, structured, source);

    // Bean Validation: read from the field (record component annotations propagate to it).
    boolean required = field.isAnnotationPresent(NotNull.class)
        || field.isAnnotationPresent(NotBlank.class) || field.isAnnotationPresent(NotEmpty.class);
    d.notEmpty = required && kind != Kind.BOOLEAN && kind != Kind.HIDDEN;
    Size size = field.getAnnotation(Size.class);
    if (size != null && (kind == Kind.STRING || kind == Kind.TEXT)) {
      d.minLength = size.min() > 0 ? size.min() : null;
      d.maxLength = size.max() < Integer.MAX_VALUE ? size.max() : null;
    }
    Pattern pattern = field.getAnnotation(Pattern.class);
    if (pattern != null && (kind == Kind.STRING || kind == Kind.TEXT)) {
      d.pattern = pattern.regexp();
      d.patternMessage = pattern.message().startsWith("{")
          ? "Must match the pattern " + pattern.regexp()
          : pattern.message();
    }
    if (d.secret) {
      String name = Labels.secretName(field.getName());
      String hint = "Use a secret: {{secrets." + name + "}}";
      d.description = d.description.isEmpty() ? hint : d.description + " " + hint;
      if (d.placeholder.isEmpty() && (kind == Kind.STRING || kind == Kind.TEXT)) {
        d.placeholder = "{{secrets." + name + "}}";
      }
    }
    add(d);
  }

  private Feel feel(FeelMode mode, Kind kind, boolean structured, String source) {
    if (mode == FeelMode.AUTO) {
      if (kind == Kind.DROPDOWN || kind == Kind.HIDDEN) {
        return Feel.NONE;
      }
      return structured ? Feel.REQUIRED : Feel.OPTIONAL;
    }
    if (mode == FeelMode.NONE) {
      return Feel.NONE;
    }
    if (kind == Kind.DROPDOWN || kind == Kind.HIDDEN) {
      throw fault(source, "asks for feel = " + mode + " on a " + kind + " property",
          "FEEL exists on String, Text, Number and Boolean properties; drop feel");
    }
    if (mode == FeelMode.STATIC && (kind == Kind.STRING || kind == Kind.TEXT)) {
      throw fault(source, "asks for feel = STATIC on a " + kind + " property",
          "STATIC is for Number and Boolean; use OPTIONAL or REQUIRED");
    }
    return switch (mode) {
      case OPTIONAL -> Feel.OPTIONAL;
      case REQUIRED -> Feel.REQUIRED;
      case STATIC -> Feel.STATIC;
      default -> Feel.NONE;
    };
  }

  private List<Choice> enumChoices(Class<?> type, String source) {
    List<Choice> choices = new ArrayList<>();
    for (Object constant : type.getEnumConstants()) {
      String constName = ((Enum<?>) constant).name();
      String value = constName;
      String label = Labels.constant(constName);
      try {
        Field f = type.getField(constName);
        JsonProperty jp = f.getAnnotation(JsonProperty.class);
        if (jp != null && !jp.value().isEmpty()) {
          value = jp.value();
        }
        TemplateProperty tp = f.getAnnotation(TemplateProperty.class);
        if (tp != null && !tp.label().isBlank()) {
          label = tp.label();
        }
      } catch (NoSuchFieldException e) {
        throw fault(source, "enum constant " + constName + " cannot be read", "check the enum");
      }
      choices.add(new Choice(value, label));
    }
    if (choices.isEmpty()) {
      throw fault(source, "is a Dropdown without choices: enum " + type.getSimpleName()
          + " has no constants", "add constants to the enum");
    }
    return choices;
  }

  // ---------------------------------------------------------------------------------------------
  // finishing: groups, unique ids, conditions

  private void add(Draft d) {
    drafts.add(d);
  }

  private Model finish() {
    List<Group> declared = new ArrayList<>(groups.values());
    Map<String, Draft> byId = new LinkedHashMap<>();
    for (Draft d : drafts) {
      if (reservedIds.contains(d.id)) {
        throw fault(d.source, "uses the property id \"" + d.id + "\" that the generator reserves"
            + " for its standard properties " + new java.util.TreeSet<>(reservedIds),
            "rename the field or set @TemplateProperty(id = \"...\")");
      }
      Draft other = byId.putIfAbsent(d.id, d);
      if (other != null) {
        throw fault(d.source, "has the property id \"" + d.id + "\" that " + other.source
            + " has too", "give one of them another @TemplateProperty(id)");
      }
    }
    boolean needsDefault = false;
    for (Draft d : drafts) {
      if (d.group.isEmpty()) {
        if (declared.isEmpty()) {
          needsDefault = true;
          d.group = DEFAULT_GROUP;
        } else {
          d.group = declared.get(0).id();
        }
      } else if (!groups.containsKey(d.group)) {
        throw fault(d.source, "refers to group \"" + d.group + "\" that no @TemplateGroup declares"
            + (groups.isEmpty() ? "" : " (declared: " + groups.keySet() + ")"),
            "declare @TemplateGroup(id = \"" + d.group + "\", label = \"...\") on the input type");
      }
    }
    if (needsDefault) {
      declared.add(0, new Group(DEFAULT_GROUP, "Input"));
    }
    for (Draft d : drafts) {
      if (d.pending == null) {
        continue;
      }
      PendingCondition p = d.pending;
      String target = byId.containsKey(p.idPrefix + p.property) ? p.idPrefix + p.property
          : byId.containsKey(p.property) ? p.property : null;
      if (target == null) {
        throw fault(d.source, "has conditionProperty = \"" + p.property + "\" but no property has"
            + " that id", "use the id of another property of this input (known ids: "
            + byId.keySet() + ")");
      }
      if (target.equals(d.id)) {
        throw fault(d.source, "has a condition on its own property \"" + d.id + "\"",
            "a property cannot depend on itself; point conditionProperty at another property");
      }
      Draft t = byId.get(target);
      if (t.kind == Kind.DROPDOWN) {
        for (String v : p.equals) {
          if (t.choices.stream().noneMatch(c -> c.value().equals(v))) {
            throw fault(d.source, "has conditionEquals value \"" + v + "\" that dropdown \""
                + target + "\" does not offer", "use one of "
                + t.choices.stream().map(Choice::value).toList());
          }
        }
      }
      List<Condition> all = new ArrayList<>(d.conditions);
      all.add(new Condition(target, p.equals));
      d.conditions = all;
    }
    List<PropertySpec> specs = new ArrayList<>();
    Set<String> used = new LinkedHashSet<>();
    for (Draft d : drafts) {
      used.add(d.group);
      specs.add(new PropertySpec(d.id, d.bindingName, d.label, d.description, d.tooltip, d.group,
          d.kind, d.feel, d.value, d.placeholder, List.copyOf(d.choices),
          List.copyOf(d.conditions), d.notEmpty, d.minLength, d.maxLength, d.pattern,
          d.patternMessage, d.secret, d.source));
    }
    // Keep declared groups in order, and only those that hold a property.
    List<Group> result = declared.stream().filter(g -> used.contains(g.id())).toList();
    return new Model(result, specs);
  }

  private PendingCondition pendingCondition(TemplateProperty tp, String idPrefix, String source) {
    if (tp == null) {
      return null;
    }
    boolean hasProperty = !tp.conditionProperty().isBlank();
    boolean hasValues = tp.conditionEquals().length > 0;
    if (hasProperty && !hasValues) {
      throw fault(source, "has conditionProperty = \"" + tp.conditionProperty()
          + "\" but no conditionEquals", "list the values for which the property is shown");
    }
    if (!hasProperty && hasValues) {
      throw fault(source, "has conditionEquals but no conditionProperty",
          "name the property the condition looks at");
    }
    return hasProperty
        ? new PendingCondition(tp.conditionProperty(), List.of(tp.conditionEquals()), idPrefix)
        : null;
  }

  private record PendingCondition(String property, List<String> equals, String idPrefix) {}

  /** A property while it is being collected. */
  private static final class Draft {
    final String id;
    final String bindingName;
    final String source;
    String label = "";
    String description = "";
    String tooltip = "";
    String group = "";
    Kind kind = Kind.STRING;
    Feel feel = Feel.NONE;
    String value;
    String placeholder = "";
    List<Choice> choices = List.of();
    List<Condition> conditions = List.of();
    PendingCondition pending;
    boolean notEmpty;
    Integer minLength;
    Integer maxLength;
    String pattern;
    String patternMessage;
    boolean secret;

    Draft(String id, String bindingName, String source) {
      this.id = id;
      this.bindingName = bindingName;
      this.source = source;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // type helpers

  private TemplateDefinitionException fault(String where, String problem, String fix) {
    String name = connectorClass.getName();
    String prefix = where.equals(name) || where.startsWith(name + "#") ? where
        : name + " (input " + where + ")";
    return new TemplateDefinitionException(prefix + ": " + problem + "; " + fix + ".");
  }

  /** The fields of a record (component order) or a class (superclass fields first). */
  static List<Field> fields(Class<?> type) {
    List<Field> result = new ArrayList<>();
    if (type.isRecord()) {
      for (RecordComponent rc : type.getRecordComponents()) {
        try {
          result.add(type.getDeclaredField(rc.getName()));
        } catch (NoSuchFieldException e) {
          throw new IllegalStateException("record without its field: " + rc, e);
        }
      }
      return result;
    }
    List<Class<?>> chain = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      chain.add(0, c);
    }
    for (Class<?> c : chain) {
      Arrays.stream(c.getDeclaredFields())
          .filter(f -> !Modifier.isStatic(f.getModifiers()))
          .filter(f -> !Modifier.isTransient(f.getModifiers()))
          .filter(f -> !f.isSynthetic())
          .forEach(result::add);
    }
    return result;
  }

  private static String jsonName(Field f) {
    JsonProperty jp = f.getAnnotation(JsonProperty.class);
    return jp != null && !jp.value().isEmpty() ? jp.value() : f.getName();
  }

  private static String lastSegment(String prefix) {
    String p = prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
    int dot = p.lastIndexOf('.');
    return dot < 0 ? p : p.substring(dot + 1);
  }

  static boolean isSealedWithTypeInfo(Class<?> type) {
    return type.isSealed() && type.isAnnotationPresent(JsonTypeInfo.class);
  }

  private static boolean isNestedBean(Class<?> type) {
    if (type.isPrimitive() || type.isEnum() || type.isArray() || type.isInterface()
        || type.getName().startsWith("java.") || type.getName().startsWith("javax.")
        || type.getName().startsWith("com.fasterxml.")) {
      return false;
    }
    return type.isRecord() || !Modifier.isAbstract(type.getModifiers());
  }

  private static boolean isStructured(Class<?> type) {
    return Map.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)
        || type.isArray() || type == Object.class || type.getName().startsWith("com.fasterxml.")
        || type.isInterface() && !isSealedWithTypeInfo(type) && type != CharSequence.class;
  }

  private static Kind autoKind(Class<?> type, boolean hasChoices) {
    if (hasChoices || type.isEnum()) {
      return Kind.DROPDOWN;
    }
    if (type == boolean.class || type == Boolean.class) {
      return Kind.BOOLEAN;
    }
    if (type.isPrimitive() && type != char.class || Number.class.isAssignableFrom(type)
        || type == BigDecimal.class || type == BigInteger.class) {
      return Kind.NUMBER;
    }
    if (isStructured(type)) {
      return Kind.TEXT;
    }
    return Kind.STRING;
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
