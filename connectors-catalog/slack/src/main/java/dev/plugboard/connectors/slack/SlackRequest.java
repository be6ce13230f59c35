package dev.plugboard.connectors.slack;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.plugboard.sdk.FeelMode;
import dev.plugboard.sdk.PropertyType;
import dev.plugboard.sdk.Secret;
import dev.plugboard.sdk.TemplateGroup;
import dev.plugboard.sdk.TemplateProperty;
import dev.plugboard.sdk.TemplateSubType;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/**
 * Input of the Slack connector: one case per operation, chosen by the {@code operation} variable
 * ({@code postMessage}, {@code createChannel}, {@code inviteUsers}, {@code lookupUserByEmail}).
 *
 * <p>The input is flat on purpose: a task sets {@code operation}, {@code token}, {@code channel},
 * {@code text}, ... as plain variables, without nesting.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "operation")
@TemplateGroup(id = "operation", label = "Operation")
@TemplateGroup(id = "authentication", label = "Authentication")
@TemplateGroup(id = "message", label = "Message")
@TemplateGroup(id = "advanced", label = "Advanced")
public sealed interface SlackRequest {

  /** The default Slack Web API base URL. */
  String DEFAULT_BASE_URL = "https://slack.com/api";

  /**
   * The bot or user OAuth token ({@code xoxb-...}).
   *
   * @return the token
   */
  String token();

  /**
   * The Web API base URL.
   *
   * @return the base URL without a trailing slash
   */
  String baseUrl();

  /** Returns {@code value}, or the default base URL when it is blank; strips a trailing slash. */
  private static String base(String value) {
    String b = value == null || value.isBlank() ? DEFAULT_BASE_URL : value.strip();
    return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
  }

  /**
   * Posts a message to a channel, optionally as a thread reply, with text and/or Block Kit
   * blocks ({@code chat.postMessage}).
   *
   * @param token bot token
   * @param baseUrl Web API base URL
   * @param channel channel id ({@code C0123}) or name ({@code #general}), or a user id for a DM
   * @param text message text (mrkdwn); the notification fallback when blocks are given
   * @param blocks Block Kit blocks: a list of objects, or a JSON array as text
   * @param threadTs timestamp of the parent message to reply in its thread
   * @param replyBroadcast whether a thread reply is also shown in the channel
   */
  @TemplateSubType(value = "postMessage", label = "Post a message")
  record PostMessage(
      @TemplateProperty(group = "authentication", label = "OAuth token",
          description = "Bot token (xoxb-...) with chat:write", placeholder = "{{secrets.SLACK_TOKEN}}")
      @Secret @NotBlank String token,
      @TemplateProperty(group = "advanced", label = "API base URL", defaultValue = DEFAULT_BASE_URL,
          description = "Change for a proxy or a test server")
      String baseUrl,
      @TemplateProperty(group = "message", label = "Channel",
          description = "Channel id (C0123...), #name, or a user id for a direct message")
      @NotBlank String channel,
      @TemplateProperty(group = "message", label = "Text", type = PropertyType.TEXT,
          description = "Message text (mrkdwn); the notification fallback when blocks are given")
      String text,
      @TemplateProperty(group = "message", label = "Blocks", feel = FeelMode.REQUIRED,
          description = "Block Kit blocks as a list (FEEL) or a JSON array")
      Object blocks,
      @TemplateProperty(group = "message", label = "Thread timestamp",
          description = "ts of the parent message, to reply in its thread")
      String threadTs,
      @TemplateProperty(group = "message", label = "Also send to channel",
          description = "Show a thread reply in the channel too")
      Boolean replyBroadcast) implements SlackRequest {
    /** Applies the default base URL. */
    public PostMessage {
      baseUrl = base(baseUrl);
    }

    /** Leaves the token out: inputs end up in logs and error reports. */
    @Override
    public String toString() {
      return "PostMessage[baseUrl=" + baseUrl + ", channel=" + channel + ", token=***]";
    }
  }

  /**
   * Creates a channel ({@code conversations.create}).
   *
   * @param token bot token
   * @param baseUrl Web API base URL
   * @param name channel name: lower case, digits, '-' and '_', at most 80 characters
   * @param isPrivate whether the channel is private
   */
  @TemplateSubType(value = "createChannel", label = "Create a channel")
  record CreateChannel(
      @TemplateProperty(group = "authentication", label = "OAuth token",
          description = "Bot token with channels:manage (groups:write for private channels)",
          placeholder = "{{secrets.SLACK_TOKEN}}")
      @Secret @NotBlank String token,
      @TemplateProperty(group = "advanced", label = "API base URL", defaultValue = DEFAULT_BASE_URL)
      String baseUrl,
      @TemplateProperty(group = "operation", label = "Channel name",
          description = "Lower case letters, digits, '-' and '_', up to 80 characters")
      @NotBlank @Pattern(regexp = "[a-z0-9_-]{1,80}",
          message = "must be 1 to 80 lower-case letters, digits, '-' or '_'") String name,
      @TemplateProperty(group = "operation", label = "Private channel")
      Boolean isPrivate) implements SlackRequest {
    /** Applies the default base URL. */
    public CreateChannel {
      baseUrl = base(baseUrl);
    }

    /** Leaves the token out: inputs end up in logs and error reports. */
    @Override
    public String toString() {
      return "CreateChannel[baseUrl=" + baseUrl + ", name=" + name + ", token=***]";
    }
  }

  /**
   * Invites users to a channel ({@code conversations.invite}).
   *
   * @param token bot token
   * @param baseUrl Web API base URL
   * @param channel channel id
   * @param users user ids ({@code U0123...}), up to 1000
   */
  @TemplateSubType(value = "inviteUsers", label = "Invite users to a channel")
  record InviteUsers(
      @TemplateProperty(group = "authentication", label = "OAuth token",
          placeholder = "{{secrets.SLACK_TOKEN}}")
      @Secret @NotBlank String token,
      @TemplateProperty(group = "advanced", label = "API base URL", defaultValue = DEFAULT_BASE_URL)
      String baseUrl,
      @TemplateProperty(group = "operation", label = "Channel id")
      @NotBlank String channel,
      @TemplateProperty(group = "operation", label = "User ids", feel = FeelMode.REQUIRED,
          description = "A list of user ids, for example [\"U012\", \"U034\"]")
      @NotEmpty List<@NotBlank String> users) implements SlackRequest {
    /** Applies the default base URL. */
    public InviteUsers {
      baseUrl = base(baseUrl);
      users = users == null ? null : List.copyOf(users);
    }

    /** Leaves the token out: inputs end up in logs and error reports. */
    @Override
    public String toString() {
      return "InviteUsers[baseUrl=" + baseUrl + ", channel=" + channel + ", token=***]";
    }
  }

  /**
   * Finds a user by e-mail address ({@code users.lookupByEmail}).
   *
   * @param token bot token with users:read.email
   * @param baseUrl Web API base URL
   * @param email the e-mail address
   */
  @TemplateSubType(value = "lookupUserByEmail", label = "Look up a user by e-mail")
  record LookupUserByEmail(
      @TemplateProperty(group = "authentication", label = "OAuth token",
          description = "Bot token with users:read.email", placeholder = "{{secrets.SLACK_TOKEN}}")
      @Secret @NotBlank String token,
      @TemplateProperty(group = "advanced", label = "API base URL", defaultValue = DEFAULT_BASE_URL)
      String baseUrl,
      @TemplateProperty(group = "operation", label = "E-mail address")
      @NotBlank @Email String email) implements SlackRequest {
    /** Applies the default base URL. */
    public LookupUserByEmail {
      baseUrl = base(baseUrl);
    }

    /** Leaves the token out: inputs end up in logs and error reports. */
    @Override
    public String toString() {
      return "LookupUserByEmail[baseUrl=" + baseUrl + ", email=" + email + ", token=***]";
    }
  }
}
