package dev.plugboard.rpa.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * An item a bot holds.
 *
 * @param id the item id
 * @param queue its queue
 * @param script the script or bot name the model asks for (may be null)
 * @param input the input JSON
 * @param timeoutMillis the model's timeout (null: the bot's default)
 * @param priority the priority
 * @param retries retries left (null: never failed)
 * @param lockExpiresAt when the lock ends unless extended
 * @param processInstanceId the process instance
 * @param businessKey the business key
 * @param activityId the BPMN element
 * @param variables the task's other local variables
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BotItem(String id, String queue, String script, JsonNode input, Long timeoutMillis,
    long priority, Integer retries, Instant lockExpiresAt, String processInstanceId,
    String businessKey, String activityId, Map<String, Object> variables) {}
