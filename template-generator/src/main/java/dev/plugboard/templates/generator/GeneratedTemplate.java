package dev.plugboard.templates.generator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One generated element template.
 *
 * @param flavor the flavor it was written for
 * @param id the template id
 * @param version the template version
 * @param fileName the file name it is stored under ({@link TemplateFiles#fileName})
 * @param template the template object
 */
public record GeneratedTemplate(
    Flavor flavor, String id, int version, String fileName, ObjectNode template) {

  /**
   * The template as the generator stores it: pretty-printed with two-space indentation, keys in
   * a fixed order, ending with a newline. Equal inputs give byte-equal text.
   *
   * @return the JSON text
   */
  public String json() {
    return TemplateFiles.toJson(template);
  }

  /**
   * The path of this template inside a plugin jar.
   *
   * @return for example {@code META-INF/element-templates/camunda8/io.example_hello_1-v1.json}
   */
  public String resourcePath() {
    return TemplateFiles.RESOURCE_ROOT + flavor.folder() + "/" + fileName;
  }
}
