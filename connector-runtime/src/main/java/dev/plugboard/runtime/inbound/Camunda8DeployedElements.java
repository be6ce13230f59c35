package dev.plugboard.runtime.inbound;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ProcessDefinition;
import io.camunda.client.api.search.response.SearchResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound elements of the process definitions deployed on a Camunda 8 cluster, read through
 * the Orchestration Cluster REST API: {@code POST /v2/process-definitions/search} for the
 * definitions, {@code GET /v2/process-definitions/{key}/xml} for each one's BPMN (once: a deployed
 * definition never changes), and the {@code zeebe:property} extension properties that the
 * Camunda 8 inbound element templates write.
 *
 * <p>Served: every inbound element of the latest version of each process; of older versions, the
 * catch, boundary and receive elements that the latest version no longer has, as long as the
 * version has an ACTIVE process instance ({@code POST /v2/process-instances/search}). A message in
 * Zeebe correlates by name and key regardless of the version, so an old instance waiting for an
 * element that the latest version also has is served by the latest version's activation.
 *
 * <p>The search API reads the cluster's secondary storage, which trails the broker by the
 * exporter's delay (about a second): a new deployment is activated after the next scan that sees
 * it.
 */
public final class Camunda8DeployedElements implements DeployedInboundElements {

  private static final Logger LOG = LoggerFactory.getLogger(Camunda8DeployedElements.class);
  static final int PAGE_SIZE = 100;

  private final CamundaClient client;
  private final Map<Long, List<InboundElement>> elementsByDefinition = new ConcurrentHashMap<>();

  /**
   * Creates the reader.
   *
   * @param client the Camunda client (its default tenant applies)
   */
  public Camunda8DeployedElements(CamundaClient client) {
    this.client = client;
  }

  @Override
  public Map<String, InboundElement> current() {
    List<ProcessDefinition> all = definitions();
    Map<String, Integer> latestVersion = new LinkedHashMap<>();
    for (ProcessDefinition d : all) {
      latestVersion.merge(d.getProcessDefinitionId(), d.getVersion(), Math::max);
    }
    Map<String, InboundElement> desired = new LinkedHashMap<>();
    List<ProcessDefinition> older = new ArrayList<>();
    for (ProcessDefinition d : all) {
      if (d.getVersion() == latestVersion.get(d.getProcessDefinitionId())) {
        elementsOf(d).forEach(e -> desired.put(e.activationKey(), e));
      } else {
        older.add(d);
      }
    }
    older.sort(Comparator.comparingInt(ProcessDefinition::getVersion).reversed());
    for (ProcessDefinition d : older) {
      List<InboundElement> elements = elementsOf(d).stream()
          .filter(e -> !e.kind().starts() && !desired.containsKey(e.activationKey())).toList();
      if (!elements.isEmpty() && hasActiveInstances(d.getProcessDefinitionKey())) {
        elements.forEach(e -> desired.put(e.activationKey(), e));
      }
    }
    Set<Long> known = new HashSet<>();
    all.forEach(d -> known.add(d.getProcessDefinitionKey()));
    elementsByDefinition.keySet().retainAll(known);
    return desired;
  }

  private List<ProcessDefinition> definitions() {
    List<ProcessDefinition> all = new ArrayList<>();
    for (int from = 0; ; from += PAGE_SIZE) {
      int offset = from;
      SearchResponse<ProcessDefinition> page = client.newProcessDefinitionSearchRequest()
          .sort(s -> s.processDefinitionKey().asc())
          .page(p -> p.from(offset).limit(PAGE_SIZE))
          .send().join();
      all.addAll(page.items());
      if (page.items().size() < PAGE_SIZE) {
        return all;
      }
    }
  }

  private boolean hasActiveInstances(long definitionKey) {
    SearchResponse<?> r = client.newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionKey(definitionKey).state(ProcessInstanceState.ACTIVE))
        .page(p -> p.limit(1))
        .send().join();
    return !r.items().isEmpty();
  }

  /**
   * The elements of one definition version. A failing request throws, so that the scan fails as a
   * whole and the manager keeps its activations (an unreachable cluster deactivates nothing); a
   * model that cannot be parsed is remembered as having no elements.
   */
  private List<InboundElement> elementsOf(ProcessDefinition d) {
    long key = d.getProcessDefinitionKey();
    List<InboundElement> cached = elementsByDefinition.get(key);
    if (cached != null) {
      return cached;
    }
    String xml = client.newProcessDefinitionGetXmlRequest(key).send().join();
    List<InboundElement> parsed = parse(xml, d);
    elementsByDefinition.put(key, parsed);
    return parsed;
  }

  private static List<InboundElement> parse(String xml, ProcessDefinition d) {
    long key = d.getProcessDefinitionKey();
    List<InboundElement> elements = new ArrayList<>();
    try {
      var model = Bpmn.readModelFromStream(
          new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      for (InboundElement e : InboundElementReader.read(model, String.valueOf(key),
          d.getProcessDefinitionId(), d.getVersion())) {
        if (e.messageName().startsWith("=")) {
          // A FEEL message name is evaluated per process instance; an inbound connector needs
          // the name before any instance exists.
          LOG.warn("inbound element skipped element={} definitionKey={} reason=message name"
              + " '{}' is an expression; give the message a fixed name", e.activationKey(), key,
              e.messageName());
        } else {
          elements.add(e);
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("cannot read the BPMN of processDefinitionKey={} process={} error={}", key,
          d.getProcessDefinitionId(), e.toString());
    }
    return List.copyOf(elements);
  }
}
