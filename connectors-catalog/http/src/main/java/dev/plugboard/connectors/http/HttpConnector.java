package dev.plugboard.connectors.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.connectors.http.HttpInput.BodyType;
import dev.plugboard.connectors.http.HttpInput.ResponseFormat;
import dev.plugboard.connectors.http.support.ClientOptions;
import dev.plugboard.connectors.http.support.Endpoints;
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
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calls any HTTP/REST endpoint: method, URL with path and query parameters, headers, a JSON,
 * text, binary or form body, five kinds of authentication, timeouts and TLS options. HTTP error
 * statuses become error codes ({@code HTTP_404}, {@code HTTP_503}) that a task's
 * {@code errorExpression} can catch; see the module README for every code.
 */
@Connector(
    type = "plugboard:http:1",
    name = "HTTP / REST",
    description = "Call any HTTP/REST API: JSON, text, binary or form bodies; basic, bearer, API"
        + " key or OAuth 2.0 authentication",
    category = "Protocols",
    icon = "icons/http.svg",
    documentationRef = "https://github.com/plugboard/plugboard/tree/main/connectors-catalog/http",
    keywords = {"http", "rest", "api", "json", "webhook", "oauth"},
    timeout = "PT5M")
public class HttpConnector implements OutboundConnector<HttpInput, HttpOutput>, AutoCloseable {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}/?#]+)}");

  private final HttpExecutor executor;
  private final ObjectMapper mapper = new ObjectMapper();

  /** The connector as the runtime creates it: guard settings from the environment. */
  public HttpConnector() {
    this(HttpExecutor.fromEnvironment());
  }

  /**
   * A connector with its own executor (guard and clock), for embedding and tests.
   *
   * @param executor the executor
   */
  public HttpConnector(HttpExecutor executor) {
    this.executor = executor;
  }

  @Override
  public HttpOutput execute(HttpInput input, ConnectorContext context) {
    String method = input.method() == null ? "GET" : input.method().name();
    URI uri = buildUri(input);
    Map<String, String> headers = new LinkedHashMap<>();
    if (input.headers() != null) {
      input.headers().forEach((k, v) -> {
        if (v != null) {
          headers.put(k, String.valueOf(v));
        }
      });
    }
    byte[] body = encodeBody(input, method, uri, headers);
    ResponseFormat format = input.responseFormat() == null ? ResponseFormat.AUTO
        : input.responseFormat();
    if (format == ResponseFormat.JSON && !hasHeader(headers, "accept")) {
      headers.put("Accept", "application/json");
    }
    ClientOptions options = new ClientOptions(
        Duration.ofSeconds(input.connectionTimeoutSeconds() == null ? 20
            : input.connectionTimeoutSeconds()),
        Duration.ofSeconds(input.readTimeoutSeconds() == null ? 60 : input.readTimeoutSeconds()),
        Boolean.TRUE.equals(input.trustAllCertificates()),
        input.caCertificatePem(),
        !Boolean.FALSE.equals(input.followRedirects()),
        ClientOptions.DEFAULT_MAX_RESPONSE_BYTES);

    OutgoingRequest request = new OutgoingRequest(method, uri, headers, body);
    RawResponse response = executor.exchange(request, input.authentication(), options,
        context.logger());
    Set<String> secrets = HttpExecutor.secretValues(input.authentication());
    HttpErrors.failOnErrorStatus(response, secrets, executor.clock());
    context.logger().debug("event=http.call endpoint=\"{}\" status={}", response.describe(),
        response.status());
    return toOutput(response, format, secrets);
  }

  private HttpOutput toOutput(RawResponse response, ResponseFormat format, Set<String> secrets) {
    Map<String, String> headers = response.flatHeaders();
    if (response.body().length == 0 && format != ResponseFormat.DOCUMENT) {
      return new HttpOutput(response.status(), headers, null, null);
    }
    return switch (format) {
      case JSON -> new HttpOutput(response.status(), headers,
          ResponseBodies.json(response, mapper, secrets), null);
      case TEXT -> new HttpOutput(response.status(), headers, response.text(), null);
      case DOCUMENT -> new HttpOutput(response.status(), headers, null, document(response));
      case AUTO -> {
        if (response.isJson()) {
          yield new HttpOutput(response.status(), headers,
              ResponseBodies.json(response, mapper, secrets), null);
        }
        if (isTextual(response.mediaType())) {
          yield new HttpOutput(response.status(), headers, response.text(), null);
        }
        yield new HttpOutput(response.status(), headers, null, document(response));
      }
    };
  }

  private static boolean isTextual(String mediaType) {
    return mediaType.isEmpty() || mediaType.startsWith("text/") || mediaType.endsWith("/xml")
        || mediaType.endsWith("+xml") || mediaType.equals("application/javascript")
        || mediaType.equals("application/x-www-form-urlencoded")
        || mediaType.equals("application/yaml");
  }

  private static HttpOutput.Document document(RawResponse response) {
    String type = response.header("content-type");
    return new HttpOutput.Document(Base64.getEncoder().encodeToString(response.body()),
        type == null || type.isBlank() ? "application/octet-stream" : type,
        response.body().length, fileName(response.header("content-disposition")));
  }

  private static String fileName(String disposition) {
    if (disposition == null) {
      return null;
    }
    Matcher m = Pattern.compile("filename\\s*=\\s*\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE)
        .matcher(disposition);
    return m.find() ? m.group(1).trim() : null;
  }

  /** The URL with path parameters filled in and query parameters appended. */
  static URI buildUri(HttpInput input) {
    String url = input.url().strip();
    Map<String, Object> path = input.pathParameters() == null ? Map.of() : input.pathParameters();
    Matcher m = PLACEHOLDER.matcher(url);
    StringBuilder filled = new StringBuilder();
    while (m.find()) {
      String name = m.group(1).trim();
      if (!path.containsKey(name) || path.get(name) == null) {
        throw new ConnectorException("INVALID_INPUT", "url " + safeUrl(url) + " has the placeholder"
            + " {" + name + "} but pathParameters has no value for '" + name + "'; add it, for"
            + " example pathParameters = {" + name + ": ...}");
      }
      m.appendReplacement(filled,
          Matcher.quoteReplacement(HttpExecutor.encode(String.valueOf(path.get(name)))));
    }
    m.appendTail(filled);
    StringJoiner query = new StringJoiner("&");
    if (input.queryParameters() != null) {
      input.queryParameters().forEach((name, value) -> {
        if (value instanceof Collection<?> values) {
          values.forEach(v -> query.add(HttpExecutor.encode(name) + "="
              + HttpExecutor.encode(String.valueOf(v))));
        } else if (value != null) {
          query.add(HttpExecutor.encode(name) + "=" + HttpExecutor.encode(String.valueOf(value)));
        }
      });
    }
    String full = filled.toString();
    if (query.length() > 0) {
      int hash = full.indexOf('#');
      String fragment = hash < 0 ? "" : full.substring(hash);
      String base = hash < 0 ? full : full.substring(0, hash);
      full = base + (base.contains("?") ? "&" : "?") + query + fragment;
    }
    try {
      URI uri = new URI(full);
      if (uri.getHost() == null) {
        throw new ConnectorException("INVALID_INPUT", "url " + safeUrl(url) + " has no host name;"
            + " give an absolute URL such as https://api.example.com/path");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConnectorException("INVALID_INPUT", "url " + safeUrl(url) + " is not a valid URL ("
          + e.getReason() + " at index " + e.getIndex() + "); encode special characters or pass"
          + " them as path or query parameters");
    }
  }

  /** The URL up to its query string: a query may carry a key. */
  private static String safeUrl(String url) {
    int q = url.indexOf('?');
    return "'" + (q < 0 ? url : url.substring(0, q) + "?…") + "'";
  }

  private byte[] encodeBody(HttpInput input, String method, URI uri, Map<String, String> headers) {
    Object body = input.body();
    if (body == null || method.equals("GET") || method.equals("HEAD")) {
      return null;
    }
    BodyType type = input.bodyType() == null ? BodyType.JSON : input.bodyType();
    String endpoint = Endpoints.describe(method, uri);
    return switch (type) {
      case JSON -> {
        defaultHeader(headers, "Content-Type", "application/json");
        yield jsonBytes(body, endpoint);
      }
      case TEXT -> {
        defaultHeader(headers, "Content-Type", "text/plain; charset=UTF-8");
        String text = body instanceof String s ? s : new String(jsonBytes(body, endpoint),
            StandardCharsets.UTF_8);
        yield text.getBytes(StandardCharsets.UTF_8);
      }
      case BINARY -> binary(body, headers, endpoint);
      case FORM -> {
        defaultHeader(headers, "Content-Type", "application/x-www-form-urlencoded");
        yield form(body, endpoint).getBytes(StandardCharsets.UTF_8);
      }
    };
  }

  private byte[] jsonBytes(Object body, String endpoint) {
    if (body instanceof String s) {
      // JSON text as written in the modeler goes as is; any other string becomes a JSON string.
      try {
        mapper.readTree(s);
        return s.getBytes(StandardCharsets.UTF_8);
      } catch (JsonProcessingException e) {
        // not JSON text
      }
    }
    try {
      return mapper.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new ConnectorException("INVALID_INPUT", "body of " + endpoint
          + " cannot be written as JSON: " + e.getOriginalMessage());
    }
  }

  private static byte[] binary(Object body, Map<String, String> headers, String endpoint) {
    String base64;
    String contentType = "application/octet-stream";
    if (body instanceof Map<?, ?> doc && doc.get("content") instanceof String content) {
      base64 = content;
      if (doc.get("contentType") instanceof String t && !t.isBlank()) {
        contentType = t;
      }
    } else if (body instanceof String s) {
      base64 = s;
    } else {
      throw new ConnectorException("INVALID_INPUT", "body of " + endpoint + " with bodyType"
          + " BINARY must be base64 text or a document {content, contentType}, not a "
          + body.getClass().getSimpleName());
    }
    String trimmed = base64.strip();
    if (trimmed.startsWith("data:") && trimmed.contains(";base64,")) {
      int comma = trimmed.indexOf(',');
      contentType = trimmed.substring(5, trimmed.indexOf(';'));
      trimmed = trimmed.substring(comma + 1);
    }
    defaultHeader(headers, "Content-Type", contentType);
    try {
      return Base64.getMimeDecoder().decode(trimmed);
    } catch (IllegalArgumentException e) {
      throw new ConnectorException("INVALID_INPUT", "body of " + endpoint + " with bodyType"
          + " BINARY is not valid base64: " + e.getMessage());
    }
  }

  private static String form(Object body, String endpoint) {
    if (!(body instanceof Map<?, ?> fields)) {
      throw new ConnectorException("INVALID_INPUT", "body of " + endpoint + " with bodyType FORM"
          + " must be a FEEL context of fields, such as ={name: \"x\", qty: 2}");
    }
    StringJoiner out = new StringJoiner("&");
    fields.forEach((k, v) -> {
      String name = HttpExecutor.encode(String.valueOf(k)).replace("%20", "+");
      if (v instanceof Collection<?> values) {
        values.forEach(x -> out.add(name + "="
            + HttpExecutor.encode(String.valueOf(x)).replace("%20", "+")));
      } else if (v != null) {
        out.add(name + "=" + HttpExecutor.encode(String.valueOf(v)).replace("%20", "+"));
      }
    });
    return out.toString();
  }

  private static boolean hasHeader(Map<String, String> headers, String name) {
    return headers.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(name));
  }

  private static void defaultHeader(Map<String, String> headers, String name, String value) {
    if (!hasHeader(headers, name)) {
      headers.put(name, value);
    }
  }

  /** Releases the HTTP clients and their threads; the runtime calls it when it unloads the plugin. */
  @Override
  public void close() {
    executor.close();
  }

  @Override
  public String toString() {
    return "HttpConnector[guard=" + executor.guard().spec() + "]";
  }
}
