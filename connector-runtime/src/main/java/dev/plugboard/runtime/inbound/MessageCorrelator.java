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
   * @param variables the variables to set
   * @return {@link CorrelationResult.ProcessStarted}, {@link CorrelationResult.MessageCorrelated}
   *     or {@link CorrelationResult.NotCorrelated}
   */
  CorrelationResult correlate(InboundElement element, String correlationKey,
      Map<String, Object> variables);
}
