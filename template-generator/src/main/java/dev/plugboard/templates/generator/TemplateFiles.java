package dev.plugboard.templates.generator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** File names, locations and the exact text format of generated templates. */
public final class TemplateFiles {

  /** Where a plugin jar carries its templates, followed by the flavor folder. */
  public static final String RESOURCE_ROOT = "META-INF/element-templates/";

  /** Where a plugin jar lists its connector classes, one fully qualified name a line. */
  public static final String CONNECTOR_INDEX = "META-INF/plugboard/connectors";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TemplateFiles() {}

  /**
   * The file name of a template: the id with every character outside {@code [A-Za-z0-9._-]}
   * replaced by {@code _}, then {@code -v} and the version. {@code io.example:hello:1} version
   * 2 is stored as {@code io.example_hello_1-v2.json}; the id itself stays in the file.
   *
   * @param id the template id
   * @param version the template version
   * @return the file name
   */
  public static String fileName(String id, int version) {
    return id.replaceAll("[^A-Za-z0-9._-]", "_") + "-v" + version + ".json";
  }

  /**
   * Writes a template the one way the generator and the drift check agree on: two-space
   * indentation, {@code "key": value}, one array element a line, LF line ends and a final
   * newline.
   *
   * @param template the template
   * @return the text
   */
  public static String toJson(JsonNode template) {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withSeparators(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""));
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    try {
      return MAPPER.writer(printer).writeValueAsString(template) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree: " + e.getMessage(), e);
    }
  }
}
