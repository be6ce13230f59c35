package dev.plugboard.connectors.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.RetryableException;
import dev.plugboard.sdk.testkit.ConnectorTestKit;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GitHubConnectorTest {

  private static final String TOKEN = "ghp_secretTestToken123";
  private static KeyPair appKey;

  @RegisterExtension
  static WireMockExtension github = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort()).build();

  @BeforeAll
  static void generateAppKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    appKey = generator.generateKeyPair();
  }

  private ConnectorTestKit kit(String operation) {
    return ConnectorTestKit.of(new GitHubConnector())
        .secret("GITHUB_TOKEN", TOKEN)
        .variable("operation", operation)
        .variable("authentication.type", "token")
        .variable("authentication.token", "{{secrets.GITHUB_TOKEN}}")
        .variable("baseUrl", github.baseUrl() + "/api/v3")
        .variable("owner", "acme")
        .variable("repo", "shop");
  }

  @Test
  void createsAnIssueWithLabelsAndAssignees() throws Exception {
    github.stubFor(post("/api/v3/repos/acme/shop/issues").willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"id\":9001,\"number\":42,\"state\":\"open\","
            + "\"html_url\":\"https://github.com/acme/shop/issues/42\"}")));

    Object result = kit("createIssue").variable("title", "Order 42 failed")
        .variable("body", "Payment declined").variable("labels", List.of("bug"))
        .variable("assignees", List.of("octocat")).execute();

    assertThat(result).isEqualTo(new GitHubResult.IssueCreated(42, 9001,
        "https://github.com/acme/shop/issues/42", "open"));
    github.verify(postRequestedFor(urlEqualTo("/api/v3/repos/acme/shop/issues"))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
        .withHeader("Accept", equalTo("application/vnd.github+json"))
        .withRequestBody(equalToJson("{\"title\":\"Order 42 failed\",\"body\":\"Payment declined\","
            + "\"labels\":[\"bug\"],\"assignees\":[\"octocat\"]}")));
  }

  @Test
  void commentsOnAnIssue() throws Exception {
    github.stubFor(post("/api/v3/repos/acme/shop/issues/42/comments").willReturn(okJson(
        "{\"id\":77,\"html_url\":\"https://github.com/acme/shop/issues/42#issuecomment-77\"}")));

    Object result = kit("addComment").variable("issueNumber", 42).variable("body", "Fixed").execute();

    assertThat(result).isEqualTo(new GitHubResult.CommentCreated(77,
        "https://github.com/acme/shop/issues/42#issuecomment-77"));
  }

  @Test
  void addsLabelsAndReturnsAllLabelsOfTheIssue() throws Exception {
    github.stubFor(post("/api/v3/repos/acme/shop/issues/42/labels").willReturn(okJson(
        "[{\"name\":\"bug\"},{\"name\":\"urgent\"}]")));

    Object result = kit("addLabels").variable("issueNumber", "42")
        .variable("labels", List.of("urgent")).execute();

    assertThat(result).isEqualTo(new GitHubResult.LabelsAdded(42, List.of("bug", "urgent")));
    github.verify(postRequestedFor(urlEqualTo("/api/v3/repos/acme/shop/issues/42/labels"))
        .withRequestBody(equalToJson("{\"labels\":[\"urgent\"]}")));
  }

  @Test
  void readsAFileAndDecodesItsBase64Content() throws Exception {
    String text = "# Shop\nÄrger-free orders ✓\n";
    String encoded = Base64.getMimeEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))
        .replace("\r\n", "\\n");
    github.stubFor(get(urlPathEqualTo("/api/v3/repos/acme/shop/contents/docs/read%20me.md"))
        .willReturn(okJson("{\"type\":\"file\",\"encoding\":\"base64\",\"path\":\"docs/read me.md\","
            + "\"sha\":\"abc123\",\"size\":" + text.getBytes(StandardCharsets.UTF_8).length
            + ",\"content\":\"" + encoded + "\"}")));

    Object result = kit("getFile").variable("path", "docs/read me.md").variable("ref", "release/1.0")
        .execute();

    GitHubResult.FileContent file = (GitHubResult.FileContent) result;
    assertThat(file.content()).isEqualTo(text);
    assertThat(file.sha()).isEqualTo("abc123");
    assertThat(Base64.getDecoder().decode(file.contentBase64()))
        .isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    github.verify(getRequestedFor(urlEqualTo(
        "/api/v3/repos/acme/shop/contents/docs/read%20me.md?ref=release%2F1.0")));
  }

  @Test
  void readingADirectoryIsAClearError() {
    github.stubFor(get(urlPathEqualTo("/api/v3/repos/acme/shop/contents/docs"))
        .willReturn(okJson("[{\"type\":\"file\",\"name\":\"a.md\"}]")));

    assertThatThrownBy(() -> kit("getFile").variable("path", "docs").execute())
        .hasMessageContaining("is a dir, not a file")
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("GITHUB_NOT_A_FILE");
  }

  @Test
  void createsARelease() throws Exception {
    github.stubFor(post("/api/v3/repos/acme/shop/releases").willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"id\":5,\"tag_name\":\"v1.2.0\",\"html_url\":\"https://github.com/acme/shop/releases/tag/v1.2.0\","
            + "\"upload_url\":\"https://uploads.github.com/repos/acme/shop/releases/5/assets{?name,label}\","
            + "\"draft\":false,\"prerelease\":true}")));

    Object result = kit("createRelease").variable("tagName", "v1.2.0").variable("name", "1.2.0")
        .variable("prerelease", true).variable("generateReleaseNotes", true).execute();

    assertThat(result).isEqualTo(new GitHubResult.ReleaseCreated(5, "v1.2.0",
        "https://github.com/acme/shop/releases/tag/v1.2.0",
        "https://uploads.github.com/repos/acme/shop/releases/5/assets{?name,label}", false, true));
    github.verify(postRequestedFor(urlEqualTo("/api/v3/repos/acme/shop/releases"))
        .withRequestBody(equalToJson("{\"tag_name\":\"v1.2.0\",\"name\":\"1.2.0\",\"draft\":false,"
            + "\"prerelease\":true,\"generate_release_notes\":true}")));
  }

  @Test
  void githubAppSignsAJwtExchangesItOnceAndReusesTheInstallationToken() throws Exception {
    String expires = Instant.now().plus(Duration.ofHours(1)).toString();
    github.stubFor(post("/api/v3/app/installations/123/access_tokens").willReturn(aResponse()
        .withStatus(201).withHeader("Content-Type", "application/json")
        .withBody("{\"token\":\"ghs_installation\",\"expires_at\":\"" + expires + "\"}")));
    github.stubFor(post("/api/v3/repos/acme/shop/issues/1/comments").willReturn(okJson(
        "{\"id\":1,\"html_url\":\"u\"}")));
    GitHubConnector connector = new GitHubConnector();

    for (int i = 0; i < 2; i++) {
      ConnectorTestKit.of(connector)
          .secret("APP_KEY", pkcs1Pem())
          .variable("operation", "addComment")
          .variable("authentication", java.util.Map.of("type", "app", "appId", "4711",
              "installationId", "123", "privateKey", "{{secrets.APP_KEY}}"))
          .variable("baseUrl", github.baseUrl() + "/api/v3")
          .variable("owner", "acme").variable("repo", "shop")
          .variable("issueNumber", 1).variable("body", "hello").execute();
    }

    List<LoggedRequest> exchanges = github.findAll(
        postRequestedFor(urlEqualTo("/api/v3/app/installations/123/access_tokens")));
    assertThat(exchanges).hasSize(1);
    String jwt = exchanges.get(0).getHeader("Authorization").substring("Bearer ".length());
    SignedJWT signed = SignedJWT.parse(jwt);
    assertThat(signed.verify(new RSASSAVerifier((RSAPublicKey) appKey.getPublic()))).isTrue();
    assertThat(signed.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
    assertThat(signed.getJWTClaimsSet().getIssuer()).isEqualTo("4711");
    assertThat(signed.getJWTClaimsSet().getExpirationTime()).isBefore(
        java.util.Date.from(Instant.now().plus(Duration.ofMinutes(10))));
    github.verify(2, postRequestedFor(urlEqualTo("/api/v3/repos/acme/shop/issues/1/comments"))
        .withHeader("Authorization", equalTo("Bearer ghs_installation")));
  }

  @Test
  void pkcs8AppKeysAreAcceptedToo() {
    String pem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(appKey.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
    assertThat(AppTokens.privateKey(new GitHubAuthentication.App("1", "2", pem)))
        .isEqualTo(appKey.getPrivate());
  }

  @Test
  void aBrokenAppKeyIsAClearErrorWithoutTheKey() {
    assertThatThrownBy(() -> ConnectorTestKit.of(new GitHubConnector())
        .variable("operation", "addComment")
        .variable("authentication.type", "app").variable("authentication.appId", "4711")
        .variable("authentication.installationId", "123")
        .variable("authentication.privateKey", "not-a-key-SECRETPART")
        .variable("baseUrl", github.baseUrl()).variable("owner", "acme").variable("repo", "shop")
        .variable("issueNumber", 1).variable("body", "x").execute())
        .hasMessageContaining("not an RSA private key")
        .hasMessageNotContaining("SECRETPART")
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("GITHUB_APP_KEY_INVALID");
  }

  @Test
  void statusCodesBecomeSpecificCodes() {
    github.stubFor(post("/api/v3/repos/acme/shop/issues/404/comments").willReturn(aResponse()
        .withStatus(404).withBody("{\"message\":\"Not Found\"}")));
    github.stubFor(post("/api/v3/repos/acme/shop/issues/401/comments").willReturn(aResponse()
        .withStatus(401).withBody("{\"message\":\"Bad credentials\"}")));
    github.stubFor(post("/api/v3/repos/acme/shop/issues/403/comments").willReturn(aResponse()
        .withStatus(403).withHeader("x-ratelimit-remaining", "4999")
        .withBody("{\"message\":\"Resource not accessible by integration\"}")));
    github.stubFor(post("/api/v3/repos/acme/shop/issues/422/comments").willReturn(aResponse()
        .withStatus(422).withBody("{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":"
            + "\"IssueComment\",\"field\":\"body\",\"code\":\"missing_field\"}]}")));

    assertFailure(404, ConnectorException.class, "GITHUB_NOT_FOUND", "Not Found");
    assertFailure(401, ConnectorException.class, "GITHUB_UNAUTHORIZED", "Bad credentials");
    assertFailure(403, ConnectorException.class, "GITHUB_FORBIDDEN", "not accessible");
    assertFailure(422, ConnectorException.class, "GITHUB_VALIDATION_FAILED", "body missing_field");
  }

  private void assertFailure(int number, Class<?> type, String code, String text) {
    assertThatThrownBy(() -> kit("addComment").variable("issueNumber", number)
        .variable("body", "x").execute())
        .isExactlyInstanceOf(type)
        .hasMessageContaining("POST " + github.baseUrl() + "/api/v3/repos/acme/shop/issues/"
            + number + "/comments")
        .hasMessageContaining(text)
        .hasMessageNotContaining(TOKEN)
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo(code);
  }

  @Test
  void exhaustedRateLimitIsRetryableUntilTheResetTime() {
    long reset = Instant.now().getEpochSecond() + 120;
    github.stubFor(post("/api/v3/repos/acme/shop/issues").willReturn(aResponse().withStatus(403)
        .withHeader("x-ratelimit-remaining", "0").withHeader("x-ratelimit-reset", "" + reset)
        .withBody("{\"message\":\"API rate limit exceeded\"}")));

    assertThatThrownBy(() -> kit("createIssue").variable("title", "t").execute())
        .isInstanceOfSatisfying(RetryableException.class, e -> {
          assertThat(e.code()).isEqualTo("GITHUB_RATE_LIMITED");
          assertThat(e.backoff()).isBetween(Duration.ofSeconds(100), Duration.ofSeconds(125));
        });
  }

  @Test
  void secondaryRateLimitWithRetryAfterIsRetryable() {
    github.stubFor(post("/api/v3/repos/acme/shop/issues").willReturn(aResponse().withStatus(429)
        .withHeader("retry-after", "30")));

    assertThatThrownBy(() -> kit("createIssue").variable("title", "t").execute())
        .isInstanceOfSatisfying(RetryableException.class,
            e -> assertThat(e.backoff()).isEqualTo(Duration.ofSeconds(30)));
  }

  @Test
  void serverErrorsAndTimeoutsAreRetryable() {
    github.stubFor(post("/api/v3/repos/acme/shop/issues").willReturn(aResponse().withStatus(502)));
    github.stubFor(get(urlPathEqualTo("/api/v3/repos/acme/shop/contents/slow.txt"))
        .willReturn(okJson("{}").withFixedDelay(3_000)));

    assertThatThrownBy(() -> kit("createIssue").variable("title", "t").execute())
        .isInstanceOf(RetryableException.class)
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("GITHUB_HTTP_502");
    assertThatThrownBy(() -> kit("getFile").variable("path", "slow.txt")
        .timeout(Duration.ofMillis(300)).execute())
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining("/api/v3/repos/acme/shop/contents/slow.txt")
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("GITHUB_TIMEOUT");
  }

  @Test
  void htmlInsteadOfJsonIsReported() {
    github.stubFor(post("/api/v3/repos/acme/shop/issues").willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "text/html").withBody("<html>sign in</html>")));

    assertThatThrownBy(() -> kit("createIssue").variable("title", "t").execute())
        .isExactlyInstanceOf(ConnectorException.class)
        .hasMessageContaining("not JSON")
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("GITHUB_INVALID_RESPONSE");
  }

  @Test
  void badRepositoryNameIsInvalidInput() {
    assertThatThrownBy(() -> kit("createIssue").variable("repo", "shop/../../admin")
        .variable("title", "t").execute())
        .hasMessageContaining("repo")
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("INVALID_INPUT");
  }

  /** The key in the PKCS#1 form GitHub hands out: the PKCS#8 encoding without its 26-byte header. */
  private static String pkcs1Pem() {
    byte[] pkcs8 = appKey.getPrivate().getEncoded();
    byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
    assertThat(AppTokens.pkcs1ToPkcs8(pkcs1)).isEqualTo(pkcs8);
    return "-----BEGIN RSA PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs1)
        + "\n-----END RSA PRIVATE KEY-----\n";
  }
}
