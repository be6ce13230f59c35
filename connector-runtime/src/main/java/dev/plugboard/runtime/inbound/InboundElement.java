package dev.plugboard.runtime.inbound;

import java.util.Map;

/**
 * A process element that carries an inbound template, as read from a deployed definition.
 *
 * @param processDefinitionId the engine's id of the definition version
 * @param processDefinitionKey the process id (stable across versions)
 * @param version the definition version
 * @param elementId the BPMN element id
 * @param kind which element it is
 * @param messageName the message the element waits for
 * @param properties the element's extension properties by name ({@code inbound.*} and the
 *     connector's own, dotted)
 */
public record InboundElement(
    String processDefinitionId,
    String processDefinitionKey,
    int version,
    String elementId,
    ElementKind kind,
    String messageName,
    Map<String, String> properties) {

  /** The element kinds an inbound template applies to. */
  public enum ElementKind {
    /** A message start event: the event starts a new instance. */
    START_EVENT,
    /** An intermediate message catch event. */
    INTERMEDIATE_CATCH_EVENT,
    /** A message boundary event. */
    BOUNDARY_EVENT,
    /** A receive task. */
    RECEIVE_TASK;

    /**
     * Whether events of this element start instances rather than correlate.
     *
     * @return true for the start event
     */
    public boolean starts() {
      return this == START_EVENT;
    }
  }

  /**
   * The connector type of the element ({@code inbound.type}).
   *
   * @return the type
   */
  public String connectorType() {
    return properties.get("inbound.type");
  }

  /**
   * A key that stays the same across versions of the process: activations and deduplication
   * are kept per process id and element id.
   *
   * @return {@code processKey/elementId}
   */
  public String activationKey() {
    return processDefinitionKey + "/" + elementId;
  }
}
