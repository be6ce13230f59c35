package dev.plugboard.sdk.testkit;

import dev.plugboard.sdk.ConnectorContext;
import dev.plugboard.sdk.OutboundConnector;
import dev.plugboard.sdk.RouteConnector;
import dev.plugboard.sdk.YamlRouteConnector;
import dev.plugboard.sdk.host.ConnectorDefinition;
import dev.plugboard.sdk.host.ConnectorKind;
import dev.plugboard.sdk.host.HostApi;
import dev.plugboard.sdk.host.InputBinder;
import dev.plugboard.sdk.host.OutputMapper;
import dev.plugboard.sdk.host.SecretPlaceholders;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an outbound connector in a unit test the way the runtime does (secret placeholders,
 * binding, validation, execution, output conversion) without a runtime or an engine.
 *
 * <pre>{@code
 * Object result = ConnectorTestKit.of(new MyConnector())
 *     .secret("API_KEY", "test-key")
 *     .variable("url", wireMock.baseUrl() + "/items")
 *     .variable("apiKey", "{{secrets.API_KEY}}")
 *     .execute();
 * }</pre>
 *
 * <p>Route connectors run in a fresh Camel context that {@link #close()} stops; the test class
 * path needs {@code camel-core-engine} and {@code camel-direct} (and {@code camel-yaml-dsl} for
 * YAML routes), plus a Bean Validation provider such as Hibernate Validator.
 */
public final class ConnectorTestKit implements AutoCloseable {

  private final Object connector;
  private final ConnectorDefinition definition;
  private final Map<String, String> secrets = new HashMap<>();
  private final Map<String, Object> variables = new LinkedHashMap<>();
  private final Map<String, String> headers = new LinkedHashMap<>();
  private Duration timeout;
  private CamelContext camel;
  private String entry;

  private ConnectorTestKit(Object connector) {
    this.connector = connector;
    this.definition = ConnectorDefinition.of(connector.getClass());
    if (definition.kind().inbound()) {
      throw new IllegalArgumentException(connector.getClass().getName()
          + " is an inbound connector; the test kit runs outbound connectors");
    }
    this.timeout = Duration.parse(definition.annotation().timeout());
  }

  /**
   * A test kit for one connector instance.
   *
   * @param connector an instance of a class annotated with {@link dev.plugboard.sdk.Connector}
   * @return the test kit
   */
  public static ConnectorTestKit of(Object connector) {
    return new ConnectorTestKit(connector);
  }

  /**
   * A class loader shaped like the runtime's plugin class loader, for testing a built plugin jar
   * in isolation: the host API ({@link HostApi#PACKAGES}) comes from the test's class path,
   * everything else only from the jar, so a missing shaded dependency or a clash with the host
   * shows up in the test and not first in production. Load the connector class through it and
   * hand an instance to {@link #of(Object)}; close the loader after the test.
   *
   * @param pluginJar the shaded plugin jar (typically {@code target/<finalName>.jar}, built by
   *     {@code mvn package} before the integration-test phase)
   * @return a new class loader over the jar
   * @throws IOException when the jar does not exist
   */
  public static URLClassLoader pluginClassLoader(Path pluginJar) throws IOException {
    if (!Files.isRegularFile(pluginJar)) {
      throw new IOException("plugin jar " + pluginJar + " not found: build it first"
          + " (mvn verify runs integration tests after the package phase)");
    }
    ClassLoader host = ConnectorTestKit.class.getClassLoader();
    ClassLoader hostApi = new ClassLoader("plugboard-host-api",
        ClassLoader.getPlatformClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (HostApi.isHostApi(name)) {
          // not found in the host: the jar's own copy is used, as the runtime does
          return host.loadClass(name);
        }
        return super.loadClass(name, resolve);
      }
    };
    return new URLClassLoader("plugin:" + pluginJar.getFileName(),
        new URL[] {pluginJar.toUri().toURL()}, hostApi);
  }

  /**
   * Defines a secret for {@code {{secrets.NAME}}} placeholders.
   *
   * @param name the secret name
   * @param value its value
   * @return this
   */
  public ConnectorTestKit secret(String name, String value) {
    secrets.put(name, value);
    return this;
  }

  /**
   * Sets a variable (dotted names are nested, as the runtime does).
   *
   * @param name the variable name
   * @param value its value
   * @return this
   */
  public ConnectorTestKit variable(String name, Object value) {
    variables.put(name, value);
    return this;
  }

  /**
   * Sets several variables.
   *
   * @param values the variables
   * @return this
   */
  public ConnectorTestKit variables(Map<String, ?> values) {
    variables.putAll(values);
    return this;
  }

  /**
   * Sets a task header.
   *
   * @param name the header name
   * @param value its value
   * @return this
   */
  public ConnectorTestKit header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /**
   * Overrides the connector's timeout, which the test kit passes as the context's deadline.
   *
   * @param value the timeout
   * @return this
   */
  public ConnectorTestKit timeout(Duration value) {
    this.timeout = value;
    return this;
  }

  /**
   * Runs the connector once with the variables, secrets and headers set so far.
   *
   * @return the connector's output converted to its declared output type
   * @throws dev.plugboard.sdk.ConnectorException for input that does not bind or validate, and
   *     whatever the connector throws
   * @throws Exception whatever else the connector throws
   */
  public Object execute() throws Exception {
    SecretPlaceholders placeholders =
        new SecretPlaceholders(name -> Optional.ofNullable(secrets.get(name)));
    Map<String, Object> resolved = placeholders.resolve(variables);
    InputBinder binder;
    try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
      Validator validator = factory.getValidator();
      binder = new InputBinder(definition.type(), definition.inputType(), validator);
      Object input = binder.bind(resolved);
      return switch (definition.kind()) {
        case OUTBOUND_FUNCTION -> runFunction(input, resolved, binder);
        case OUTBOUND_ROUTE, OUTBOUND_YAML_ROUTE -> runRoute(input, binder);
        default -> throw new IllegalStateException("not outbound: " + definition.kind());
      };
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Object runFunction(Object input, Map<String, Object> resolved, InputBinder binder)
      throws Exception {
    Logger logger = LoggerFactory.getLogger("connector." + definition.type());
    Instant deadline = Instant.now().plus(timeout);
    ConnectorContext context = new ConnectorContext() {
      @Override public String connectorType() { return definition.type(); }
      @Override public Map<String, String> headers() { return Map.copyOf(headers); }
      @Override public Map<String, Object> variables() { return resolved; }
      @Override public Logger logger() { return logger; }
      @Override public String jobKey() { return "test"; }
      @Override public Instant deadline() { return deadline; }
    };
    Object out = ((OutboundConnector) connector).execute(input, context);
    return OutputMapper.toOutput(definition.type(), out, definition.outputType(), binder.mapper());
  }

  private Object runRoute(Object input, InputBinder binder) throws Exception {
    if (camel == null) {
      camel = new DefaultCamelContext();
      entry = "direct:plugboard-testkit";
      if (connector instanceof RouteConnector<?, ?> route) {
        route.assignInput(entry);
        camel.addRoutes(route);
      } else {
        YamlRouteConnector<?, ?> yaml = (YamlRouteConnector<?, ?>) connector;
        Resource resource = ResourceHelper.fromBytes(yaml.resource(),
            readResource(yaml.getClass().getClassLoader(), yaml.resource()));
        PluginHelper.getRoutesLoader(camel).loadRoutes(resource);
        TemplatedRouteBuilder builder = TemplatedRouteBuilder.builder(camel, yaml.templateId())
            .routeId("testkit").parameter("input", entry);
        yaml.parameters().forEach(builder::parameter);
        builder.add();
      }
      camel.start();
    }
    Object body = definition.kind() == ConnectorKind.OUTBOUND_YAML_ROUTE
        ? binder.mapper().convertValue(input, Map.class) : input;
    Map<String, Object> messageHeaders = new HashMap<>();
    headers.forEach((k, v) -> messageHeaders.put("plugboard.header." + k, v));
    try (ProducerTemplate producer = camel.createProducerTemplate()) {
      Object out = producer.requestBodyAndHeaders(entry, body, messageHeaders);
      return OutputMapper.toOutput(definition.type(), out, definition.outputType(), binder.mapper());
    } catch (CamelExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  private static byte[] readResource(ClassLoader loader, String path) throws java.io.IOException {
    try (var in = loader.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("YAML route resource not found on the class path: " + path);
      }
      return in.readAllBytes();
    }
  }

  /** Stops the Camel context of a route connector, if one was started. */
  @Override
  public void close() {
    if (camel != null) {
      camel.stop();
      camel = null;
    }
  }
}
