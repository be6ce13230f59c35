package dev.plugboard.runtime.api;

import dev.plugboard.runtime.plugins.PluginHost;
import dev.plugboard.runtime.plugins.PluginInfo;
import dev.plugboard.runtime.plugins.PluginState;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /api/plugins}: list, upload and remove plugins. Mutating calls are guarded by the admin
 * token filter ({@code dev.plugboard.runtime.security}).
 */
@RestController
@RequestMapping(path = "/api/plugins", produces = MediaType.APPLICATION_JSON_VALUE)
public class PluginsController {

  private final PluginHost host;

  /**
   * The controller.
   *
   * @param host the plugin host
   */
  public PluginsController(PluginHost host) {
    this.host = host;
  }

  /**
   * Every listed plugin version, with failed and refused jars and why.
   *
   * @return the plugins
   */
  @GetMapping
  public List<PluginInfo> list() {
    return host.list();
  }

  /**
   * Loads an uploaded jar.
   *
   * @param file the jar, as multipart field {@code file}
   * @return 201 with the plugin, or 400 with {@code code}, {@code message} and the refused entry
   * @throws IOException when the upload cannot be stored
   */
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public ResponseEntity<Object> upload(@RequestParam(name = "file", required = false)
      MultipartFile file) throws IOException {
    if (file == null || file.isEmpty()) {
      return ResponseEntity.badRequest().body(Map.of("code", "INVALID_UPLOAD", "message",
          "Send the plugin jar as multipart form field 'file' (curl -F file=@my-plugin.jar ...)"));
    }
    String name = file.getOriginalFilename() == null ? "upload.jar" : file.getOriginalFilename();
    PluginInfo info;
    try (InputStream in = file.getInputStream()) {
      info = host.upload(in, name);
    }
    if (info.state() == PluginState.ACTIVE) {
      return ResponseEntity.status(HttpStatus.CREATED).body(info);
    }
    return ResponseEntity.badRequest().body(Map.of(
        "code", "PLUGIN_" + info.state().name(),
        "message", info.lastError() == null ? "Plugin not loaded" : info.lastError(),
        "plugin", info));
  }

  /**
   * Removes the active version of a plugin; answers after it drained and unloaded. With no active
   * version, dismisses the failed or refused entries listed for the id.
   *
   * @param id the logical plugin id
   * @return 204, or 404 with a message
   */
  @DeleteMapping("/{id}")
  public ResponseEntity<Object> remove(@PathVariable("id") String id) {
    if (host.remove(id)) {
      return ResponseEntity.noContent().build();
    }
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("code", "PLUGIN_NOT_FOUND",
        "message", "No plugin with id '" + id + "' is active or listed; GET /api/plugins lists"
            + " them"));
  }
}
