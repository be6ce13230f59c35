package dev.plugboard.runtime.inbound;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound elements of the embedded Operaton engine's deployed definitions: the latest version
 * of every process, plus older versions with running instances. Parsed models are cached per
 * definition id (a deployed definition never changes).
 */
public final class OperatonDeployedElements implements DeployedInboundElements {

  private static final Logger LOG = LoggerFactory.getLogger(OperatonDeployedElements.class);

  private final ProcessEngine engine;
  private final Map<String, List<InboundElement>> elementsByDefinition = new ConcurrentHashMap<>();

  /**
   * Creates the reader.
   *
   * @param engine the embedded engine
   */
  public OperatonDeployedElements(ProcessEngine engine) {
    this.engine = engine;
  }

  @Override
  public Map<String, InboundElement> current() {
    var repo = engine.getRepositoryService();
    Map<String, InboundElement> desired = new LinkedHashMap<>();
    List<ProcessDefinition> latest = repo.createProcessDefinitionQuery().latestVersion().list();
    Set<String> latestIds = new HashSet<>();
    for (ProcessDefinition d : latest) {
      latestIds.add(d.getId());
      for (InboundElement e : elementsOf(d)) {
        desired.put(e.activationKey(), e);
      }
    }
    List<ProcessDefinition> all = repo.createProcessDefinitionQuery()
        .orderByProcessDefinitionVersion().desc().list();
    Set<String> known = new HashSet<>();
    for (ProcessDefinition d : all) {
      known.add(d.getId());
      if (latestIds.contains(d.getId())) {
        continue;
      }
      List<InboundElement> elements = elementsOf(d).stream()
          .filter(e -> !e.kind().starts() && !desired.containsKey(e.activationKey())).toList();
      if (elements.isEmpty()) {
        continue;
      }
      long runningInstances = engine.getRuntimeService().createProcessInstanceQuery()
          .processDefinitionId(d.getId()).count();
      if (runningInstances > 0) {
        elements.forEach(e -> desired.put(e.activationKey(), e));
      }
    }
    elementsByDefinition.keySet().retainAll(known);
    return desired;
  }

  private List<InboundElement> elementsOf(ProcessDefinition d) {
    return elementsByDefinition.computeIfAbsent(d.getId(), id -> {
      try {
        return InboundElementReader.read(engine.getRepositoryService().getBpmnModelInstance(id),
            id, d.getKey(), d.getVersion());
      } catch (RuntimeException e) {
        LOG.warn("cannot read the model of processDefinitionId={} error={}", id, e.toString());
        return List.of();
      }
    });
  }
}
