package dev.plugboard.templates.validation;

import java.util.Objects;

/**
 * One fault of an element template, as a modeler author needs to read it.
 *
 * @param templateId the template's {@code id}, or {@code null} when the template has none
 * @param version the template's {@code version}, or {@code null} when it has none (or it is not an
 *     integer)
 * @param property the template property the fault is in (its {@code id}, else its binding name,
 *     else {@code properties[i]}), or {@code null} for a fault of the template as a whole
 * @param message what is wrong and, where it helps, what to write instead
 */
public record TemplateProblem(String templateId, Integer version, String property, String message) {

  // A problem without a message helps nobody.
  public TemplateProblem {
    Objects.requireNonNull(message, "message");
  }

  /**
   * Reads like {@code template 'plugboard:http:1' v1, property 'url': must not be empty}; the
   * version and property parts are left out when absent.
   */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("template ");
    text.append(templateId == null ? "<without id>" : "'" + templateId + "'");
    if (version != null) {
      text.append(" v").append(version);
    }
    if (property != null) {
      text.append(", property '").append(property).append('\'');
    }
    return text.append(": ").append(message).toString();
  }
}
