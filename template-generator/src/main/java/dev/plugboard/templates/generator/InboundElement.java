package dev.plugboard.templates.generator;

import java.util.List;

/**
 * The BPMN elements an inbound connector's templates apply to; each gets its own template whose
 * id is the connector type followed by {@link #idSuffix()}.
 */
public enum InboundElement {
  /** A message start event: starts a process instance, no correlation. */
  MESSAGE_START_EVENT(".StartEvent", "message start event", List.of("bpmn:StartEvent"),
      "bpmn:StartEvent", true, false),
  /** An intermediate message catch event: correlates to a waiting instance. */
  INTERMEDIATE_CATCH_EVENT(".IntermediateCatchEvent", "intermediate catch event",
      List.of("bpmn:IntermediateCatchEvent", "bpmn:IntermediateThrowEvent"),
      "bpmn:IntermediateCatchEvent", true, true),
  /** A message boundary event: correlates to an instance waiting in the attached activity. */
  BOUNDARY_EVENT(".BoundaryEvent", "boundary event", List.of("bpmn:BoundaryEvent"),
      "bpmn:BoundaryEvent", true, true),
  /** A receive task: correlates to a waiting instance. */
  RECEIVE_TASK(".ReceiveTask", "receive task", List.of("bpmn:ReceiveTask"),
      "bpmn:ReceiveTask", false, true);

  private final String idSuffix;
  private final String label;
  private final List<String> appliesTo;
  private final String elementType;
  private final boolean messageEvent;
  private final boolean correlates;

  InboundElement(String idSuffix, String label, List<String> appliesTo, String elementType,
      boolean messageEvent, boolean correlates) {
    this.idSuffix = idSuffix;
    this.label = label;
    this.appliesTo = appliesTo;
    this.elementType = elementType;
    this.messageEvent = messageEvent;
    this.correlates = correlates;
  }

  /**
   * What the template id appends to the connector type.
   *
   * @return for example {@code .StartEvent}
   */
  public String idSuffix() {
    return idSuffix;
  }

  /**
   * The element's name in a template name, for example "message start event".
   *
   * @return the label
   */
  public String label() {
    return label;
  }

  /**
   * The template's {@code appliesTo}.
   *
   * @return BPMN element types
   */
  public List<String> appliesTo() {
    return appliesTo;
  }

  /**
   * The template's {@code elementType.value}.
   *
   * @return a BPMN element type
   */
  public String elementType() {
    return elementType;
  }

  /**
   * Whether the element is an event with a {@code bpmn:MessageEventDefinition}.
   *
   * @return true for the three events
   */
  public boolean messageEvent() {
    return messageEvent;
  }

  /**
   * Whether the element waits in a running instance, so a correlation key is needed.
   *
   * @return false for the start event
   */
  public boolean correlates() {
    return correlates;
  }
}
