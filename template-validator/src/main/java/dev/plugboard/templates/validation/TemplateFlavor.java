package dev.plugboard.templates.validation;

import java.util.Optional;

/**
 * The two kinds of element templates, told apart by their {@code $schema}: Camunda 8 (Zeebe) and
 * Camunda 7 (also used for Operaton).
 */
public enum TemplateFlavor {

  /** Camunda 8 / Zeebe templates. */
  CAMUNDA_8("camunda8", "@camunda/zeebe-element-templates-json-schema"),

  /** Camunda 7 / Operaton templates. */
  CAMUNDA_7("camunda7", "@camunda/element-templates-json-schema");

  private final String folder;
  private final String schemaPackage;

  TemplateFlavor(String folder, String schemaPackage) {
    this.folder = folder;
    this.schemaPackage = schemaPackage;
  }

  /** The folder name used for this flavor, e.g. under {@code META-INF/element-templates/}. */
  public String folder() {
    return folder;
  }

  /** The npm package of the official JSON schema. */
  public String schemaPackage() {
    return schemaPackage;
  }

  /** The unversioned official schema URL a template writes as its {@code $schema}. */
  public String schemaUrl() {
    return "https://unpkg.com/" + schemaPackage + "/resources/schema.json";
  }

  /**
   * The flavor a {@code $schema} value names, as the Camunda Modeler decides it: the URL contains
   * the schema's package name.
   *
   * @param schema the template's {@code $schema}, may be {@code null}
   * @return the flavor, or empty when the value names neither official schema
   */
  public static Optional<TemplateFlavor> ofSchema(String schema) {
    if (schema == null) {
      return Optional.empty();
    }
    // Camunda 8 first: its package name is the more specific one.
    if (schema.contains(CAMUNDA_8.schemaPackage)) {
      return Optional.of(CAMUNDA_8);
    }
    if (schema.contains(CAMUNDA_7.schemaPackage)) {
      return Optional.of(CAMUNDA_7);
    }
    return Optional.empty();
  }
}
