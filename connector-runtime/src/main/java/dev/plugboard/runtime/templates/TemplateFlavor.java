package dev.plugboard.runtime.templates;

import java.util.Locale;

/** The two element template flavors a plugin jar carries. */
public enum TemplateFlavor {
  /** Camunda 8 / Zeebe templates ({@code META-INF/element-templates/camunda8/}). */
  CAMUNDA8,
  /** Camunda 7 / Operaton templates ({@code META-INF/element-templates/camunda7/}). */
  CAMUNDA7;

  /**
   * The folder name inside a plugin jar and in API paths.
   *
   * @return {@code camunda8} or {@code camunda7}
   */
  public String folder() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a flavor name.
   *
   * @param value {@code camunda8} or {@code camunda7} (any case)
   * @return the flavor
   * @throws IllegalArgumentException naming the accepted values
   */
  public static TemplateFlavor parse(String value) {
    for (TemplateFlavor f : values()) {
      if (f.folder().equalsIgnoreCase(value)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "Unknown template flavor '" + value + "'; use camunda8 or camunda7");
  }
}
