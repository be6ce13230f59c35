package dev.plugboard.connectors.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.sdk.Connector;
import dev.plugboard.sdk.ConnectorContext;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.OutboundConnector;
import dev.plugboard.sdk.RetryableException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * GitHub through its REST API (github.com or GitHub Enterprise Server): create an issue, comment,
 * add labels, read a file, create a release; authenticated with a token or as a GitHub App.
 */
@Connector(
    type = "plugboard:github:1",
    name = "GitHub",
    description = "Create issues, comment, add labels, read files and create releases on GitHub",
    category = "Developer tools",
    icon = "github.svg",
    documentationRef = "https://docs.github.com/en/rest",
    keywords = {"github", "issue", "release", "repository", "git"},
    timeout = "PT30S")
public class GitHubConnector implements OutboundConnector<GitHubRequest, GitHubResult> {

  private static final Duration MAX_CALL = Duration.ofSeconds(30);
  private static final String JSON = "application/vnd.github+json";

  private final ObjectMapper mapper = new ObjectMapper();
  private final GitHubApi api = new GitHubApi(
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), mapper);
  private final AppTokens appTokens = new AppTokens(Clock.systemUTC());

  /** Creates the connector; the runtime calls it. */
  public GitHubConnector() {}

  @Override
  public GitHubResult execute(GitHubRequest input, ConnectorContext context) {
    Call call = new Call(input, callTimeout(context.deadline()), context.logger());
    String repoPath = "/repos/" + segment(input.owner()) + "/" + segment(input.repo());
    if (input instanceof GitHubRequest.CreateIssue i) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("title", i.title());
      if (i.body() != null) {
        body.put("body", i.body());
      }
      if (!i.labels().isEmpty()) {
        body.put("labels", i.labels());
      }
      if (!i.assignees().isEmpty()) {
        body.put("assignees", i.assignees());
      }
      JsonNode issue = call.send("POST", repoPath + "/issues", body, JSON).json();
      context.logger().info("github issue created repo={}/{} number={}", i.owner(), i.repo(),
          issue.path("number").asInt());
      return new GitHubResult.IssueCreated(issue.path("number").asInt(), issue.path("id").asLong(),
          issue.path("html_url").asText(null), issue.path("state").asText(null));
    }
    if (input instanceof GitHubRequest.AddComment c) {
      JsonNode comment = call.send("POST", repoPath + "/issues/" + c.issueNumber() + "/comments",
          Map.of("body", c.body()), JSON).json();
      return new GitHubResult.CommentCreated(comment.path("id").asLong(),
          comment.path("html_url").asText(null));
    }
    if (input instanceof GitHubRequest.AddLabels l) {
      JsonNode labels = call.send("POST", repoPath + "/issues/" + l.issueNumber() + "/labels",
          Map.of("labels", l.labels()), JSON).json();
      List<String> names = new ArrayList<>();
      labels.forEach(label -> names.add(label.path("name").asText()));
      return new GitHubResult.LabelsAdded(l.issueNumber(), names);
    }
    if (input instanceof GitHubRequest.GetFile f) {
      return getFile(call, repoPath, f);
    }
    GitHubRequest.CreateRelease r = (GitHubRequest.CreateRelease) input;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("tag_name", r.tagName());
    putIfSet(body, "target_commitish", r.targetCommitish());
    putIfSet(body, "name", r.name());
    putIfSet(body, "body", r.body());
    body.put("draft", Boolean.TRUE.equals(r.draft()));
    body.put("prerelease", Boolean.TRUE.equals(r.prerelease()));
    body.put("generate_release_notes", Boolean.TRUE.equals(r.generateReleaseNotes()));
    JsonNode release = call.send("POST", repoPath + "/releases", body, JSON).json();
    context.logger().info("github release created repo={}/{} tag={}", r.owner(), r.repo(),
        r.tagName());
    return new GitHubResult.ReleaseCreated(release.path("id").asLong(),
        release.path("tag_name").asText(r.tagName()), release.path("html_url").asText(null),
        release.path("upload_url").asText(null), release.path("draft").asBoolean(),
        release.path("prerelease").asBoolean());
  }

  private GitHubResult getFile(Call call, String repoPath, GitHubRequest.GetFile f) {
    String path = Arrays.stream(f.path().replaceAll("^/+", "").split("/"))
        .map(GitHubConnector::segment).collect(Collectors.joining("/"));
    String query = f.ref() == null || f.ref().isBlank() ? "" : "?ref=" + segment(f.ref());
    JsonNode file = call.send("GET", repoPath + "/contents/" + path + query, null, JSON).json();
    if (!file.isObject() || !"file".equals(file.path("type").asText())) {
      String kind = file.isArray() ? "dir" : file.path("type").asText("unknown");
      throw new ConnectorException("GITHUB_NOT_A_FILE", "GitHub path '" + f.path() + "' in "
          + f.owner() + "/" + f.repo() + " is a " + kind + ", not a file; give the path of a file");
    }
    byte[] bytes;
    if ("base64".equals(file.path("encoding").asText())) {
      bytes = Base64.getMimeDecoder().decode(file.path("content").asText(""));
    } else {
      // Files over 1 MB come without content ("encoding": "none"): ask for the raw bytes.
      JsonNode raw = call.send("GET", repoPath + "/contents/" + path + query, null,
          "application/vnd.github.raw+json").json();
      bytes = raw.isTextual() ? raw.asText().getBytes(StandardCharsets.UTF_8)
          : raw.toString().getBytes(StandardCharsets.UTF_8);
    }
    return new GitHubResult.FileContent(file.path("path").asText(f.path()),
        file.path("sha").asText(null), file.path("size").asLong(bytes.length), utf8(bytes),
        Base64.getEncoder().encodeToString(bytes));
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static void putIfSet(Map<String, Object> body, String key, String value) {
    if (value != null && !value.isBlank()) {
      body.put(key, value);
    }
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static Duration callTimeout(Instant deadline) {
    Duration left = Duration.between(Instant.now(), deadline);
    if (left.isNegative() || left.isZero()) {
      throw new RetryableException("GITHUB_TIMEOUT",
          "No time left for the GitHub call before the task's deadline", null, null);
    }
    return left.compareTo(MAX_CALL) < 0 ? left : MAX_CALL;
  }

  /** One operation's calls with its authentication resolved once. */
  private final class Call {
    private final GitHubRequest input;
    private final Duration timeout;
    private final Logger log;

    Call(GitHubRequest input, Duration timeout, Logger log) {
      this.input = input;
      this.timeout = timeout;
      this.log = log;
    }

    GitHubApi.Answer send(String method, String path, Object body, String accept) {
      if (input.authentication() instanceof GitHubAuthentication.Token t) {
        return api.call(method, input.baseUrl(), path, "Bearer " + t.token(), body, accept,
            timeout, log);
      }
      GitHubAuthentication.App app = (GitHubAuthentication.App) input.authentication();
      String token = appTokens.installationToken(input.baseUrl(), app, this::exchange);
      try {
        return api.call(method, input.baseUrl(), path, "Bearer " + token, body, accept, timeout,
            log);
      } catch (ConnectorException e) {
        if ("GITHUB_UNAUTHORIZED".equals(e.code())) {
          // The installation token was revoked before its expiry: exchange a new one next time.
          appTokens.evict(token);
        }
        throw e;
      }
    }

    private AppTokens.CachedToken exchange(String jwt) {
      GitHubAuthentication.App app = (GitHubAuthentication.App) input.authentication();
      JsonNode answer = api.call("POST", input.baseUrl(),
          "/app/installations/" + app.installationId() + "/access_tokens", "Bearer " + jwt,
          Map.of(), JSON, timeout, log).json();
      String token = answer.path("token").asText("");
      if (token.isEmpty()) {
        throw new ConnectorException("GITHUB_INVALID_RESPONSE", "GitHub " + input.baseUrl()
            + "/app/installations/" + app.installationId() + "/access_tokens answered without"
            + " a token; check the base URL");
      }
      Instant expiresAt;
      try {
        expiresAt = Instant.parse(answer.path("expires_at").asText(""));
      } catch (DateTimeParseException e) {
        expiresAt = Instant.now().plus(Duration.ofMinutes(10));
      }
      log.info("github app token exchanged appId={} installationId={} expiresAt={}",
          app.appId(), app.installationId(), expiresAt);
      return new AppTokens.CachedToken(token, expiresAt);
    }
  }
}
