package dev.plugboard.runtime.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Validates a plugin's element templates before the plugin is accepted. The runtime uses the
 * project's {@code TemplateValidator} (module {@code template-validator}, the official schemas)
 * when it is on the class path, and basic structural checks otherwise.
 */
@FunctionalInterface
public interface TemplateCheck {

  /**
   * Checks templates of one flavor.
   *
   * @param flavor the flavor
   * @param templates the templates, each with the file it came from in {@code names}
   * @param names the jar entry of each template, for messages
   * @return problems, each naming the template and the fault; empty when all are valid
   */
  List<String> check(TemplateFlavor flavor, List<JsonNode> templates, List<String> names);
}
