package dev.plugboard.templates.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Not a test: measures how long the Java validator takes per template, cold and warm, so the
 * runtime's cost of validating a plugin's templates at load is known. Run it with
 * {@code mvn -q -pl template-validator test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.plugboard.templates.validation.TemplateValidatorBenchmark}.
 */
public final class TemplateValidatorBenchmark {

  private TemplateValidatorBenchmark() {}

  public static void main(String[] args) {
    long start = System.nanoTime();
    TemplateValidator validator = TemplateValidator.create();
    double loadMillis = (System.nanoTime() - start) / 1e6;

    List<String> files = Corpus.files();
    List<JsonNode> contents = files.stream().map(Corpus::read).toList();
    int templates = contents.stream().mapToInt(node -> node.isArray() ? node.size() : 1).sum();

    start = System.nanoTime();
    files.forEach(file -> Corpus.validate(validator, file));
    double coldMillis = (System.nanoTime() - start) / 1e6;

    for (int i = 0; i < 20; i++) {
      files.forEach(file -> Corpus.validate(validator, file));
    }
    JsonNode typical = Corpus.read("valid/camunda8/all-property-types.json");
    JsonNode typical7 = Corpus.read("valid/camunda7/all-property-types.json");
    int rounds = 200;
    start = System.nanoTime();
    for (int i = 0; i < rounds; i++) {
      validator.validate(typical);
    }
    double warm8 = (System.nanoTime() - start) / 1e6 / rounds;
    start = System.nanoTime();
    for (int i = 0; i < rounds; i++) {
      validator.validate(typical7);
    }
    double warm7 = (System.nanoTime() - start) / 1e6 / rounds;

    System.out.printf("schemas loaded and compiled: %.0f ms%n", loadMillis);
    System.out.printf("corpus, first pass (cold JIT): %d templates in %.0f ms (%.1f ms per template)%n",
        templates, coldMillis, coldMillis / templates);
    System.out.printf("warm, Camunda 8 template with %d properties: %.2f ms per template%n",
        typical.path("properties").size(), warm8);
    System.out.printf("warm, Camunda 7 template with %d properties: %.2f ms per template%n",
        typical7.path("properties").size(), warm7);
    System.out.printf("ratio Camunda 8 / Camunda 7 (same run): %.1f%n", warm8 / warm7);
  }
}
