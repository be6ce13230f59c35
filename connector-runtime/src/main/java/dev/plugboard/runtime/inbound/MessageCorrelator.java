package dev.plugboard.runtime.inbound;

import dev.plugboard.sdk.CorrelationResult;
import java.util.Map;

/**
 * What the inbound layer needs from a BPMN engine: start an instance by message, or correlate a
 * message to a waiting one. One implementation per engine adapter.
 */
public interface MessageCorrelator {

  /**
   * Starts or correlates. Must run inside the caller's transaction when the engine shares the
   * runtime's database, so that deduplication and correlation commit together.
   *
   * @param element the element the event is for
   * @param correlationKey the evaluated correlation key, {@code null} for start events
   * @param messageId the evaluated message id, {@code null} without a message id expression; only
   *     used when {@link #deduplicatesMessageIds()}
   * @param variables the variables to set
   * @return {@link CorrelationResult.ProcessStarted}, {@link CorrelationResult.MessageCorrelated}
   *     or {@link CorrelationResult.NotCorrelated}; {@link CorrelationResult.AlreadyCorrelated}
   *     too when the engine deduplicates
   */
  CorrelationResult correlate(InboundElement element, String correlationKey, String messageId,
      Map<String, Object> variables);

  /**
   * Whether the engine itself rejects a repeated message id, so that the runtime keeps no
   * deduplication table (Camunda 8: a published message with an id, within its time to live).
   * When false the runtime records message ids in {@link DeduplicationStore} in the same
   * transaction as the correlation.
   *
   * @return false by default
   */
  default boolean deduplicatesMessageIds() {
    return false;
  }
}
