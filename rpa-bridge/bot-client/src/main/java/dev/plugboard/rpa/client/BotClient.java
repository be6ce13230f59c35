package dev.plugboard.rpa.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Client of the Plugboard RPA bot API ({@code /api/rpa/**}, see {@code /api/rpa/openapi.yaml}).
 * Thread-safe; one instance per bot.
 *
 * <pre>{@code
 * BotClient bot = new BotClient(URI.create("http://localhost:8080"), "bot-1", token);
 * for (BotItem item : bot.fetch(List.of("invoices"), 1, Duration.ofMinutes(5), Duration.ofSeconds(30))) {
 *   bot.complete(item.id(), Map.of("total", 42));
 * }
 * }</pre>
 */
public final class BotClient {

  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final URI base;
  private final String botId;
  private final String token;
  private final HttpClient http;

  /**
   * @param baseUrl the runtime, such as {@code http://localhost:8080}
   * @param botId the bot's id
   * @param token the bot's token
   */
  public BotClient(URI baseUrl, String botId, String token) {
    String b = baseUrl.toString();
    this.base = URI.create(b.endsWith("/") ? b : b + "/");
    this.botId = Objects.requireNonNull(botId, "botId");
    this.token = Objects.requireNonNull(token, "token");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .version(HttpClient.Version.HTTP_1_1).build();
  }

  /** The bot id. */
  public String botId() {
    return botId;
  }

  /**
   * Fetches and locks items, waiting up to {@code wait} when none is available.
   *
   * @param capabilities the queues (empty: all of the bot's)
   * @param maxItems at most this many
   * @param lock the lock duration
   * @param wait the long-poll wait
   * @return the items (empty after the wait)
   */
  public List<BotItem> fetch(List<String> capabilities, int maxItems, Duration lock, Duration wait) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("botId", botId);
    body.put("capabilities", capabilities);
    body.put("maxItems", maxItems);
    body.put("lockDuration", lock.toMillis());
    body.put("waitMillis", wait.toMillis());
    String answer = post("api/rpa/items/fetch", body, wait.plusSeconds(30));
    try {
      return JSON.readValue(answer, new TypeReference<List<BotItem>>() {});
    } catch (IOException e) {
      throw new BotApiException(200, "INVALID_ANSWER", "The fetch answer is not a list of items: "
          + e.getMessage());
    }
  }

  /**
   * Extends the lock of a held item.
   *
   * @param itemId the item
   * @param lock the new lock from now
   */
  public void heartbeat(String itemId, Duration lock) {
    post("api/rpa/items/" + itemId + "/heartbeat", Map.of("lockDuration", lock.toMillis()),
        Duration.ofSeconds(30));
  }

  /**
   * Completes a held item.
   *
   * @param itemId the item
   * @param output the output object
   */
  public void complete(String itemId, Object output) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("output", output);
    post("api/rpa/items/" + itemId + "/complete", body, Duration.ofSeconds(30));
  }

  /**
   * Fails a held item with a business error: the process takes its BPMN error path.
   *
   * @param itemId the item
   * @param code the BPMN error code
   * @param message the message
   * @param variables variables to set (may be empty)
   */
  public void failBusiness(String itemId, String code, String message, Map<String, Object> variables) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kind", "business");
    body.put("code", code);
    body.put("message", message);
    body.put("variables", variables);
    post("api/rpa/items/" + itemId + "/fail", body, Duration.ofSeconds(30));
  }

  /**
   * Fails a held item technically: retried after the backoff while retries are left, then an
   * incident.
   *
   * @param itemId the item
   * @param code an error code for the incident
   * @param message the message
   * @param details details such as a log tail (may be null)
   * @param backoff wait before the retry (null: the runtime's default)
   */
  public void failTechnical(String itemId, String code, String message, String details,
      Duration backoff) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kind", "technical");
    body.put("code", code);
    body.put("message", message);
    body.put("details", details);
    body.put("retryBackoffMillis", backoff == null ? null : backoff.toMillis());
    post("api/rpa/items/" + itemId + "/fail", body, Duration.ofSeconds(30));
  }

  /**
   * Uploads a file as an artifact of a held item.
   *
   * @param itemId the item
   * @param name the artifact name (letters, digits, '.', '-', '_')
   * @param file the file
   */
  public void uploadArtifact(String itemId, String name, Path file) {
    try {
      send(HttpRequest.newBuilder(base.resolve("api/rpa/items/" + itemId + "/artifacts/" + name))
          .header("Content-Type", "application/octet-stream")
          .timeout(Duration.ofMinutes(2))
          .PUT(HttpRequest.BodyPublishers.ofFile(file)));
    } catch (java.io.FileNotFoundException e) {
      throw new IllegalArgumentException("Artifact file not found: " + file, e);
    }
  }

  private String post(String path, Object body, Duration timeout) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot write the request as JSON: " + e.getMessage(), e);
    }
    return send(HttpRequest.newBuilder(base.resolve(path))
        .header("Content-Type", "application/json")
        .timeout(timeout)
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
  }

  private String send(HttpRequest.Builder request) {
    HttpRequest r = request.header("Authorization", "Bearer " + token).build();
    HttpResponse<String> answer;
    try {
      answer = http.send(r, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new BotApiException(0, "UNREACHABLE", r.method() + " " + r.uri() + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BotApiException(0, "INTERRUPTED", r.method() + " " + r.uri() + " interrupted");
    }
    if (answer.statusCode() / 100 == 2) {
      return answer.body();
    }
    String code = "HTTP_" + answer.statusCode();
    String message = answer.body();
    try {
      JsonNode err = JSON.readTree(answer.body());
      if (err != null && err.hasNonNull("code")) {
        code = err.get("code").asText();
        message = err.path("message").asText();
      }
    } catch (IOException ignored) {
      // not JSON: keep the raw body
    }
    throw new BotApiException(answer.statusCode(), code, r.method() + " " + r.uri().getPath()
        + " -> " + answer.statusCode() + " " + code + ": " + message);
  }

  static ObjectMapper json() {
    return JSON;
  }
}
