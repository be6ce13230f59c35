package dev.plugboard.runtime.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The element templates of the active plugin versions, by plugin. A plugin version's templates
 * appear when it becomes active and go when it is replaced or removed.
 */
@Component
public class TemplateRegistry {

  /**
   * The templates of one plugin version.
   *
   * @param pluginId the logical plugin id
   * @param version the plugin version
   * @param templates by flavor
   */
  public record PluginTemplates(String pluginId, String version,
      Map<TemplateFlavor, List<JsonNode>> templates) {

    /**
     * The number of templates, both flavors.
     *
     * @return the count
     */
    public int count() {
      return templates.values().stream().mapToInt(List::size).sum();
    }
  }

  private final Map<String, PluginTemplates> byPlugin = new ConcurrentHashMap<>();

  /**
   * Sets a plugin's templates (replacing its previous version's).
   *
   * @param templates the templates
   */
  public void put(PluginTemplates templates) {
    byPlugin.put(templates.pluginId(), templates);
  }

  /**
   * Removes a plugin version's templates if they are the current ones of the plugin.
   *
   * @param pluginId the plugin
   * @param version the version
   */
  public void remove(String pluginId, String version) {
    byPlugin.computeIfPresent(pluginId, (k, v) -> v.version().equals(version) ? null : v);
  }

  /**
   * All templates of one flavor, ordered by id and version.
   *
   * @param flavor the flavor
   * @return the templates
   */
  public List<JsonNode> all(TemplateFlavor flavor) {
    List<JsonNode> out = new ArrayList<>();
    for (PluginTemplates p : byPlugin.values()) {
      out.addAll(p.templates().getOrDefault(flavor, List.of()));
    }
    out.sort(Comparator.comparing((JsonNode t) -> t.path("id").asText())
        .thenComparingInt(t -> t.path("version").asInt()));
    return out;
  }

  /**
   * One template.
   *
   * @param flavor the flavor
   * @param id the template id
   * @param version the template version
   * @return the template
   */
  public Optional<JsonNode> find(TemplateFlavor flavor, String id, int version) {
    return all(flavor).stream()
        .filter(t -> t.path("id").asText().equals(id) && t.path("version").asInt() == version)
        .findFirst();
  }

  /**
   * The plugin that publishes a template id and version, other than the given plugin.
   *
   * @param flavor the flavor
   * @param id the template id
   * @param version the template version
   * @param exceptPlugin the plugin asking (its own older version does not count)
   * @return the other plugin's id
   */
  public Optional<String> owner(TemplateFlavor flavor, String id, int version,
      String exceptPlugin) {
    for (PluginTemplates p : byPlugin.values()) {
      if (p.pluginId().equals(exceptPlugin)) {
        continue;
      }
      for (JsonNode t : p.templates().getOrDefault(flavor, List.of())) {
        if (t.path("id").asText().equals(id) && t.path("version").asInt() == version) {
          return Optional.of(p.pluginId());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * An empty per-flavor map to fill.
   *
   * @return the map
   */
  public static Map<TemplateFlavor, List<JsonNode>> emptyByFlavor() {
    Map<TemplateFlavor, List<JsonNode>> map = new EnumMap<>(TemplateFlavor.class);
    for (TemplateFlavor f : TemplateFlavor.values()) {
      map.put(f, new ArrayList<>());
    }
    return map;
  }
}
