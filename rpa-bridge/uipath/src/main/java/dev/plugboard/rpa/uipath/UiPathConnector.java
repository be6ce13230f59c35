package dev.plugboard.rpa.uipath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.sdk.Connector;
import dev.plugboard.sdk.ConnectorContext;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.OutboundConnector;
import dev.plugboard.sdk.RetryableException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts a UiPath Orchestrator job and returns its output arguments: OAuth client credentials
 * against the identity server (token cached until shortly before it expires), {@code StartJobs}
 * with the release key and input arguments, then the job's state read every poll interval until
 * it ends or the timeout passes.
 *
 * <p>Error codes: {@code UIPATH_AUTH_FAILED}, {@code UIPATH_START_FAILED},
 * {@code UIPATH_JOB_FAULTED}, {@code UIPATH_JOB_STOPPED}, {@code UIPATH_TIMEOUT},
 * {@code UIPATH_UNAVAILABLE} (retryable: 429, 5xx, unreachable).
 */
@Connector(
    type = "plugboard:uipath:1",
    name = "UiPath: start job",
    description = "Starts a UiPath Orchestrator job and waits for its output arguments.",
    category = "RPA",
    keywords = {"uipath", "rpa", "orchestrator", "robot"})
public class UiPathConnector implements OutboundConnector<UiPathInput, UiPathResult> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ENDED = Set.of("Successful", "Faulted", "Stopped");
  private static final Duration EARLY_REFRESH = Duration.ofSeconds(60);

  private record Token(String value, Instant expires) {}

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();

  @Override
  public UiPathResult execute(UiPathInput in, ConnectorContext ctx) throws Exception {
    String orchestrator = trimSlash(in.orchestratorUrl());
    String token = token(in);
    Map<String, Object> startInfo = new LinkedHashMap<>();
    startInfo.put("ReleaseKey", in.releaseKey());
    startInfo.put("Strategy", "ModernJobsCount");
    startInfo.put("JobsCount", 1);
    startInfo.put("InputArguments", JSON.writeValueAsString(
        in.inputArguments() == null ? Map.of() : in.inputArguments()));
    HttpResponse<String> started = send(HttpRequest.newBuilder(URI.create(orchestrator
            + "/odata/Jobs/UiPath.Server.Configuration.OData.StartJobs"))
        .header("Authorization", "Bearer " + token)
        .header("X-UIPATH-OrganizationUnitId", in.folderId())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
            Map.of("startInfo", startInfo)))), "start job");
    if (started.statusCode() == 401) {
      tokens.remove(cacheKey(in)); // revoked early: the next attempt gets a new one
      throw new RetryableException("UIPATH_AUTH_FAILED", "Orchestrator refused the access token"
          + " (401) starting release " + in.releaseKey() + "; retrying with a new token");
    }
    if (started.statusCode() / 100 != 2) {
      throw new ConnectorException("UIPATH_START_FAILED", "Starting release '" + in.releaseKey()
          + "' in folder " + in.folderId() + " failed: HTTP " + started.statusCode() + " "
          + message(started.body()) + "; check the release key, the folder id and the"
          + " application's scopes");
    }
    JsonNode job = JSON.readTree(started.body()).path("value").path(0);
    if (job.isMissingNode()) {
      throw new ConnectorException("UIPATH_START_FAILED", "Orchestrator started no job for"
          + " release '" + in.releaseKey() + "' (empty answer)");
    }
    long id = job.path("Id").asLong();
    ctx.logger().info("UiPath job started jobId={} releaseKey={}", id, in.releaseKey());
    if (Boolean.FALSE.equals(in.waitForCompletion())) {
      return result(job);
    }
    long timeoutMs = (in.timeoutSeconds() == null ? 600 : in.timeoutSeconds()) * 1000L;
    Instant until = Instant.now().plusMillis(timeoutMs);
    if (ctx.deadline() != null && ctx.deadline().isBefore(until)) {
      until = ctx.deadline();
    }
    long poll = in.pollIntervalMillis() == null ? 2000 : in.pollIntervalMillis();
    while (true) {
      HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(orchestrator
              + "/odata/Jobs(" + id + ")"))
          .header("Authorization", "Bearer " + token(in))
          .header("X-UIPATH-OrganizationUnitId", in.folderId()).GET(), "read job " + id);
      if (r.statusCode() / 100 == 2) {
        job = JSON.readTree(r.body());
        String state = job.path("State").asText();
        if (ENDED.contains(state)) {
          return ended(job, id);
        }
      } else if (r.statusCode() == 401) {
        tokens.remove(cacheKey(in));
      } else {
        throw new ConnectorException("UIPATH_JOB_UNREADABLE", "Reading job " + id + " failed:"
            + " HTTP " + r.statusCode() + " " + message(r.body()));
      }
      if (Instant.now().plusMillis(poll).isAfter(until)) {
        throw new ConnectorException("UIPATH_TIMEOUT", "Job " + id + " of release '"
            + in.releaseKey() + "' did not end within " + timeoutMs / 1000 + " s (state "
            + job.path("State").asText("?") + "); raise timeoutSeconds or do not wait");
      }
      Thread.sleep(poll); // the poll interval between two reads of the job state
    }
  }

  private UiPathResult ended(JsonNode job, long id) throws IOException {
    String state = job.path("State").asText();
    String info = job.path("Info").asText("");
    if ("Faulted".equals(state)) {
      throw new ConnectorException("UIPATH_JOB_FAULTED", "Job " + id + " faulted: " + info);
    }
    if ("Stopped".equals(state)) {
      throw new ConnectorException("UIPATH_JOB_STOPPED", "Job " + id + " was stopped: " + info);
    }
    return result(job);
  }

  @SuppressWarnings("unchecked")
  private static UiPathResult result(JsonNode job) throws IOException {
    String out = job.path("OutputArguments").asText("");
    Map<String, Object> output = out.isBlank() ? Map.of() : JSON.readValue(out, Map.class);
    return new UiPathResult(job.path("Id").asLong(), job.path("Key").asText(null),
        job.path("State").asText(), output, job.path("Info").asText(null));
  }

  private String token(UiPathInput in) throws Exception {
    String key = cacheKey(in);
    Token t = tokens.get(key);
    if (t != null && Instant.now().plus(EARLY_REFRESH).isBefore(t.expires())) {
      return t.value();
    }
    String scope = in.scope() == null || in.scope().isBlank()
        ? "OR.Jobs OR.Execution OR.Folders.Read" : in.scope();
    String form = "grant_type=client_credentials&client_id=" + enc(in.clientId())
        + "&client_secret=" + enc(in.clientSecret()) + "&scope=" + enc(scope);
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(trimSlash(in.identityUrl())
            + "/connect/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)), "get an access token");
    if (r.statusCode() / 100 != 2) {
      // The answer names the OAuth error (invalid_client, invalid_scope), never the secret.
      throw new ConnectorException("UIPATH_AUTH_FAILED", "The identity server refused client '"
          + in.clientId() + "': HTTP " + r.statusCode() + " " + message(r.body())
          + "; check the client id, the client secret and the scopes");
    }
    JsonNode body = JSON.readTree(r.body());
    t = new Token(body.path("access_token").asText(),
        Instant.now().plusSeconds(body.path("expires_in").asLong(3600)));
    tokens.put(key, t);
    return t.value();
  }

  private HttpResponse<String> send(HttpRequest.Builder b, String what) throws Exception {
    HttpResponse<String> r;
    try {
      r = http.send(b.timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new RetryableException("UIPATH_UNAVAILABLE", "UiPath unreachable trying to " + what
          + ": " + e.getMessage());
    }
    if (r.statusCode() == 429 || r.statusCode() >= 500) {
      throw new RetryableException("UIPATH_UNAVAILABLE", "UiPath answered HTTP " + r.statusCode()
          + " trying to " + what + "; retrying");
    }
    return r;
  }

  private static String message(String body) {
    try {
      JsonNode n = JSON.readTree(body);
      for (String f : new String[] {"message", "error_description", "error"}) {
        if (n.hasNonNull(f)) {
          return n.get(f).asText();
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // not JSON
    }
    return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
  }

  private static String cacheKey(UiPathInput in) {
    return in.identityUrl() + "|" + in.clientId() + "|" + in.scope();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
  }

  private static String trimSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
