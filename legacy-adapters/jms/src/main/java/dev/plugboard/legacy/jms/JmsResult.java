package dev.plugboard.legacy.jms;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Result of the JMS connector.
 *
 * @param messageId the id the provider gave the sent message
 * @param correlationId the correlation id used
 * @param reply request-reply: the reply
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JmsResult(String messageId, String correlationId, Reply reply) {

  /**
   * A reply message.
   *
   * @param messageId its id
   * @param body its body: text (parsed as JSON when it is JSON), or Base64 for bytes
   * @param properties its properties
   */
  public record Reply(String messageId, Object body, Map<String, Object> properties) {}
}
