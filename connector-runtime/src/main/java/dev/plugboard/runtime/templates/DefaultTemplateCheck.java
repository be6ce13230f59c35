package dev.plugboard.runtime.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's template check: the project's {@code TemplateValidator} against the official
 * schemas when the {@code template-validator} module is on the class path (looked up by name so
 * the runtime builds without it), plus structural checks that hold for both flavors.
 */
public final class DefaultTemplateCheck implements TemplateCheck {

  private static final Logger log = LoggerFactory.getLogger(DefaultTemplateCheck.class);
  private static final String VALIDATOR = "dev.plugboard.templates.validation.TemplateValidator";

  private final Object validator;
  private final Method validateAll;

  /** Finds the schema validator if it is there. */
  public DefaultTemplateCheck() {
    Object v = null;
    Method m = null;
    try {
      Class<?> type = Class.forName(VALIDATOR, true, DefaultTemplateCheck.class.getClassLoader());
      v = type.getMethod("create").invoke(null);
      m = type.getMethod("validateAll", List.class);
    } catch (ReflectiveOperationException | LinkageError e) {
      log.info("event=template_validator_missing detail=\"{} not on the class path; templates get"
          + " structural checks only\"", VALIDATOR);
    }
    this.validator = v;
    this.validateAll = m;
  }

  /**
   * Whether the schema validator is in use.
   *
   * @return true when templates are checked against the official schemas
   */
  public boolean schemaValidation() {
    return validator != null;
  }

  @Override
  public List<String> check(TemplateFlavor flavor, List<JsonNode> templates, List<String> names) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < templates.size(); i++) {
      structural(templates.get(i), names.get(i), problems);
    }
    if (validator != null && problems.isEmpty() && !templates.isEmpty()) {
      try {
        List<?> found = (List<?>) validateAll.invoke(validator, templates);
        for (Object p : found) {
          problems.add(String.valueOf(p));
        }
      } catch (ReflectiveOperationException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        problems.add("the template validator failed: " + cause);
      }
    }
    return problems;
  }

  private static void structural(JsonNode t, String name, List<String> problems) {
    if (!t.isObject()) {
      problems.add(name + ": not a JSON object (one template per file)");
      return;
    }
    for (String field : List.of("$schema", "name", "id", "appliesTo", "properties")) {
      if (!t.hasNonNull(field)) {
        problems.add(name + ": required field '" + field + "' is missing");
      }
    }
    if (!t.path("version").isInt() || t.path("version").asInt() < 1) {
      problems.add(name + ": 'version' must be a positive integer");
    }
    if (t.has("appliesTo") && !t.get("appliesTo").isArray()) {
      problems.add(name + ": 'appliesTo' must be an array of BPMN types");
    }
    if (t.has("properties") && !t.get("properties").isArray()) {
      problems.add(name + ": 'properties' must be an array");
    }
  }
}
