package dev.plugboard.runtime.inbound;

import dev.plugboard.sdk.CorrelationResult;
import java.util.Map;
import org.operaton.bpm.engine.MismatchingMessageCorrelationException;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.runtime.MessageCorrelationBuilder;
import org.operaton.bpm.engine.runtime.MessageCorrelationResult;
import org.operaton.bpm.engine.runtime.ProcessInstance;

/**
 * Correlation on the embedded Operaton engine: {@code startProcessInstanceByMessageAndProcessDefinitionId}
 * for start events, {@code createMessageCorrelation} with {@code processInstanceVariableEquals}
 * (element property {@code inbound.correlationVariable}) or, without it, the business key.
 */
public final class OperatonMessageCorrelator implements MessageCorrelator {

  private final RuntimeService runtime;

  /**
   * Creates the correlator.
   *
   * @param runtime the engine's runtime service
   */
  public OperatonMessageCorrelator(RuntimeService runtime) {
    this.runtime = runtime;
  }

  @Override
  public CorrelationResult correlate(InboundElement element, String correlationKey,
      String messageId, Map<String, Object> variables) {
    if (element.kind().starts()) {
      ProcessInstance pi = runtime.startProcessInstanceByMessageAndProcessDefinitionId(
          element.messageName(), element.processDefinitionId(), variables);
      return new CorrelationResult.ProcessStarted(pi.getId());
    }
    MessageCorrelationBuilder b = runtime.createMessageCorrelation(element.messageName())
        .setVariables(variables);
    String variable = element.properties().get("inbound.correlationVariable");
    if (variable != null && !variable.isBlank()) {
      b.processInstanceVariableEquals(variable.trim(), correlationKey);
    } else {
      b.processInstanceBusinessKey(correlationKey);
    }
    String by = variable != null && !variable.isBlank()
        ? "variable '" + variable.trim() + "'" : "business key";
    // Checked first: the engine logs a failed correlation at ERROR, and a message that finds
    // no instance is an expected, answered case (the race with a concurrent change is still
    // caught below).
    var waiting = runtime.createExecutionQuery().messageEventSubscriptionName(element.messageName());
    if (variable != null && !variable.isBlank()) {
      waiting.processVariableValueEquals(variable.trim(), correlationKey);
    } else {
      waiting.processInstanceBusinessKey(correlationKey);
    }
    if (waiting.count() == 0) {
      return new CorrelationResult.NotCorrelated("No process instance waits for message '"
          + element.messageName() + "' with " + by + " = '" + correlationKey + "'", false);
    }
    try {
      MessageCorrelationResult r = b.correlateWithResult();
      String id = r.getExecution() != null ? r.getExecution().getProcessInstanceId() : "";
      return new CorrelationResult.MessageCorrelated(id);
    } catch (MismatchingMessageCorrelationException e) {
      return new CorrelationResult.NotCorrelated("No single process instance waits for message '"
          + element.messageName() + "' with " + by + " = '" + correlationKey + "' ("
          + e.getMessage() + ")", false);
    }
  }
}
