package dev.plugboard.sdk;

import org.apache.camel.builder.RouteBuilder;

/**
 * A connector defined by a Camel route in the Java DSL: a thin, typed front over any Camel
 * endpoint.
 *
 * <p>In {@link #configure()}, consume from {@link #input()}. The runtime adds the routes to its
 * single host CamelContext (route ids prefixed with the plugin id), sends the bound input as the
 * message body (with the task headers as message headers named {@code plugboard.header.*}), and
 * converts the body at the end of the route to {@code O} with Jackson. An exception thrown in the
 * route fails the invocation like an exception thrown by {@link OutboundConnector#execute}.
 *
 * <pre>{@code
 * @Connector(type = "io.example:weather:1", name = "Weather")
 * public class WeatherConnector extends RouteConnector<WeatherInput, Map<String, Object>> {
 *   public void configure() {
 *     from(input())
 *         .setHeader(Exchange.HTTP_QUERY, simple("q=${body.city}"))
 *         .setBody(constant(null))
 *         .to("https://api.example.com/weather")
 *         .unmarshal().json();
 *   }
 * }
 * }</pre>
 *
 * @param <I> the input type, bound from process variables
 * @param <O> the output type
 */
public abstract class RouteConnector<I, O> extends RouteBuilder {

  private String input = "direct:plugboard-connector";

  /** For subclasses. */
  protected RouteConnector() {}

  /**
   * The endpoint URI the connector's route must consume from; unique per connector and plugin
   * version, assigned by the runtime before {@link #configure()} runs.
   *
   * @return the entry endpoint URI
   */
  public final String input() {
    return input;
  }

  /**
   * Set by the runtime (or the test kit) before the routes are built; not for connector code.
   *
   * @param endpointUri the entry endpoint URI
   */
  public final void assignInput(String endpointUri) {
    this.input = endpointUri;
  }
}
