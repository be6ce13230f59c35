package dev.plugboard.sdk;

/**
 * A connector defined by a Camel route template in YAML, shipped in the plugin jar.
 *
 * <p>The resource holds a Camel YAML DSL {@code routeTemplate} whose parameters form the
 * template's parameter schema. It must declare a parameter named {@code input} and consume from
 * {@code "{{input}}"}; the runtime instantiates the template once with {@code input} set to the
 * connector's unique entry endpoint and with every other parameter taken from
 * {@link #parameters()}. Per-invocation values travel in the message body (the bound input, as a
 * {@code Map}) and are reached with {@code ${body[field]}}.
 *
 * <pre>{@code
 * - routeTemplate:
 *     id: echo
 *     parameters:
 *       - name: input
 *       - name: prefix
 *         defaultValue: "echo: "
 *     from:
 *       uri: "{{input}}"
 *       steps:
 *         - setBody:
 *             simple: "{{prefix}}${body[text]}"
 * }</pre>
 *
 * @param <I> the input type, bound from process variables
 * @param <O> the output type
 */
public abstract class YamlRouteConnector<I, O> {

  /** For subclasses. */
  protected YamlRouteConnector() {}

  /**
   * The class-path location of the YAML route template inside the plugin jar, for example
   * {@code "routes/echo.camel.yaml"}.
   *
   * @return the resource path
   */
  public abstract String resource();

  /**
   * The id of the route template in {@link #resource()}.
   *
   * @return the template id
   */
  public abstract String templateId();

  /**
   * Static parameters for the route template, besides {@code input}.
   *
   * @return parameter values by name; empty by default
   */
  public java.util.Map<String, Object> parameters() {
    return java.util.Map.of();
  }
}
