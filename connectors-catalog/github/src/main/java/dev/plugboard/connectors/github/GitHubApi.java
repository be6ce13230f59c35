package dev.plugboard.connectors.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.RetryableException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Sends requests to the GitHub REST API and maps GitHub's answers to results or coded errors:
 * {@code GITHUB_UNAUTHORIZED} (401), {@code GITHUB_FORBIDDEN} (403), {@code GITHUB_NOT_FOUND}
 * (404), {@code GITHUB_CONFLICT} (409), {@code GITHUB_VALIDATION_FAILED} (422), and
 * {@code GITHUB_RATE_LIMITED} (retryable, with the reset time as backoff) for 429 or a 403 whose
 * {@code x-ratelimit-remaining} is 0 or that carries {@code Retry-After}.
 */
final class GitHubApi {

  /** The API version the requests are written for. */
  static final String API_VERSION = "2022-11-28";

  private final HttpClient http;
  private final ObjectMapper mapper;

  GitHubApi(HttpClient http, ObjectMapper mapper) {
    this.http = http;
    this.mapper = mapper;
  }

  /**
   * One API call.
   *
   * @param method HTTP method
   * @param baseUrl API base URL
   * @param path path below the base URL, already encoded
   * @param authorization the Authorization header value
   * @param body the JSON body or {@code null}
   * @param accept the Accept header
   * @param timeout the request timeout
   * @param log the connector's logger
   * @return the answer's status and body
   */
  Answer call(String method, String baseUrl, String path, String authorization, Object body,
      String accept, Duration timeout, Logger log) {
    String endpoint = method + " " + baseUrl + path;
    HttpRequest.Builder builder;
    try {
      builder = HttpRequest.newBuilder(URI.create(baseUrl + path));
    } catch (IllegalArgumentException e) {
      throw new ConnectorException("INVALID_INPUT", "GitHub base URL '" + baseUrl
          + "' with path '" + path + "' is not a valid URL; use for example "
          + GitHubRequest.DEFAULT_BASE_URL);
    }
    builder.header("Accept", accept)
        .header("X-GitHub-Api-Version", API_VERSION)
        .header("User-Agent", "plugboard-github-connector")
        .header("Authorization", authorization)
        .timeout(timeout);
    if (body == null) {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      try {
        builder.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body)));
      } catch (JsonProcessingException e) {
        throw new ConnectorException("INVALID_INPUT",
            "GitHub " + endpoint + ": the request body cannot be written as JSON", e);
      }
    }
    long start = System.nanoTime();
    HttpResponse<String> response;
    try {
      response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new RetryableException("GITHUB_TIMEOUT", "GitHub " + endpoint
          + " did not answer within " + timeout.toMillis() + " ms; it is retried", null, e);
    } catch (ConnectException e) {
      throw new RetryableException("GITHUB_UNREACHABLE", "Cannot connect to GitHub for "
          + endpoint + "; check the base URL and the network; it is retried", null, e);
    } catch (IOException e) {
      throw new RetryableException("GITHUB_UNREACHABLE", "GitHub " + endpoint + " failed: "
          + e.getClass().getSimpleName() + "; it is retried", null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableException("GITHUB_INTERRUPTED", "GitHub " + endpoint
          + " was interrupted", null, e);
    }
    int status = response.statusCode();
    log.debug("github call method={} path={} status={} durationMs={}", method, path, status,
        (System.nanoTime() - start) / 1_000_000);
    if (status >= 200 && status < 300) {
      return new Answer(status, parse(response, endpoint));
    }
    throw failure(response, endpoint);
  }

  private JsonNode parse(HttpResponse<String> response, String endpoint) {
    String text = response.body();
    if (text == null || text.isBlank()) {
      return mapper.nullNode();
    }
    try {
      return mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ConnectorException("GITHUB_INVALID_RESPONSE", "GitHub " + endpoint
          + " answered HTTP " + response.statusCode() + " with a body that is not JSON"
          + " (content type '" + response.headers().firstValue("Content-Type").orElse("none")
          + "'); check the base URL (GitHub Enterprise: https://HOST/api/v3)");
    }
  }

  private ConnectorException failure(HttpResponse<String> response, String endpoint) {
    int status = response.statusCode();
    String githubMessage = githubMessage(response.body());
    String prefix = "GitHub " + endpoint + " answered HTTP " + status
        + (githubMessage.isEmpty() ? "" : " '" + githubMessage + "'");
    Optional<String> remaining = response.headers().firstValue("x-ratelimit-remaining");
    Optional<String> retryAfter = response.headers().firstValue("retry-after");
    if (status == 429 || status == 403 && ("0".equals(remaining.orElse(null))
        || retryAfter.isPresent())) {
      Duration backoff = rateLimitBackoff(response);
      return new RetryableException("GITHUB_RATE_LIMITED", prefix
          + ": rate limit exceeded; retry in " + backoff.toSeconds() + " s", backoff, null);
    }
    if (status >= 500) {
      return new RetryableException("GITHUB_HTTP_" + status, prefix + "; it is retried", null,
          null);
    }
    return switch (status) {
      case 401 -> new ConnectorException("GITHUB_UNAUTHORIZED", prefix
          + ": the credentials were refused; check the token or the app's key and id");
      case 403 -> new ConnectorException("GITHUB_FORBIDDEN", prefix
          + ": the credentials lack the permission; grant it to the token or the app");
      case 404 -> new ConnectorException("GITHUB_NOT_FOUND", prefix
          + ": check owner, repository, number or path, and that the credentials can see the"
          + " repository (GitHub answers 404 for private repositories it hides)");
      case 409 -> new ConnectorException("GITHUB_CONFLICT", prefix);
      case 422 -> new ConnectorException("GITHUB_VALIDATION_FAILED", prefix
          + validationDetail(response.body()));
      default -> new ConnectorException("GITHUB_HTTP_" + status, prefix);
    };
  }

  private static Duration rateLimitBackoff(HttpResponse<?> response) {
    Optional<String> retryAfter = response.headers().firstValue("retry-after");
    try {
      if (retryAfter.isPresent()) {
        return Duration.ofSeconds(Math.max(1, Long.parseLong(retryAfter.get().strip())));
      }
      Optional<String> reset = response.headers().firstValue("x-ratelimit-reset");
      if (reset.isPresent()) {
        long seconds = Long.parseLong(reset.get().strip()) - Instant.now().getEpochSecond();
        return Duration.ofSeconds(Math.max(1, seconds + 1));
      }
    } catch (NumberFormatException e) {
      // fall through to the default
    }
    return Duration.ofSeconds(60);
  }

  private String githubMessage(String body) {
    try {
      JsonNode json = mapper.readTree(body == null ? "" : body);
      return json == null ? "" : json.path("message").asText("");
    } catch (JsonProcessingException e) {
      return "";
    }
  }

  private String validationDetail(String body) {
    try {
      JsonNode errors = mapper.readTree(body).path("errors");
      if (!errors.isArray() || errors.isEmpty()) {
        return "";
      }
      StringBuilder detail = new StringBuilder(":");
      for (JsonNode e : errors) {
        detail.append(' ').append(e.path("resource").asText("")).append('.')
            .append(e.path("field").asText("")).append(' ').append(e.path("code").asText(""));
        if (e.hasNonNull("message")) {
          detail.append(" (").append(e.get("message").asText()).append(')');
        }
        detail.append(';');
      }
      return detail.toString();
    } catch (JsonProcessingException | RuntimeException e) {
      return "";
    }
  }

  /**
   * A successful answer.
   *
   * @param status HTTP status
   * @param json the parsed body (a null node when empty)
   */
  record Answer(int status, JsonNode json) {}
}
