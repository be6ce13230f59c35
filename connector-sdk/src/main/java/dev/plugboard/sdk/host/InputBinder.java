package dev.plugboard.sdk.host;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.TemplateSubType;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Binds process variables to a connector's input type with Jackson and checks it with Jakarta
 * Bean Validation.
 *
 * <p>Variables with dotted names ({@code authentication.token}, as Camunda 7 input parameters
 * write nested template properties) are folded into nested maps first. Unknown variables are
 * ignored: a task sees every process variable. Sealed input types are bound through their
 * {@link TemplateSubType} names. One binder serves one input type and keeps its own
 * {@link ObjectMapper}, so dropping the binder lets a plugin's classes go.
 */
public final class InputBinder {

  private final Class<?> inputType;
  private final JavaType javaType;
  private final ObjectMapper mapper;
  private final Validator validator;
  private final String connectorType;
  private final String fixAdvice;

  /**
   * A binder for one input type.
   *
   * @param connectorType the connector type, for error messages
   * @param inputType the input type
   * @param validator the Bean Validation validator, or {@code null} to skip validation
   */
  public InputBinder(String connectorType, Class<?> inputType, Validator validator) {
    this(connectorType, inputType, validator, "Fix the task's input variables.");
  }

  /**
   * A binder for an inbound connector's element properties: its errors tell the user to fix the
   * properties of the process element (start event, catch event, receive task) instead of a
   * task's input variables.
   *
   * @param connectorType the connector type, for error messages
   * @param propertiesType the properties record
   * @param validator the Bean Validation validator, or {@code null} to skip validation
   * @return the binder
   */
  public static InputBinder forElementProperties(String connectorType, Class<?> propertiesType,
      Validator validator) {
    return new InputBinder(connectorType, propertiesType, validator,
        "Fix these properties of the process element and deploy it again.");
  }

  private InputBinder(String connectorType, Class<?> inputType, Validator validator,
      String fixAdvice) {
    this.fixAdvice = fixAdvice;
    this.connectorType = connectorType;
    this.inputType = inputType;
    this.validator = validator;
    this.mapper = newMapper();
    registerSealedSubtypes(mapper, inputType, new HashSet<>());
    this.javaType = mapper.constructType(inputType);
  }

  /**
   * A Jackson mapper configured the way the host reads and writes connector data, with its own
   * type cache (unlike Jackson's shared default), so that dropping the mapper lets a plugin's
   * classes go.
   *
   * @return a new mapper
   */
  public static ObjectMapper newMapper() {
    return new ObjectMapper()
        // Jackson's default TypeFactory is a static singleton whose cache keeps every type it
        // resolved, and with it the class loader of an unloaded plugin: each mapper gets its own.
        .setTypeFactory(TypeFactory.createDefaultInstance())
        .registerModule(new JavaTimeModule())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(com.fasterxml.jackson.databind.SerializationFeature.FAIL_ON_EMPTY_BEANS);
  }

  /**
   * The mapper this binder uses (with the input type's subtypes registered).
   *
   * @return the mapper
   */
  public ObjectMapper mapper() {
    return mapper;
  }

  /**
   * Binds and validates.
   *
   * @param variables the secret-resolved variables
   * @return the input object
   * @throws ConnectorException with code {@code INVALID_INPUT} and a message naming every
   *     offending field
   */
  public Object bind(Map<String, Object> variables) {
    Map<String, Object> nested = unflatten(variables);
    Object input;
    try {
      input = mapper.convertValue(nested, javaType);
    } catch (IllegalArgumentException e) {
      throw new ConnectorException("INVALID_INPUT",
          "Input of connector '" + connectorType + "' cannot be read: " + describe(e), e);
    }
    if (input == null) {
      throw new ConnectorException("INVALID_INPUT",
          "Input of connector '" + connectorType + "' is empty");
    }
    if (validator != null) {
      Set<ConstraintViolation<Object>> violations = validator.validate(input);
      if (!violations.isEmpty()) {
        String detail = violations.stream()
            .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
            .map(v -> "'" + v.getPropertyPath() + "' " + v.getMessage())
            .collect(Collectors.joining("; "));
        throw new ConnectorException("INVALID_INPUT",
            "Input of connector '" + connectorType + "' is invalid: " + detail
                + ". " + fixAdvice);
      }
    }
    return input;
  }

