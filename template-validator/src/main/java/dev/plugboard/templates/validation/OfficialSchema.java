package dev.plugboard.templates.validation;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One official element template JSON schema (as npm fetched it at build time) compiled with
 * networknt, plus the schema package's own error messages.
 *
 * <p>Instances are immutable and thread-safe: the compiled schema keeps no per-call state.
 */
final class OfficialSchema {

  /** Where the build copies the npm packages' files (see the module's pom.xml). */
  static final String RESOURCE_ROOT = "/dev/plugboard/templates/validation/schemas/";

  /**
   * Keywords of the Camunda schemas that draft-07 does not know. Registered as annotations, they
   * are read and ignored as ajv ignores them; unregistered, networknt warns about each one.
   */
  private static final List<String> NON_STANDARD_KEYWORDS =
      List.of("deprecated", "deprecationWarning", "example", "eventDefinition", "$defs",
          "errorMessage", "$comment");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final TemplateFlavor flavor;
  private final String version;
  private final Schema templateSchema;
  private final SchemaErrorMessages errorMessages;

  private OfficialSchema(TemplateFlavor flavor, String version, Schema templateSchema,
      SchemaErrorMessages errorMessages) {
    this.flavor = flavor;
    this.version = version;
    this.templateSchema = templateSchema;
    this.errorMessages = errorMessages;
  }

  /** Loads and compiles the schema of a flavor from the class path. */
  static OfficialSchema load(TemplateFlavor flavor) {
    String folder = RESOURCE_ROOT + flavor.folder() + "/";
    String schemaText = read(folder + "resources/schema.json");
    JsonNode schemaNode = JSON.readTree(schemaText);
    String version = JSON.readTree(read(folder + "package.json")).path("version").asString();
    JsonNode messages = JSON.readTree(read(folder + "resources/error-messages.json"));

    Dialect.Builder dialect = Dialect.builder(Dialects.getDraft7());
    NON_STANDARD_KEYWORDS.forEach(keyword -> dialect.keyword(new AnnotationKeyword(keyword)));
    dialect.keyword(new ConstKeyword());
    dialect.keyword(new IfKeyword());
    String id = schemaNode.path("$id").asString();
    SchemaRegistry registry =
        SchemaRegistry.withDialect(dialect.build(), builder -> builder.schemas(Map.of(id, schemaText)));

    // Validate one template object against the template definition; the schema root is a oneOf
    // of "a template" and "a list of templates", whose failure would only say "matches neither".
    Schema templateSchema = registry.getSchema(SchemaLocation.of(id + "#/definitions/template"));
    templateSchema.initializeValidators();
    return new OfficialSchema(flavor, version, templateSchema, new SchemaErrorMessages(messages));
  }

  TemplateFlavor flavor() {
    return flavor;
  }

  /** The schema package's version, e.g. {@code 0.46.0}. */
  String version() {
    return version;
  }

  /** The schema's faults in one template, each with the template-relative path it concerns. */
  List<SchemaViolation> validate(JsonNode template) {
    List<Error> errors = templateSchema.validate(template);
    List<SchemaViolation> violations = new ArrayList<>(errors.size());
    for (Error error : errors) {
      List<Object> instancePath = segments(error.getInstanceLocation());
      List<String> schemaPath = new ArrayList<>();
      NodePath fragment = error.getSchemaLocation().getFragment();
      for (int i = 0; i < fragment.getNameCount(); i++) {
        schemaPath.add(fragment.getName(i));
      }
      String custom = errorMessages.messageFor(schemaPath, error, instancePath, template);
      String message = custom != null ? custom : plainMessage(error);
      violations.add(new SchemaViolation(instancePath, error.getKeyword(), message, custom != null));
    }
    return violations;
  }

  /** networknt's message without its own location prefix (we name the location ourselves). */
  private static String plainMessage(Error error) {
    JsonNode forbidden = error.getSchemaNode();
    if ("not".equals(error.getKeyword()) && forbidden != null && forbidden.size() == 1
        && forbidden.path("required").size() == 1) {
      // The schema forbids a key in this context ("Hidden with value must not have generatedValue",
      // "placeholder only on String and Text"); networknt would print the subschema instead.
      return "'" + forbidden.path("required").get(0).asString() + "' is not allowed here";
    }
    String message = error.getMessage();
    String location = error.getInstanceLocation().toString();
    if (message.startsWith(location + ": ")) {
      message = message.substring(location.length() + 2);
    }
    return message;
  }

  private static List<Object> segments(NodePath path) {
    List<Object> segments = new ArrayList<>(path.getNameCount());
    for (int i = 0; i < path.getNameCount(); i++) {
      segments.add(path.getElement(i));
    }
    return segments;
  }

  private static String read(String resource) {
    try (InputStream in = OfficialSchema.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("element template schema resource " + resource
            + " is missing from the class path; the template-validator build copies it from"
            + " tools/template-validator/node_modules (run: mvn -pl template-validator package)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /**
   * One schema fault.
   *
   * @param instancePath where in the template (field names and array indexes)
   * @param keyword the failed JSON schema keyword
   * @param message the schema's own message for it, else networknt's
   * @param custom whether the message is one the schema authors wrote
   */
  record SchemaViolation(List<Object> instancePath, String keyword, String message, boolean custom) {}
}
