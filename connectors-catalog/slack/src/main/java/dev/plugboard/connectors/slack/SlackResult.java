package dev.plugboard.connectors.slack;

import java.util.List;

/** What each Slack operation returns; the task's result variable holds it as a JSON object. */
public sealed interface SlackResult {

  /**
   * A posted message.
   *
   * @param channel the channel id the message went to
   * @param ts the message timestamp (its id; use it as {@code threadTs} to reply)
   * @param threadTs the thread's parent timestamp, or {@code null}
   */
  record MessagePosted(String channel, String ts, String threadTs) implements SlackResult {}

  /**
   * A created channel.
   *
   * @param id the channel id
   * @param name the channel name
   * @param isPrivate whether it is private
   */
  record ChannelCreated(String id, String name, boolean isPrivate) implements SlackResult {}

  /**
   * Users invited to a channel.
   *
   * @param channel the channel id
   * @param users the invited user ids
   */
  record UsersInvited(String channel, List<String> users) implements SlackResult {}

  /**
   * A user found by e-mail.
   *
   * @param id the user id
   * @param name the user name
   * @param realName the real name
   * @param email the e-mail address
   * @param teamId the workspace id
   */
  record UserFound(String id, String name, String realName, String email, String teamId)
      implements SlackResult {}
}
