package dev.plugboard.rpa.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON bodies of the bot API (see {@code /api/rpa/openapi.yaml}). */
public final class RpaApi {

  private RpaApi() {}

  /**
   * Fetch-and-lock request.
   *
   * @param botId the calling bot's id (must match its token; optional)
   * @param capabilities the queues to take items from; empty or absent means all of the bot's
   * @param maxItems at most this many items (1..100, default 1)
   * @param lockDuration lock in milliseconds (default {@code plugboard.rpa.default-lock-duration})
   * @param waitMillis long-poll: wait this long for an item when none is available (default 0)
   */
  public record FetchRequest(String botId, List<String> capabilities, Integer maxItems,
      Long lockDuration, Long waitMillis) {}

  /**
   * An item handed to a bot.
   *
   * @param id the item id (the engine's external task id)
   * @param queue the queue (capability) it belongs to
   * @param script the script or bot name the model asks for (may be null)
   * @param input the input: a JSON value
   * @param timeoutMillis how long the bot may work on it (null: the bot's own default)
   * @param priority the task priority
   * @param retries retries left (null: not yet failed)
   * @param lockExpiresAt when the lock ends unless extended
   * @param processInstanceId the process instance
   * @param businessKey the business key (may be null)
   * @param activityId the BPMN element id
   * @param variables the task's other local variables
   */
  public record Item(String id, String queue, String script, JsonNode input, Long timeoutMillis,
      long priority, Integer retries, Instant lockExpiresAt, String processInstanceId,
      String businessKey, String activityId, Map<String, Object> variables) {}

  /**
   * Heartbeat: extend the lock.
   *
   * @param lockDuration the new lock, in milliseconds from now
   */
  public record HeartbeatRequest(Long lockDuration) {}

  /**
   * Completion.
   *
   * @param output the output: a JSON object; stored under the task's {@code resultVariable}, or
   *     as process variables when it has none
   */
  public record CompleteRequest(JsonNode output) {}

  /**
   * Failure.
   *
   * @param kind {@code business} (a BPMN error the model can catch) or {@code technical} (retry
   *     with backoff, then an incident)
   * @param code the error code (business: the BPMN error code; technical: shown in the incident)
   * @param message what went wrong
   * @param details longer details, such as a log tail (technical only)
   * @param retryBackoffMillis wait before the item is offered again (technical only)
   * @param variables variables to set (business) or attach (technical)
   */
  public record FailRequest(String kind, String code, String message, String details,
      Long retryBackoffMillis, Map<String, Object> variables) {}

  /**
   * An uploaded artifact.
   *
   * @param name the file name
   * @param size its size in bytes
   * @param path where it is stored on the runtime's disk
   */
  public record Artifact(String name, long size, String path) {}

  /**
   * An error answer.
   *
   * @param code upper-case error code
   * @param message what went wrong and what to do
   */
  public record Error(String code, String message) {}
}
