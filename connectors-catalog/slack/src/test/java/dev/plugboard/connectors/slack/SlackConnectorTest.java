package dev.plugboard.connectors.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.RetryableException;
import dev.plugboard.sdk.testkit.ConnectorTestKit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SlackConnectorTest {

  private static final String TOKEN = "xoxb-secret-test-token";

  @RegisterExtension
  static WireMockExtension slack = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort()).build();

  private ConnectorTestKit kit(String operation) {
    return ConnectorTestKit.of(new SlackConnector())
        .secret("SLACK_TOKEN", TOKEN)
        .variable("operation", operation)
        .variable("token", "{{secrets.SLACK_TOKEN}}")
        .variable("baseUrl", slack.baseUrl() + "/api");
  }

  @Test
  void postsAMessageWithBlocksAsAThreadReply() throws Exception {
    slack.stubFor(post("/api/chat.postMessage").willReturn(okJson(
        "{\"ok\":true,\"channel\":\"C123\",\"ts\":\"1700000000.000200\","
            + "\"message\":{\"thread_ts\":\"1700000000.000100\"}}")));

    Object result = kit("postMessage")
        .variable("channel", "C123")
        .variable("text", "Order 42 is ready for pickup")
        .variable("blocks", "[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*Ready*\"}}]")
        .variable("threadTs", "1700000000.000100")
        .execute();

    assertThat(result).isEqualTo(new SlackResult.MessagePosted(
        "C123", "1700000000.000200", "1700000000.000100"));
    slack.verify(postRequestedFor(urlEqualTo("/api/chat.postMessage"))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withRequestBody(equalToJson("{\"channel\":\"C123\",\"text\":\"Order 42 is ready for pickup\","
            + "\"thread_ts\":\"1700000000.000100\",\"blocks\":[{\"type\":\"section\","
            + "\"text\":{\"type\":\"mrkdwn\",\"text\":\"*Ready*\"}}]}")));
  }

  @Test
  void blocksGivenAsAListFromFeelArePassedThrough() throws Exception {
    slack.stubFor(post("/api/chat.postMessage").willReturn(okJson(
        "{\"ok\":true,\"channel\":\"C9\",\"ts\":\"1.2\"}")));

    Object result = kit("postMessage")
        .variable("channel", "#general")
        .variable("blocks", List.of(Map.of("type", "divider")))
        .execute();

    assertThat(((SlackResult.MessagePosted) result).ts()).isEqualTo("1.2");
    slack.verify(postRequestedFor(urlEqualTo("/api/chat.postMessage"))
        .withRequestBody(equalToJson("{\"channel\":\"#general\",\"blocks\":[{\"type\":\"divider\"}]}")));
  }

  @Test
  void createsAPrivateChannel() throws Exception {
    slack.stubFor(post("/api/conversations.create").willReturn(okJson(
        "{\"ok\":true,\"channel\":{\"id\":\"C777\",\"name\":\"order-42\",\"is_private\":true}}")));

    Object result = kit("createChannel").variable("name", "order-42").variable("isPrivate", true)
        .execute();

    assertThat(result).isEqualTo(new SlackResult.ChannelCreated("C777", "order-42", true));
    slack.verify(postRequestedFor(urlEqualTo("/api/conversations.create"))
        .withRequestBody(equalToJson("{\"name\":\"order-42\",\"is_private\":true}")));
  }

  @Test
  void invitesUsersToAChannel() throws Exception {
    slack.stubFor(post("/api/conversations.invite").willReturn(okJson(
        "{\"ok\":true,\"channel\":{\"id\":\"C777\"}}")));

    Object result = kit("inviteUsers").variable("channel", "C777")
        .variable("users", List.of("U1", "U2")).execute();

    assertThat(result).isEqualTo(new SlackResult.UsersInvited("C777", List.of("U1", "U2")));
    slack.verify(postRequestedFor(urlEqualTo("/api/conversations.invite"))
        .withRequestBody(equalToJson("{\"channel\":\"C777\",\"users\":\"U1,U2\"}")));
  }

  @Test
  void looksUpAUserByEmailWithAFormRequest() throws Exception {
    slack.stubFor(post("/api/users.lookupByEmail").willReturn(okJson(
        "{\"ok\":true,\"user\":{\"id\":\"U42\",\"team_id\":\"T1\",\"name\":\"ada\","
            + "\"real_name\":\"Ada Lovelace\",\"profile\":{\"email\":\"ada@example.com\"}}}")));

    Object result = kit("lookupUserByEmail").variable("email", "ada@example.com").execute();

    assertThat(result).isEqualTo(new SlackResult.UserFound(
        "U42", "ada", "Ada Lovelace", "ada@example.com", "T1"));
    slack.verify(postRequestedFor(urlEqualTo("/api/users.lookupByEmail"))
        .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
        .withRequestBody(equalTo("email=ada%40example.com")));
  }

  @Test
  void slackErrorBecomesACodeNamingTheEndpoint() {
    slack.stubFor(post("/api/chat.postMessage").willReturn(okJson(
        "{\"ok\":false,\"error\":\"channel_not_found\"}")));

    assertThatThrownBy(() -> kit("postMessage").variable("channel", "C404").variable("text", "hi")
        .execute())
        .isExactlyInstanceOf(ConnectorException.class)
        .hasMessageContaining(slack.baseUrl() + "/api/chat.postMessage")
        .hasMessageContaining("channel_not_found")
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("SLACK_CHANNEL_NOT_FOUND");
  }

  @Test
  void refusedTokenIsNotRetriedAndNeverShown() {
    slack.stubFor(post("/api/users.lookupByEmail").willReturn(okJson(
        "{\"ok\":false,\"error\":\"invalid_auth\"}")));

    assertThatThrownBy(() -> kit("lookupUserByEmail").variable("email", "a@b.example").execute())
        .isExactlyInstanceOf(ConnectorException.class)
        .hasMessageContaining("token was refused")
        .hasMessageNotContaining(TOKEN)
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("SLACK_INVALID_AUTH");
  }

  @Test
  void missingScopeNamesTheScope() {
    slack.stubFor(post("/api/conversations.create").willReturn(okJson(
        "{\"ok\":false,\"error\":\"missing_scope\",\"needed\":\"channels:manage\"}")));

    assertThatThrownBy(() -> kit("createChannel").variable("name", "x").execute())
        .hasMessageContaining("channels:manage")
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("SLACK_MISSING_SCOPE");
  }

  @Test
  void rateLimitIsRetryableWithTheRetryAfterBackoff() {
    slack.stubFor(post("/api/chat.postMessage").willReturn(aResponse().withStatus(429)
        .withHeader("Retry-After", "7")));

    assertThatThrownBy(() -> kit("postMessage").variable("channel", "C1").variable("text", "hi")
        .execute())
        .isInstanceOfSatisfying(RetryableException.class, e -> {
          assertThat(e.code()).isEqualTo("SLACK_RATE_LIMITED");
          assertThat(e.backoff()).isEqualTo(Duration.ofSeconds(7));
        });
  }

  @Test
  void serverErrorIsRetryableButClientErrorIsNot() {
    slack.stubFor(post("/api/chat.postMessage").willReturn(aResponse().withStatus(503)));
    slack.stubFor(post("/api/conversations.create").willReturn(aResponse().withStatus(404)));

    assertThatThrownBy(() -> kit("postMessage").variable("channel", "C1").variable("text", "hi")
        .execute())
        .isInstanceOf(RetryableException.class)
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("SLACK_HTTP_503");
    assertThatThrownBy(() -> kit("createChannel").variable("name", "x").execute())
        .isExactlyInstanceOf(ConnectorException.class)
        .hasMessageContaining(slack.baseUrl() + "/api/conversations.create")
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("SLACK_HTTP_404");
  }

  @Test
  void slowAnswerTimesOutAndIsRetryable() {
    slack.stubFor(post("/api/chat.postMessage").willReturn(okJson("{\"ok\":true}")
        .withFixedDelay(3_000)));

    assertThatThrownBy(() -> kit("postMessage").variable("channel", "C1").variable("text", "hi")
        .timeout(Duration.ofMillis(300)).execute())
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining(slack.baseUrl() + "/api/chat.postMessage")
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("SLACK_TIMEOUT");
  }

  @Test
  void bodyThatIsNotSlackJsonIsReported() {
    slack.stubFor(post("/api/chat.postMessage").willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("<html>proxy login</html>")));

    assertThatThrownBy(() -> kit("postMessage").variable("channel", "C1").variable("text", "hi")
        .execute())
        .isExactlyInstanceOf(ConnectorException.class)
        .hasMessageContaining("not a Slack API JSON object")
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("SLACK_INVALID_RESPONSE");
  }

  @Test
  void messageWithoutTextOrBlocksIsInvalidInput() {
    assertThatThrownBy(() -> kit("postMessage").variable("channel", "C1").execute())
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("INVALID_INPUT");
  }

  @Test
  void missingRequiredFieldsAreNamed() {
    assertThatThrownBy(() -> kit("inviteUsers").variable("channel", "C1").execute())
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("users")
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("INVALID_INPUT");
  }

  @Test
  void unknownOperationIsInvalidInput() {
    assertThatThrownBy(() -> kit("deleteWorkspace").execute())
        .hasMessageContaining("deleteWorkspace")
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("INVALID_INPUT");
  }
}
