package dev.plugboard.runtime.web;

import dev.plugboard.runtime.engine.EngineKind;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code GET /api/console}: what the console shows and loads depends on the active engine, so it
 * asks once at start: the engine, the template flavor that fits it, where the engine's REST API
 * is (only the embedded engine has one here), and the absolute URL of the Desktop Modeler's
 * remote template source.
 */
@RestController
public class ConsoleInfoController {

  private final EngineKind engine;

  /**
   * The controller.
   *
   * @param engine {@code plugboard.engine}, already checked by the engine selection
   */
  public ConsoleInfoController(@Value("${plugboard.engine:operaton}") String engine) {
    this.engine = EngineKind.parse(engine);
  }

  /**
   * The console's settings.
   *
   * @return {@code engine}, {@code templateFlavor}, {@code engineRest} ({@code null} without an
   *     embedded engine), {@code templateIndexUrl}, {@code camunda8TemplateIndexUrl},
   *     {@code camunda7TemplateIndexUrl}
   */
  @GetMapping(path = "/api/console", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> info() {
    String flavor = engine == EngineKind.CAMUNDA8 ? "camunda8" : "camunda7";
    String index = ServletUriComponentsBuilder.fromCurrentContextPath()
        .path("/api/templates/index.json").toUriString();
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("engine", engine.value());
    info.put("templateFlavor", flavor);
    info.put("engineRest", engine == EngineKind.OPERATON ? "/engine-rest" : null);
    info.put("templateIndexUrl", index + "?flavor=" + flavor);
    info.put("camunda8TemplateIndexUrl", index + "?flavor=camunda8");
    info.put("camunda7TemplateIndexUrl", index + "?flavor=camunda7");
    return info;
  }
}
