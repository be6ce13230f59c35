package dev.plugboard.rpa.automationanywhere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugboard.rpa.automationanywhere.AutomationAnywhereInput.Authentication;
import dev.plugboard.sdk.Connector;
import dev.plugboard.sdk.ConnectorContext;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.OutboundConnector;
import dev.plugboard.sdk.RetryableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs an Automation Anywhere (Automation 360) bot from a BPMN task and returns its output
 * variables: signs in with {@code POST /v2/authentication} (username with API key or password;
 * the token is cached until shortly before its {@code exp}), deploys the bot with
 * {@code POST /v4/automations/deploy} to the run-as users' unattended Bot Runners, then reads the
 * run with {@code POST /v3/activity/list} (filtered by the deployment id) every poll interval
 * until it ends or the timeout passes.
 *
 * <p>Error codes: {@code AA_AUTH_FAILED}, {@code AA_DEPLOY_FAILED}, {@code AA_BOT_FAILED},
 * {@code AA_BOT_ABORTED}, {@code AA_TIMEOUT}, {@code AA_ACTIVITY_UNREADABLE},
 * {@code AA_INVALID_INPUT}, {@code AA_UNAVAILABLE} (retryable: 429, 5xx, unreachable).
 */
@Connector(
    type = "plugboard:automation-anywhere:1",
    name = "Automation Anywhere: run bot",
    description = "Deploys an Automation Anywhere bot to unattended Bot Runners and waits for its"
        + " output variables.",
    category = "RPA",
    keywords = {"automation anywhere", "automation 360", "control room", "rpa", "bot"})
