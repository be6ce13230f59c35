package dev.plugboard.templates.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The test corpus: {@code corpus/{valid,invalid}/{camunda8,camunda7}/*.json} (one template or an
 * array per file) and {@code corpus/expectations.json} (for each invalid file, the property and a
 * text its problem must name).
 */
final class Corpus {

  static final ObjectMapper JSON = new ObjectMapper();

  private Corpus() {}

  static Path root() {
    try {
      return Path.of(Corpus.class.getResource("/corpus").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every corpus file, relative to the corpus root with '/' separators, sorted. */
  static List<String> files() {
    Path root = root();
    try (Stream<Path> paths = Files.walk(root)) {
      return paths
          .filter(path -> path.toString().endsWith(".json"))
          .map(path -> root.relativize(path).toString().replace('\\', '/'))
          .filter(path -> path.startsWith("valid/") || path.startsWith("invalid/"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean expectedValid(String file) {
    return file.startsWith("valid/");
  }

  static JsonNode read(String file) {
    try {
      return JSON.readTree(root().resolve(file).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("corpus file " + file + " is not JSON", e);
    }
  }

  static JsonNode expectations() {
    try {
      return JSON.readTree(root().resolve("expectations.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Java verdict on a file: a single template with validate, an array with validateAll. */
  static List<TemplateProblem> validate(TemplateValidator validator, String file) {
    JsonNode content = read(file);
    if (content.isArray()) {
      List<JsonNode> templates = new ArrayList<>();
      content.forEach(templates::add);
      return validator.validateAll(templates);
    }
    return validator.validate(content);
  }
}
