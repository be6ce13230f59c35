package dev.plugboard.connectors.graphql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.connectors.http.support.ClientOptions;
import dev.plugboard.connectors.http.support.HttpErrors;
import dev.plugboard.connectors.http.support.HttpExecutor;
import dev.plugboard.connectors.http.support.OutgoingRequest;
import dev.plugboard.connectors.http.support.RawResponse;
import dev.plugboard.connectors.http.support.ResponseBodies;
import dev.plugboard.sdk.Connector;
import dev.plugboard.sdk.ConnectorContext;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.OutboundConnector;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs a GraphQL query or mutation with variables over HTTP. A response with {@code errors}
 * fails with the code {@code GRAPHQL_ERROR} and the servers' messages; HTTP failures map to the
 * same codes as the HTTP connector ({@code HTTP_401}, {@code HTTP_503}, {@code TIMEOUT}, ...).
 */
@Connector(
    type = "plugboard:graphql:1",
    name = "GraphQL",
    description = "Run a GraphQL query or mutation with variables; basic, bearer, API key or"
        + " OAuth 2.0 authentication",
    category = "Protocols",
    icon = "icons/graphql.svg",
    documentationRef = "https://github.com/plugboard/plugboard/tree/main/connectors-catalog/graphql",
    keywords = {"graphql", "query", "mutation", "api"},
    timeout = "PT5M")
public class GraphqlConnector implements OutboundConnector<GraphqlInput, GraphqlOutput> {

  private static final int MAX_REPORTED_ERRORS = 5;

  private final HttpExecutor executor;
  private final ObjectMapper mapper = new ObjectMapper();

  /** The connector as the runtime creates it: guard settings from the environment. */
  public GraphqlConnector() {
    this(HttpExecutor.fromEnvironment());
  }

  /**
   * A connector with its own executor (guard and clock), for embedding and tests.
   *
   * @param executor the executor
   */
  public GraphqlConnector(HttpExecutor executor) {
    this.executor = executor;
  }

  @Override
  public GraphqlOutput execute(GraphqlInput input, ConnectorContext context) {
    URI endpoint = parseUrl(input.url());
    Map<String, String> headers = new LinkedHashMap<>();
    if (input.headers() != null) {
      input.headers().forEach((k, v) -> {
        if (v != null) {
          headers.put(k, String.valueOf(v));
        }
      });
    }
    headers.putIfAbsent("Accept", "application/graphql-response+json, application/json;q=0.9");
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("query", input.query());
    if (input.variables() != null && !input.variables().isEmpty()) {
      payload.put("variables", input.variables());
    }
    if (input.operationName() != null && !input.operationName().isBlank()) {
      payload.put("operationName", input.operationName().trim());
    }
    OutgoingRequest request;
    if (input.method() == GraphqlInput.Method.GET) {
      URI uri = endpoint;
      for (Map.Entry<String, Object> p : payload.entrySet()) {
        String value = p.getValue() instanceof String s ? s : json(p.getValue());
        uri = HttpExecutor.withQueryParameter(uri, p.getKey(), value);
      }
      request = new OutgoingRequest("GET", uri, headers, null);
    } else {
      headers.putIfAbsent("Content-Type", "application/json");
      request = new OutgoingRequest("POST", endpoint, headers,
          json(payload).getBytes(StandardCharsets.UTF_8));
    }
    ClientOptions options = new ClientOptions(
        Duration.ofSeconds(input.connectionTimeoutSeconds() == null ? 20
            : input.connectionTimeoutSeconds()),
        Duration.ofSeconds(input.readTimeoutSeconds() == null ? 60 : input.readTimeoutSeconds()),
        Boolean.TRUE.equals(input.trustAllCertificates()),
        input.caCertificatePem(),
        true,
        ClientOptions.DEFAULT_MAX_RESPONSE_BYTES);

    RawResponse response = executor.exchange(request, input.authentication(), options,
        context.logger());
    Set<String> secrets = HttpExecutor.secretValues(input.authentication());
    int status = response.status();
    if (status == 408 || status == 429 || status >= 500) {
      HttpErrors.failOnErrorStatus(response, secrets, executor.clock());
    }
    Object parsed;
    try {
      parsed = ResponseBodies.json(response, mapper, secrets);
    } catch (ConnectorException e) {
      // A 4xx with a body that is not GraphQL is reported by its status, as the HTTP connector does.
      HttpErrors.failOnErrorStatus(response, secrets, executor.clock());
      throw e;
    }
    if (!(parsed instanceof Map<?, ?> body) || !body.containsKey("data") && !body.containsKey("errors")) {
      HttpErrors.failOnErrorStatus(response, secrets, executor.clock());
      throw new ConnectorException("INVALID_RESPONSE", response.describe() + " answered HTTP "
          + status + " with JSON that is not a GraphQL response (no data and no errors); check"
          + " that the URL is the GraphQL endpoint");
    }
    if (body.get("errors") instanceof List<?> errors && !errors.isEmpty()) {
      throw new ConnectorException("GRAPHQL_ERROR", response.describe() + " answered"
          + operation(input) + " with " + errors.size() + " GraphQL error"
          + (errors.size() == 1 ? "" : "s") + ": " + mask(describeErrors(errors), secrets)
          + ". Fix the query or its variables.");
    }
    HttpErrors.failOnErrorStatus(response, secrets, executor.clock());
    @SuppressWarnings("unchecked")
    Map<String, Object> extensions = body.get("extensions") instanceof Map<?, ?> m
        ? (Map<String, Object>) m : null;
    context.logger().debug("event=graphql.call endpoint=\"{}\" status={} operation={}",
        response.describe(), status, input.operationName());
    return new GraphqlOutput(body.get("data"), extensions, status, response.flatHeaders());
  }