public class AutomationAnywhereConnector
    implements OutboundConnector<AutomationAnywhereInput, AutomationAnywhereResult> {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** The Control Room's documented default lifetime, for tokens whose expiry cannot be read. */
  private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofMinutes(20);
  private static final Duration EARLY_REFRESH = Duration.ofSeconds(60);
  private static final Set<String> FAILED = Set.of("RUN_FAILED", "RUN_TIMED_OUT",
      "DEPLOY_FAILED");

  private record Token(String value, Instant expires) {}

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();

  @Override
  public AutomationAnywhereResult execute(AutomationAnywhereInput in, ConnectorContext ctx)
      throws Exception {
    String base = trimSlash(in.controlRoomUrl());
    ObjectNode deploy = deployRequest(in);
    HttpResponse<String> deployed = authorized(in, base + "/v4/automations/deploy", deploy,
        "deploy bot " + in.botId());
    if (deployed.statusCode() / 100 != 2) {
      throw new ConnectorException("AA_DEPLOY_FAILED", "The Control Room refused to deploy bot "
          + in.botId() + " to run-as users [" + in.runAsUserIds() + "]: HTTP "
          + deployed.statusCode() + " " + message(deployed.body()) + "; check the bot id, that"
          + " the users have unattended Bot Runner licences and default devices, and the"
          + " user's permissions");
    }
    JsonNode answer = JSON.readTree(deployed.body());
    String deploymentId = answer.path("deploymentId").asText("");
    if (deploymentId.isEmpty()) {
      throw new ConnectorException("AA_DEPLOY_FAILED", "The Control Room answered the deployment"
          + " of bot " + in.botId() + " without a deploymentId: " + abbreviate(deployed.body()));
    }
    String name = answer.path("automationName").asText(in.automationName());
    ctx.logger().info("Automation Anywhere bot deployed deploymentId={} botId={}", deploymentId,
        in.botId());
    if (Boolean.FALSE.equals(in.waitForCompletion())) {
      return new AutomationAnywhereResult(deploymentId, name, "DEPLOYED", Map.of());
    }
    return await(in, ctx, base, deploymentId, name);
  }

  private AutomationAnywhereResult await(AutomationAnywhereInput in, ConnectorContext ctx,
      String base, String deploymentId, String name) throws Exception {
    long timeoutMs = (in.timeoutSeconds() == null ? 600 : in.timeoutSeconds()) * 1000L;
    Instant until = Instant.now().plusMillis(timeoutMs);
    if (ctx.deadline() != null && ctx.deadline().isBefore(until)) {
      until = ctx.deadline();
    }
    long poll = in.pollIntervalMillis() == null ? 5000 : in.pollIntervalMillis();
    ObjectNode query = JSON.createObjectNode();
    query.putObject("filter").put("operator", "eq").put("field", "deploymentId")
        .put("value", deploymentId);
    String status = "DEPLOYED";
    while (true) {
      HttpResponse<String> r = authorized(in, base + "/v3/activity/list", query,
          "read deployment " + deploymentId);
      if (r.statusCode() / 100 != 2) {
        throw new ConnectorException("AA_ACTIVITY_UNREADABLE", "Reading the activity of deployment "
            + deploymentId + " failed: HTTP " + r.statusCode() + " " + message(r.body())
            + "; the user needs the permission to view bot activity");
      }
      // Until the Control Room has dispatched the run, the list may still be empty.
      JsonNode run = JSON.readTree(r.body()).path("list").path(0);
      if (!run.isMissingNode()) {
        status = run.path("status").asText(status);
        String detail = run.path("message").asText("");
        if ("COMPLETED".equals(status)) {
          return new AutomationAnywhereResult(deploymentId, run.path("automationName")
              .asText(name), status, BotVariables.fromBotOutput(run.path("botOutVariables")));
        }
        if (FAILED.contains(status)) {
          throw new ConnectorException("AA_BOT_FAILED", "Bot " + in.botId() + " (deployment "
              + deploymentId + ") ended " + status + (detail.isEmpty() ? "" : ": " + detail));
        }
        if ("RUN_ABORTED".equals(status)) {
          throw new ConnectorException("AA_BOT_ABORTED", "Bot " + in.botId() + " (deployment "
              + deploymentId + ") was stopped in the Control Room"
              + (detail.isEmpty() ? "" : ": " + detail));
        }
      }
      if (Instant.now().plusMillis(poll).isAfter(until)) {
        throw new ConnectorException("AA_TIMEOUT", "Bot " + in.botId() + " (deployment "
            + deploymentId + ") did not end within " + timeoutMs / 1000 + " s (status " + status
            + "); raise timeoutSeconds or do not wait");
      }
      Thread.sleep(poll); // the poll interval between two reads of the run
    }
  }

  private static ObjectNode deployRequest(AutomationAnywhereInput in) {
    ObjectNode body = JSON.createObjectNode();
    body.put("botId", in.botId());
    if (in.automationName() != null && !in.automationName().isBlank()) {
      body.put("automationName", in.automationName());
    }
    try {
      body.set("botInput", BotVariables.toBotInput(in.botInput()));
    } catch (IllegalArgumentException e) {
      throw new ConnectorException("AA_INVALID_INPUT", e.getMessage());
    }
    ObjectNode unattended = body.putObject("unattendedRequest");
    ArrayNode users = unattended.putArray("runAsUsers");
    ids(in.runAsUserIds()).forEach(users::add);
    if (users.isEmpty()) {
      throw new ConnectorException("AA_INVALID_INPUT", "No run-as user id given for bot "
          + in.botId() + "; give the ids of users with unattended Bot Runner licences");
    }
    unattended.put("numOfRunAsUsersToUse",
        in.numOfRunAsUsersToUse() == null ? 1 : in.numOfRunAsUsersToUse());
    ArrayNode pools = unattended.putArray("poolIds");
    ids(in.poolIds()).forEach(pools::add);
    return body;
  }

  private static java.util.List<String> ids(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return java.util.List.of();
    }
    return java.util.Arrays.stream(commaSeparated.split(",")).map(String::trim)
        .filter(s -> !s.isEmpty()).toList();
  }

  /**
   * Sends a JSON POST with the cached token; a 401 means the token expired or was revoked
   * early, so the token is dropped and the call is sent once more with a new one.
   */
  private HttpResponse<String> authorized(AutomationAnywhereInput in, String url, JsonNode body,
      String what) throws Exception {
    String key = cacheKey(in);
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url))
          .header("X-Authorization", token(in))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), what);
      if (r.statusCode() != 401) {
        return r;
      }
      tokens.remove(key);
      if (attempt == 2) {
        throw new ConnectorException("AA_AUTH_FAILED", "The Control Room refused a fresh token"
            + " of user '" + in.username() + "' trying to " + what + " (401); check the user's"
            + " roles and licences");
      }
    }
  }

  private String token(AutomationAnywhereInput in) throws Exception {
    String key = cacheKey(in);
    Token t = tokens.get(key);
    if (t != null && Instant.now().plus(EARLY_REFRESH).isBefore(t.expires())) {
      return t.value();
    }
    Authentication how = in.authentication() == null ? Authentication.API_KEY
        : in.authentication();
    String credential = how == Authentication.API_KEY ? in.apiKey() : in.password();
    if (credential == null || credential.isBlank()) {
      throw new ConnectorException("AA_INVALID_INPUT", "Authentication is " + how + " but the "
          + (how == Authentication.API_KEY ? "API key" : "password") + " of user '"
          + in.username() + "' is empty; set it, e.g. to {{secrets.AA_"
          + (how == Authentication.API_KEY ? "API_KEY" : "PASSWORD") + "}}");
    }
    ObjectNode login = JSON.createObjectNode().put("username", in.username());
    login.put(how == Authentication.API_KEY ? "apiKey" : "password", credential);
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(
            trimSlash(in.controlRoomUrl()) + "/v2/authentication"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(login))),
        "authenticate");
    if (r.statusCode() / 100 != 2) {
      // The answer's message names the reason; neither it nor this message carries the secret.
      throw new ConnectorException("AA_AUTH_FAILED", "The Control Room refused user '"
          + in.username() + "' (" + how + "): HTTP " + r.statusCode() + " " + message(r.body())
          + "; check the username and the " + (how == Authentication.API_KEY ? "API key (it"
          + " changes when a new one is generated)" : "password"));
    }
    String value = JSON.readTree(r.body()).path("token").asText("");
    if (value.isEmpty()) {
      throw new ConnectorException("AA_AUTH_FAILED", "The Control Room answered the sign-in of"
          + " user '" + in.username() + "' without a token");
    }
    t = new Token(value, expiry(value));
    tokens.put(key, t);
    return value;
  }

  /** The token's {@code exp} claim (it is a JWT), or the documented default lifetime. */
  static Instant expiry(String jwt) {
    String[] parts = jwt.split("\\.");
    if (parts.length >= 2) {
      try {
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        if (claims.path("exp").canConvertToLong()) {
          return Instant.ofEpochSecond(claims.path("exp").asLong());
        }
      } catch (IOException | IllegalArgumentException ignored) {
        // not a readable JWT: fall back to the default lifetime
      }
    }
    return Instant.now().plus(DEFAULT_TOKEN_LIFETIME);
  }

  private HttpResponse<String> send(HttpRequest.Builder b, String what) throws Exception {
    HttpResponse<String> r;
    try {
      r = http.send(b.timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new RetryableException("AA_UNAVAILABLE", "Control Room unreachable trying to " + what
          + ": " + e);
    }
    if (r.statusCode() == 429 || r.statusCode() >= 500) {
      throw new RetryableException("AA_UNAVAILABLE", "The Control Room answered HTTP "
          + r.statusCode() + " trying to " + what + "; retrying");
    }
    return r;
  }

  private static String message(String body) {
    try {
      JsonNode n = JSON.readTree(body);
      for (String f : new String[] {"message", "details", "error"}) {
        if (n.hasNonNull(f) && n.get(f).isValueNode()) {
          return n.get(f).asText();
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // not JSON
    }
    return abbreviate(body);
  }

  private static String abbreviate(String body) {
    return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
  }

  /** Per Control Room, user and credential: a changed API key or password signs in anew. */
  private static String cacheKey(AutomationAnywhereInput in) {
    String credential = in.authentication() == Authentication.PASSWORD ? in.password()
        : in.apiKey();
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(String.valueOf(credential).getBytes(StandardCharsets.UTF_8));
      return trimSlash(in.controlRoomUrl()) + "|" + in.username() + "|" + in.authentication()
          + "|" + java.util.HexFormat.of().formatHex(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String trimSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
