package dev.plugboard.connectors.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.RetryableException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * Calls Slack Web API methods and turns Slack's answers into results or coded errors.
 *
 * <p>Slack answers most failures with HTTP 200 and {@code {"ok": false, "error": "..."}}: those
 * become {@code SLACK_<ERROR>} codes. HTTP 429 carries {@code Retry-After} and becomes a
 * {@link RetryableException} with that backoff.
 */
final class SlackApi {

  /** Slack errors that may pass when tried again later. */
  private static final Set<String> TRANSIENT = Set.of(
      "ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout",
      "team_added_to_org");

  private static final Set<String> AUTH = Set.of(
      "not_authed", "invalid_auth", "account_inactive", "token_revoked", "token_expired",
      "no_permission", "missing_scope", "not_allowed_token_type");

  private final HttpClient http;
  private final ObjectMapper mapper;

  SlackApi(HttpClient http, ObjectMapper mapper) {
    this.http = http;
    this.mapper = mapper;
  }

  /** Calls a write method with a JSON body. */
  JsonNode postJson(String baseUrl, String method, String token, Map<String, Object> body,
      Duration timeout, Logger log) {
    String json;
    try {
      json = mapper.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new ConnectorException("INVALID_INPUT",
          "Slack " + method + ": the request cannot be written as JSON (" + e.getOriginalMessage()
              + "); check the blocks value", e);
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(baseUrl, method))
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    return send(request, baseUrl, method, token, timeout, log);
  }

  /** Calls a method with a form body (read methods such as users.lookupByEmail take no JSON). */
  JsonNode postForm(String baseUrl, String method, String token, Map<String, String> form,
      Duration timeout, Logger log) {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(baseUrl, method))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    return send(request, baseUrl, method, token, timeout, log);
  }

  private JsonNode send(HttpRequest.Builder builder, String baseUrl, String method, String token,
      Duration timeout, Logger log) {
    String endpoint = baseUrl + "/" + method;
    HttpRequest request = builder.header("Authorization", "Bearer " + token)
        .header("Accept", "application/json")
        .timeout(timeout)
        .build();
    long start = System.nanoTime();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new RetryableException("SLACK_TIMEOUT",
          "Slack " + endpoint + " did not answer within " + timeout.toMillis()
              + " ms; it is retried", null, e);
    } catch (ConnectException e) {
      throw new RetryableException("SLACK_UNREACHABLE",
          "Cannot connect to Slack at " + endpoint + " (" + e.getClass().getSimpleName()
              + "); check the base URL and the network; it is retried", null, e);
    } catch (IOException e) {
      throw new RetryableException("SLACK_UNREACHABLE",
          "Call to Slack " + endpoint + " failed: " + e.getClass().getSimpleName() + " "
              + e.getMessage() + "; it is retried", null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableException("SLACK_INTERRUPTED",
          "Call to Slack " + endpoint + " was interrupted", null, e);
    }
    int status = response.statusCode();
    log.debug("slack call method={} status={} durationMs={}", method, status,
        (System.nanoTime() - start) / 1_000_000);
    if (status == 429) {
      Duration backoff = retryAfter(response);
      throw new RetryableException("SLACK_RATE_LIMITED",
          "Slack " + endpoint + " is rate limited (HTTP 429); retry after " + backoff.toSeconds()
              + " s", backoff, null);
    }
    if (status >= 500) {
      throw new RetryableException("SLACK_HTTP_" + status,
          "Slack " + endpoint + " answered HTTP " + status + "; it is retried", null, null);
    }
    if (status >= 400) {
      throw new ConnectorException("SLACK_HTTP_" + status,
          "Slack " + endpoint + " answered HTTP " + status
              + "; check the base URL and the method name");
    }
    JsonNode json;
    try {
      json = mapper.readTree(response.body());
    } catch (JsonProcessingException e) {
      json = null;
    }
    if (json == null || !json.isObject() || !json.has("ok")) {
      throw new ConnectorException("SLACK_INVALID_RESPONSE",
          "Slack " + endpoint + " answered HTTP " + status + " with a body that is not a Slack"
              + " API JSON object (content type '"
              + response.headers().firstValue("Content-Type").orElse("none")
              + "'); check the base URL");
    }
    if (!json.path("ok").asBoolean(false)) {
      String error = json.path("error").asText("unknown_error");
      String code = "SLACK_" + error.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
      String message = "Slack " + endpoint + " answered error '" + error + "'" + hint(error, json);
      if (TRANSIENT.contains(error)) {
        throw new RetryableException(code, message + "; it is retried", retryAfterOrNull(response),
            null);
      }
      throw new ConnectorException(code, message);
    }
    if (json.has("warning")) {
      log.warn("slack warning method={} warning={}", method, json.path("warning").asText());
    }
    return json;
  }

  private static String hint(String error, JsonNode json) {
    if (AUTH.contains(error)) {
      String needed = json.path("needed").asText("");
      return needed.isEmpty()
          ? ": the token was refused; check the token secret and its scopes"
          : ": the token lacks scope '" + needed + "'; add it to the Slack app and reinstall it";
    }
    return switch (error) {
      case "channel_not_found" -> ": check the channel id and that the app can see the channel";
      case "not_in_channel" -> ": invite the app to the channel first";
      case "name_taken" -> ": a channel with that name exists; choose another name";
      case "users_not_found" -> ": no user has that e-mail address in this workspace";
      case "invalid_blocks", "invalid_blocks_format" -> ": check the Block Kit JSON";
      default -> "";
    };
  }

  private static Duration retryAfter(HttpResponse<?> response) {
    Duration d = retryAfterOrNull(response);
    return d == null ? Duration.ofSeconds(30) : d;
  }

  private static Duration retryAfterOrNull(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").map(v -> {
      try {
        return Duration.ofSeconds(Math.max(1, Long.parseLong(v.strip())));
      } catch (NumberFormatException e) {
        return null;
      }
    }).orElse(null);
  }

  private static URI uri(String baseUrl, String method) {
    try {
      return URI.create(baseUrl + "/" + method);
    } catch (IllegalArgumentException e) {
      throw new ConnectorException("INVALID_INPUT",
          "Slack base URL '" + baseUrl + "' is not a valid URL; use for example "
              + SlackRequest.DEFAULT_BASE_URL);
    }
  }
}