  private static String mask(String text, Set<String> secrets) {
    String out = text;
    for (String secret : secrets) {
      if (secret != null && secret.length() >= 3) {
        out = out.replace(secret, "***");
      }
    }
    return out;
  }

  private static String operation(GraphqlInput input) {
    return input.operationName() == null || input.operationName().isBlank() ? ""
        : " operation '" + input.operationName().trim() + "'";
  }

  /** "message (path a.b, code X)" for the first few errors. */
  private static String describeErrors(List<?> errors) {
    List<String> out = new ArrayList<>();
    for (Object e : errors.subList(0, Math.min(errors.size(), MAX_REPORTED_ERRORS))) {
      if (!(e instanceof Map<?, ?> error)) {
        out.add(String.valueOf(e));
        continue;
      }
      StringBuilder line = new StringBuilder(String.valueOf(error.get("message")));
      List<String> details = new ArrayList<>();
      if (error.get("path") instanceof List<?> path && !path.isEmpty()) {
        details.add("path " + path.stream().map(String::valueOf).collect(Collectors.joining(".")));
      }
      if (error.get("extensions") instanceof Map<?, ?> ext && ext.get("code") != null) {
        details.add("code " + ext.get("code"));
      }
      if (!details.isEmpty()) {
        line.append(" (").append(String.join(", ", details)).append(')');
      }
      out.add(line.toString());
    }
    if (errors.size() > MAX_REPORTED_ERRORS) {
      out.add("and " + (errors.size() - MAX_REPORTED_ERRORS) + " more");
    }
    return String.join("; ", out);
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new ConnectorException("INVALID_INPUT", "GraphQL variables cannot be written as JSON: "
          + e.getOriginalMessage());
    }
  }

  private static URI parseUrl(String url) {
    String trimmed = url.strip();
    try {
      URI uri = new URI(trimmed);
      if (uri.getHost() == null) {
        throw new ConnectorException("INVALID_INPUT", "url '" + trimmed + "' has no host name;"
            + " give an absolute URL such as https://api.example.com/graphql");
      }
      return uri;
    } catch (URISyntaxException e) {
      int q = trimmed.indexOf('?');
      throw new ConnectorException("INVALID_INPUT", "url '" + (q < 0 ? trimmed
          : trimmed.substring(0, q) + "?…") + "' is not a valid URL (" + e.getReason() + ")");
    }
  }
}
