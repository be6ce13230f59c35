package dev.plugboard.runtime.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugboard.runtime.templates.TemplateFlavor;
import dev.plugboard.runtime.templates.TemplateRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /api/templates}: the element templates of the loaded plugins, as one array per flavor,
 * one by one, and as the Desktop Modeler's remote template source index.
 */
@RestController
@RequestMapping(path = "/api/templates", produces = MediaType.APPLICATION_JSON_VALUE)
public class TemplatesController {

  private final TemplateRegistry templates;
  private final TemplateFlavor defaultFlavor;

  /**
   * The controller.
   *
   * @param templates the templates of the active plugins
   * @param engine {@code plugboard.engine}: {@code camunda8} makes Camunda 8 templates the
   *     default, anything else Camunda 7
   */
  public TemplatesController(TemplateRegistry templates,
      @Value("${plugboard.engine:operaton}") String engine) {
    this.templates = templates;
    this.defaultFlavor = "camunda8".equals(engine.strip().toLowerCase(Locale.ROOT))
        ? TemplateFlavor.CAMUNDA8 : TemplateFlavor.CAMUNDA7;
  }

  /**
   * All templates of one flavor.
   *
   * @param flavor {@code camunda8} or {@code camunda7}; default: the active engine's
   * @return the templates as one array, or 400 for an unknown flavor
   */
  @GetMapping
  public ResponseEntity<Object> all(@RequestParam(name = "flavor", required = false) String flavor) {
    TemplateFlavor f;
    try {
      f = flavor == null || flavor.isBlank() ? defaultFlavor : TemplateFlavor.parse(flavor);
    } catch (IllegalArgumentException e) {
      return ResponseEntity.badRequest().body(Map.of("code", "INVALID_FLAVOR",
          "message", e.getMessage()));
    }
    return ResponseEntity.ok(templates.all(f));
  }

  /**
   * The Desktop Modeler remote template source index of one flavor: {@code {"<templateId>":
   * [{"version": n, "ref": "<absolute URL>", "engine": {...}}]}}, keys and versions equal to the
   * templates' own. One flavor per index, because both flavors of a connector share its id.
   *
   * @param flavor {@code camunda8} or {@code camunda7}; default: the active engine's
   * @return the index, or 400 for an unknown flavor
   */
  @GetMapping("/index.json")
  public ResponseEntity<Object> index(
      @RequestParam(name = "flavor", required = false) String flavor) {
    TemplateFlavor f;
    try {
      f = flavor == null || flavor.isBlank() ? defaultFlavor : TemplateFlavor.parse(flavor);
    } catch (IllegalArgumentException e) {
      return ResponseEntity.badRequest().body(Map.of("code", "INVALID_FLAVOR",
          "message", e.getMessage()));
    }
    Map<String, List<Map<String, Object>>> index = new LinkedHashMap<>();
    String base = ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/templates/")
        .toUriString();
    for (TemplateFlavor each : List.of(f)) {
      TemplateFlavor flavorOfIndex = each;
      for (JsonNode t : templates.all(flavorOfIndex)) {
        String id = t.path("id").asText();
        int version = t.path("version").asInt();
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("version", version);
        ref.put("ref", base + flavorOfIndex.folder() + "/" + encode(id) + "/" + version);
        ref.put("engine", engines(t, flavorOfIndex));
        index.computeIfAbsent(id, k -> new ArrayList<>()).add(ref);
      }
    }
    return ResponseEntity.ok(index);
  }

  /**
   * One template.
   *
   * @param flavor {@code camunda8} or {@code camunda7}
   * @param id the template id
   * @param version the template version
   * @return the template, or 404
   */
  @GetMapping("/{flavor}/{id}/{version}")
  public ResponseEntity<Object> one(@PathVariable("flavor") String flavor,
      @PathVariable("id") String id, @PathVariable("version") int version) {
    TemplateFlavor f;
    try {
      f = TemplateFlavor.parse(flavor);
    } catch (IllegalArgumentException e) {
      return ResponseEntity.badRequest().body(Map.of("code", "INVALID_FLAVOR",
          "message", e.getMessage()));
    }
    return templates.find(f, id, version).<ResponseEntity<Object>>map(ResponseEntity::ok)
        .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of(
            "code", "TEMPLATE_NOT_FOUND",
            "message", "No " + f.folder() + " template '" + id + "' version " + version
                + " in the loaded plugins; GET /api/templates?flavor=" + f.folder()
                + " lists them")));
  }

  private static Object engines(JsonNode template, TemplateFlavor flavor) {
    JsonNode engines = template.get("engines");
    if (engines instanceof ObjectNode) {
      return engines;
    }
    // A template that states no engine range fits any engine of its flavor (its $schema says
    // which platform it is for).
    return Map.of("camunda", "*");
  }

  private static String encode(String id) {
    return java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }
}