  private static String describe(IllegalArgumentException e) {
    Throwable cause = e.getCause();
    if (cause instanceof InvalidTypeIdException t) {
      return "field '" + path(t) + "' has unknown type '" + t.getTypeId() + "'";
    }
    if (cause instanceof InvalidFormatException f) {
      // The offending value may be a resolved secret: name the field and the expected type only.
      return "field '" + path(f) + "' is not a valid " + f.getTargetType().getSimpleName();
    }
    if (cause instanceof MismatchedInputException m) {
      String target = m.getTargetType() == null ? "value" : m.getTargetType().getSimpleName();
      return "field '" + path(m) + "' does not fit type " + target;
    }
    if (cause instanceof JsonMappingException j) {
      return "field '" + path(j) + "': " + j.getOriginalMessage().split("\n")[0];
    }
    return String.valueOf(e.getMessage()).split("\n")[0];
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  /**
   * Folds dotted names into nested maps: {@code {"a.b": 1}} becomes {@code {"a": {"b": 1}}}. A
   * nested map given under {@code a} and dotted names {@code a.x} are merged.
   *
   * @param variables flat or nested variables
   * @return nested variables
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> unflatten(Map<String, Object> variables) {
    Map<String, Object> root = new LinkedHashMap<>();
    List<Map.Entry<String, Object>> dotted = new ArrayList<>();
    for (Map.Entry<String, Object> e : variables.entrySet()) {
      if (e.getKey().indexOf('.') > 0) {
        dotted.add(e);
      } else {
        root.put(e.getKey(), e.getValue());
      }
    }
    for (Map.Entry<String, Object> e : dotted) {
      String[] parts = e.getKey().split("\\.");
      Map<String, Object> node = root;
      for (int i = 0; i < parts.length - 1; i++) {
        Object child = node.get(parts[i]);
        Map<String, Object> next;
        if (child instanceof Map<?, ?> m) {
          next = new LinkedHashMap<>((Map<String, Object>) m);
        } else {
          next = new LinkedHashMap<>();
        }
        node.put(parts[i], next);
        node = next;
      }
      node.put(parts[parts.length - 1], e.getValue());
    }
    return root;
  }

  private static void registerSealedSubtypes(ObjectMapper mapper, Type type, Set<Class<?>> seen) {
    Class<?> raw = type instanceof Class<?> c ? c
        : type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c2 ? c2 : null;
    if (raw == null || raw.isPrimitive() || raw.getName().startsWith("java.") || !seen.add(raw)) {
      if (type instanceof ParameterizedType p) {
        for (Type a : p.getActualTypeArguments()) {
          registerSealedSubtypes(mapper, a, seen);
        }
      }
      return;
    }
    if (raw.isSealed() && raw.isAnnotationPresent(JsonTypeInfo.class)) {
      for (Class<?> sub : raw.getPermittedSubclasses()) {
        TemplateSubType named = sub.getAnnotation(TemplateSubType.class);
        mapper.registerSubtypes(named == null ? new NamedType(sub) : new NamedType(sub, named.value()));
        registerSealedSubtypes(mapper, sub, seen);
      }
    }
    if (raw.isRecord()) {
      for (RecordComponent rc : raw.getRecordComponents()) {
        registerSealedSubtypes(mapper, rc.getGenericType(), seen);
      }
    } else {
      for (Field f : raw.getDeclaredFields()) {
        if (!java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
          registerSealedSubtypes(mapper, f.getGenericType(), seen);
        }
      }
    }
  }

  /**
   * The input type this binder produces.
   *
   * @return the type
   */
  public Class<?> inputType() {
    return inputType;
  }
}
