package dev.plugboard.templates.generator;

/** The two element template flavors the generator writes. */
public enum Flavor {
  /** Camunda 8 (Zeebe): job workers, {@code zeebe:*} bindings, FEEL in the modeler. */
  CAMUNDA8("camunda8",
      "https://unpkg.com/@camunda/zeebe-element-templates-json-schema/resources/schema.json"),
  /** Camunda 7 and Operaton: external tasks, {@code camunda:*} bindings, no FEEL in the modeler. */
  CAMUNDA7("camunda7",
      "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json");

  private final String folder;
  private final String schema;

  Flavor(String folder, String schema) {
    this.folder = folder;
    this.schema = schema;
  }

  /**
   * The folder name of this flavor, under {@code META-INF/element-templates/} in a plugin jar and
   * under a plugin's checked-in templates folder.
   *
   * @return {@code camunda8} or {@code camunda7}
   */
  public String folder() {
    return folder;
  }

  /**
   * The unversioned official schema URL the modeler expects in {@code $schema}.
   *
   * @return the URL
   */
  public String schema() {
    return schema;
  }
}
