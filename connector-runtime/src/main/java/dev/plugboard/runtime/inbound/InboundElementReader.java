package dev.plugboard.runtime.inbound;

import dev.plugboard.runtime.inbound.InboundElement.ElementKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;
import org.operaton.bpm.model.bpmn.instance.BaseElement;
import org.operaton.bpm.model.bpmn.instance.BoundaryEvent;
import org.operaton.bpm.model.bpmn.instance.CatchEvent;
import org.operaton.bpm.model.bpmn.instance.ExtensionElements;
import org.operaton.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.operaton.bpm.model.bpmn.instance.Message;
import org.operaton.bpm.model.bpmn.instance.MessageEventDefinition;
import org.operaton.bpm.model.bpmn.instance.ReceiveTask;
import org.operaton.bpm.model.bpmn.instance.StartEvent;
import org.operaton.bpm.model.xml.instance.DomElement;

/**
 * Finds the elements of a BPMN model that carry an inbound template: message start events,
 * intermediate message catch events, message boundary events and receive tasks whose extension
 * properties ({@code camunda:property} or {@code operaton:property}) include
 * {@code inbound.type}.
 */
final class InboundElementReader {

  private InboundElementReader() {}

  static List<InboundElement> read(BpmnModelInstance model, String definitionId,
      String definitionKey, int version) {
    List<InboundElement> found = new ArrayList<>();
    for (StartEvent e : model.getModelElementsByType(StartEvent.class)) {
      // Only top-level start events start instances; event sub-process starts are not served.
      if (e.getParentElement() instanceof org.operaton.bpm.model.bpmn.instance.Process) {
        add(found, e, ElementKind.START_EVENT, messageOf(e), definitionId, definitionKey, version);
      }
    }
    for (IntermediateCatchEvent e : model.getModelElementsByType(IntermediateCatchEvent.class)) {
      add(found, e, ElementKind.INTERMEDIATE_CATCH_EVENT, messageOf(e), definitionId,
          definitionKey, version);
    }
    for (BoundaryEvent e : model.getModelElementsByType(BoundaryEvent.class)) {
      add(found, e, ElementKind.BOUNDARY_EVENT, messageOf(e), definitionId, definitionKey,
          version);
    }
    for (ReceiveTask e : model.getModelElementsByType(ReceiveTask.class)) {
      Message m = e.getMessage();
      add(found, e, ElementKind.RECEIVE_TASK, m == null ? null : m.getName(), definitionId,
          definitionKey, version);
    }
    return found;
  }

  private static String messageOf(CatchEvent e) {
    for (var d : e.getEventDefinitions()) {
      if (d instanceof MessageEventDefinition med && med.getMessage() != null) {
        return med.getMessage().getName();
      }
    }
    return null;
  }

  private static void add(List<InboundElement> found, BaseElement e, ElementKind kind,
      String messageName, String definitionId, String definitionKey, int version) {
    Map<String, String> props = properties(e);
    if (!props.containsKey("inbound.type") || messageName == null || messageName.isBlank()) {
      return;
    }
    found.add(new InboundElement(definitionId, definitionKey, version, e.getId(), kind,
        messageName, Map.copyOf(props)));
  }

  /** Reads properties by local name, so both the Camunda and the Operaton namespace work. */
  static Map<String, String> properties(BaseElement e) {
    Map<String, String> props = new LinkedHashMap<>();
    ExtensionElements ext = e.getExtensionElements();
    if (ext == null) {
      return props;
    }
    for (DomElement container : children(ext.getDomElement())) {
      if (!"properties".equals(container.getLocalName())) {
        continue;
      }
      for (DomElement p : children(container)) {
        if ("property".equals(p.getLocalName())) {
          String name = p.getAttribute("name");
          String value = p.getAttribute("value");
          if (name != null && value != null) {
            props.put(name, value);
          }
        }
      }
    }
    return props;
  }

  private static Collection<DomElement> children(DomElement e) {
    return e.getChildElements();
  }
}
