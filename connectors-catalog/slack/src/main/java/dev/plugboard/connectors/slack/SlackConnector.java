package dev.plugboard.connectors.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.sdk.Connector;
import dev.plugboard.sdk.ConnectorContext;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.OutboundConnector;
import dev.plugboard.sdk.RetryableException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Slack through the Web API: post a message (channel, thread, Block Kit blocks), create a
 * channel, invite users, look up a user by e-mail.
 *
 * <p>Errors carry {@code SLACK_<ERROR>} codes from Slack's {@code error} field (for example
 * {@code SLACK_CHANNEL_NOT_FOUND}, {@code SLACK_INVALID_AUTH}); rate limits, timeouts and 5xx
 * answers are retryable.
 */
@Connector(
    type = "plugboard:slack:1",
    name = "Slack",
    description = "Post messages, create channels, invite users and find users by e-mail in Slack",
    category = "Communication",
    icon = "slack.svg",
    documentationRef = "https://api.slack.com/web",
    keywords = {"slack", "chat", "message", "notification", "channel"},
    timeout = "PT30S")
public class SlackConnector implements OutboundConnector<SlackRequest, SlackResult> {

  private static final Duration MAX_CALL = Duration.ofSeconds(30);

  private final ObjectMapper mapper = new ObjectMapper();
  private final SlackApi api = new SlackApi(
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), mapper);

  /** Creates the connector; the runtime calls it. */
  public SlackConnector() {}

  @Override
  public SlackResult execute(SlackRequest input, ConnectorContext context) {
    Duration timeout = callTimeout(context.deadline());
    var log = context.logger();
    if (input instanceof SlackRequest.PostMessage m) {
      return postMessage(m, timeout, context);
    }
    if (input instanceof SlackRequest.CreateChannel c) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("name", c.name());
      body.put("is_private", Boolean.TRUE.equals(c.isPrivate()));
      JsonNode channel = api.postJson(c.baseUrl(), "conversations.create", c.token(), body,
          timeout, log).path("channel");
      log.info("slack channel created id={}", channel.path("id").asText());
      return new SlackResult.ChannelCreated(channel.path("id").asText(),
          channel.path("name").asText(), channel.path("is_private").asBoolean());
    }
    if (input instanceof SlackRequest.InviteUsers i) {
      Map<String, Object> body = Map.of("channel", i.channel(), "users", String.join(",", i.users()));
      JsonNode channel = api.postJson(i.baseUrl(), "conversations.invite", i.token(), body,
          timeout, log).path("channel");
      return new SlackResult.UsersInvited(channel.path("id").asText(i.channel()), i.users());
    }
    SlackRequest.LookupUserByEmail l = (SlackRequest.LookupUserByEmail) input;
    JsonNode user = api.postForm(l.baseUrl(), "users.lookupByEmail", l.token(),
        Map.of("email", l.email()), timeout, log).path("user");
    return new SlackResult.UserFound(user.path("id").asText(), user.path("name").asText(),
        user.path("real_name").asText(null), user.path("profile").path("email").asText(l.email()),
        user.path("team_id").asText(null));
  }

  private SlackResult postMessage(SlackRequest.PostMessage m, Duration timeout,
      ConnectorContext context) {
    List<Object> blocks = blocks(m.blocks());
    if ((m.text() == null || m.text().isBlank()) && blocks.isEmpty()) {
      throw new ConnectorException("INVALID_INPUT",
          "Slack postMessage to channel '" + m.channel() + "' has neither text nor blocks;"
              + " set 'text', 'blocks' or both");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", m.channel());
    if (m.text() != null && !m.text().isBlank()) {
      body.put("text", m.text());
    }
    if (!blocks.isEmpty()) {
      body.put("blocks", blocks);
    }
    if (m.threadTs() != null && !m.threadTs().isBlank()) {
      body.put("thread_ts", m.threadTs());
      if (Boolean.TRUE.equals(m.replyBroadcast())) {
        body.put("reply_broadcast", true);
      }
    }
    JsonNode answer = api.postJson(m.baseUrl(), "chat.postMessage", m.token(), body, timeout,
        context.logger());
    String ts = answer.path("ts").asText();
    context.logger().info("slack message posted channel={} ts={}", answer.path("channel").asText(), ts);
    return new SlackResult.MessagePosted(answer.path("channel").asText(m.channel()), ts,
        answer.path("message").path("thread_ts").asText(m.threadTs()));
  }

  /** Blocks come as a list from FEEL, or as JSON text typed into the form. */
  private List<Object> blocks(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return new ArrayList<>(list);
    }
    if (value instanceof String s) {
      if (s.isBlank()) {
        return List.of();
      }
      try {
        JsonNode node = mapper.readTree(s);
        if (node.isObject() && node.has("blocks")) {
          node = node.get("blocks");
        }
        if (node.isArray()) {
          return mapper.convertValue(node, mapper.getTypeFactory()
              .constructCollectionType(List.class, Object.class));
        }
      } catch (JsonProcessingException e) {
        // reported below
      }
    }
    throw new ConnectorException("INVALID_INPUT",
        "Slack 'blocks' must be a list of Block Kit blocks or a JSON array of them (or an"
            + " object with a 'blocks' array), got " + value.getClass().getSimpleName()
            + "; build it with Slack's Block Kit Builder");
  }

  private static Duration callTimeout(Instant deadline) {
    Duration left = Duration.between(Instant.now(), deadline);
    if (left.isNegative() || left.isZero()) {
      throw new RetryableException("SLACK_TIMEOUT",
          "No time left for the Slack call before the task's deadline", null, null);
    }
    return left.compareTo(MAX_CALL) < 0 ? left : MAX_CALL;
  }
}
