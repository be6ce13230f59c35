package dev.plugboard.it.standin;

import dev.plugboard.sdk.Connector;
import dev.plugboard.sdk.ConnectorContext;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.OutboundConnector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Stand-in for the catalog's HTTP connector (same type, the inputs the example processes use),
 * used by {@link dev.plugboard.it.ExampleProcessesTest} only while the real jar is not built.
 */
@Connector(type = "plugboard:http:1", name = "HTTP stand-in (integration tests)")
public class StandInHttpConnector
    implements OutboundConnector<StandInHttpConnector.Input, Map<String, Object>> {

  /** The HTTP inputs the example processes set. */
  public record Input(String method, String url, String bodyType, Object body,
      Integer readTimeoutSeconds) {}

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Override
  public Map<String, Object> execute(Input in, ConnectorContext context) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(in.url()))
        .timeout(Duration.ofSeconds(in.readTimeoutSeconds() == null ? 60 : in.readTimeoutSeconds()))
        .header("Content-Type", "application/json")
        .method(in.method() == null ? "GET" : in.method(), in.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(String.valueOf(in.body())))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 400) {
      throw new ConnectorException("HTTP_" + r.statusCode(), "HTTP " + r.statusCode());
    }
    return Map.of("status", r.statusCode(), "body", r.body());
  }
}
