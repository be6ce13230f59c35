package dev.plugboard.runtime.templates;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.templates.validation.TemplateProblem;
import dev.plugboard.templates.validation.TemplateValidator;
import java.util.ArrayList;
import java.util.List;

/**
 * The runtime's template check: each template must be a JSON object whose {@code $schema} fits
 * the folder it came from, and must pass the project's {@link TemplateValidator} (the official
 * schemas plus the modeler's own rules), so a template the modeler would silently drop never
 * gets published.
 */
public final class DefaultTemplateCheck implements TemplateCheck {

  private static final String ZEEBE_SCHEMA = "zeebe-element-templates-json-schema";
  private static final String CAMUNDA7_SCHEMA = "/element-templates-json-schema";

  private final TemplateValidator validator;

  /** A check with the official schemas (loaded once per class loader, then shared). */
  public DefaultTemplateCheck() {
    this.validator = TemplateValidator.create();
  }

  @Override
  public List<String> check(TemplateFlavor flavor, List<JsonNode> templates, List<String> names) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < templates.size(); i++) {
      JsonNode t = templates.get(i);
      String name = names.get(i);
      if (!t.isObject()) {
        problems.add(name + ": not a JSON object (one template per file)");
        continue;
      }
      String schema = t.path("$schema").asText("");
      boolean zeebe = schema.contains(ZEEBE_SCHEMA);
      boolean camunda7 = !zeebe && schema.contains(CAMUNDA7_SCHEMA);
      if (flavor == TemplateFlavor.CAMUNDA8 && !zeebe
          || flavor == TemplateFlavor.CAMUNDA7 && !camunda7) {
        problems.add(name + ": '$schema' is '" + schema + "' but templates in the "
            + flavor.folder() + " folder need the " + (flavor == TemplateFlavor.CAMUNDA8
            ? "https://unpkg.com/@camunda/" + ZEEBE_SCHEMA + "/resources/schema.json"
            : "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json")
            + " schema");
        continue;
      }
      for (TemplateProblem p : validator.validate(t)) {
        problems.add(name + ": " + p);
      }
    }
    if (problems.isEmpty()) {
      // the cross-template rule (id + version unique) on the set
      for (TemplateProblem p : validator.validateAll(templates)) {
        problems.add(p.toString());
      }
    }
    return problems;
  }
}
