package dev.plugboard.sdk.host;

import dev.plugboard.sdk.Connector;
import dev.plugboard.sdk.InboundConnector;
import dev.plugboard.sdk.OutboundConnector;
import dev.plugboard.sdk.PollingConnector;
import dev.plugboard.sdk.RouteConnector;
import dev.plugboard.sdk.WebhookConnector;
import dev.plugboard.sdk.YamlRouteConnector;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A connector class as the host sees it: its annotation, kind, input (or properties) type and
 * output type.
 *
 * @param connectorClass the annotated class
 * @param annotation its {@link Connector} annotation
 * @param kind how it runs
 * @param inputType the input type of an outbound connector, the properties type of an inbound one
 * @param outputType the output type (outbound); {@code Void.class} for inbound connectors
 */
public record ConnectorDefinition(
    Class<?> connectorClass,
    Connector annotation,
    ConnectorKind kind,
    Class<?> inputType,
    Type outputType) {

  private static final Pattern TYPE_PATTERN = Pattern.compile("[a-z0-9][a-z0-9.:_-]{0,199}");

  /**
   * The connector type.
   *
   * @return {@link Connector#type()}
   */
  public String type() {
    return annotation.type();
  }

  /**
   * Reads a connector class.
   *
   * @param connectorClass a class annotated with {@link Connector}
   * @return its definition
   * @throws IllegalArgumentException naming the class and the fault when the class is not a
   *     usable connector
   */
  public static ConnectorDefinition of(Class<?> connectorClass) {
    String name = connectorClass.getName();
    Connector annotation = connectorClass.getAnnotation(Connector.class);
    if (annotation == null) {
      throw new IllegalArgumentException(name + ": not annotated with @Connector");
    }
    if (!TYPE_PATTERN.matcher(annotation.type()).matches()) {
      throw new IllegalArgumentException(
          name + ": @Connector(type = \"" + annotation.type() + "\") is not a valid connector type;"
              + " use lower-case letters, digits, '.', ':', '_' and '-', such as"
              + " \"io.example:slack:1\"");
    }
    if (annotation.name().isBlank()) {
      throw new IllegalArgumentException(name + ": @Connector(name) must not be blank");
    }
    if (annotation.version() < 1) {
      throw new IllegalArgumentException(
          name + ": @Connector(version = " + annotation.version() + ") must be 1 or more");
    }
    if (Modifier.isAbstract(connectorClass.getModifiers()) || connectorClass.isInterface()) {
      throw new IllegalArgumentException(name + ": a connector class must not be abstract");
    }
    ConnectorKind kind;
    Class<?> generic;
    if (WebhookConnector.class.isAssignableFrom(connectorClass)) {
      kind = ConnectorKind.INBOUND_WEBHOOK;
      generic = InboundConnector.class;
    } else if (PollingConnector.class.isAssignableFrom(connectorClass)) {
      kind = ConnectorKind.INBOUND_POLLING;
      generic = InboundConnector.class;
    } else if (InboundConnector.class.isAssignableFrom(connectorClass)) {
      kind = ConnectorKind.INBOUND_SUBSCRIPTION;
      generic = InboundConnector.class;
    } else if (RouteConnector.class.isAssignableFrom(connectorClass)) {
      kind = ConnectorKind.OUTBOUND_ROUTE;
      generic = RouteConnector.class;
    } else if (YamlRouteConnector.class.isAssignableFrom(connectorClass)) {
      kind = ConnectorKind.OUTBOUND_YAML_ROUTE;
      generic = YamlRouteConnector.class;
    } else if (OutboundConnector.class.isAssignableFrom(connectorClass)) {
      kind = ConnectorKind.OUTBOUND_FUNCTION;
      generic = OutboundConnector.class;
    } else {
      throw new IllegalArgumentException(
          name + ": @Connector class must implement OutboundConnector or InboundConnector,"
              + " or extend RouteConnector or YamlRouteConnector");
    }
    Type[] args = resolveTypeArguments(connectorClass, generic);
    Class<?> input = args == null ? null : rawClass(args[0]);
    if (input == null || input == Object.class) {
      throw new IllegalArgumentException(
          name + ": cannot tell the input type; declare it as a concrete type argument of "
              + generic.getSimpleName() + " (for example implements "
              + generic.getSimpleName() + "<MyInput" + (kind.inbound() ? "" : ", MyOutput") + ">)");
    }
    Type output = kind.inbound() ? Void.class : args[1];
    return new ConnectorDefinition(connectorClass, annotation, kind, input, output);
  }

  private static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    return null;
  }

  /** Walks the class hierarchy to find the actual type arguments of {@code target}. */
  private static Type[] resolveTypeArguments(Class<?> start, Class<?> target) {
    return resolve(start, target, new HashMap<>());
  }

  private static Type[] resolve(Type type, Class<?> target, Map<TypeVariable<?>, Type> bindings) {
    Class<?> raw = rawClass(type);
    if (raw == null) {
      return null;
    }
    if (type instanceof ParameterizedType p) {
      TypeVariable<?>[] vars = raw.getTypeParameters();
      Type[] actual = p.getActualTypeArguments();
      for (int i = 0; i < vars.length; i++) {
        Type a = actual[i];
        bindings.put(vars[i], a instanceof TypeVariable<?> tv && bindings.containsKey(tv)
            ? bindings.get(tv) : a);
      }
    }
    if (raw == target) {
      TypeVariable<?>[] vars = raw.getTypeParameters();
      Type[] result = new Type[vars.length];
      for (int i = 0; i < vars.length; i++) {
        result[i] = bindings.getOrDefault(vars[i], Object.class);
        if (result[i] instanceof TypeVariable<?>) {
          result[i] = Object.class;
        }
      }
      return result;
    }
    for (Type itf : raw.getGenericInterfaces()) {
      Type[] r = resolve(itf, target, new HashMap<>(bindings));
      if (r != null) {
        return r;
      }
    }
    Type sup = raw.getGenericSuperclass();
    return sup == null ? null : resolve(sup, target, new HashMap<>(bindings));
  }
}
