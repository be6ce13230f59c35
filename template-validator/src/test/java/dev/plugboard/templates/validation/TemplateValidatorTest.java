package dev.plugboard.templates.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateValidatorTest {

  private final TemplateValidator validator = TemplateValidator.create();

  @Test
  void problemReadsAsTemplateVersionPropertyAndFault() {
    assertThat(new TemplateProblem("plugboard:http:1", 1, "url", "must not be empty"))
        .hasToString("template 'plugboard:http:1' v1, property 'url': must not be empty");
    assertThat(new TemplateProblem("plugboard:http:1", null, null, "missing $schema"))
        .hasToString("template 'plugboard:http:1': missing $schema");
  }

  @Test
  void createSharesOneCompiledValidator() {
    assertThat(TemplateValidator.create()).isSameAs(validator);
    assertThat(validator.schemaVersion(TemplateFlavor.CAMUNDA_8)).isEqualTo("0.46.0");
    assertThat(validator.schemaVersion(TemplateFlavor.CAMUNDA_7)).isEqualTo("0.22.1");
  }

  @Test
  void flavorIsChosenByTheSchemaPackageInTheUrl() {
    assertThat(TemplateFlavor.ofSchema(TemplateFlavor.CAMUNDA_8.schemaUrl())).contains(TemplateFlavor.CAMUNDA_8);
    assertThat(TemplateFlavor.ofSchema(TemplateFlavor.CAMUNDA_7.schemaUrl())).contains(TemplateFlavor.CAMUNDA_7);
    assertThat(TemplateFlavor.ofSchema(
        "https://unpkg.com/@camunda/zeebe-element-templates-json-schema@0.40.0/resources/schema.json"))
        .contains(TemplateFlavor.CAMUNDA_8);
    assertThat(TemplateFlavor.ofSchema("./schema.json")).isEmpty();
  }

  @Test
  void sameIdAndVersionInBothFlavorsIsAllowed() {
    JsonNode camunda8 = Corpus.read("valid/camunda8/icon-https-url.json");
    ObjectNode camunda7 = (ObjectNode) Corpus.read("valid/camunda7/engines.json");
    camunda7.set("id", camunda8.get("id"));

    assertThat(validator.validateAll(List.of(camunda8, camunda7))).isEmpty();
  }

  @Test
  void sameIdWithoutVersionTwiceIsReportedOnTheSecond() {
    ObjectNode template = (ObjectNode) Corpus.read("valid/camunda8/icon-https-url.json");
    template.remove("version");

    List<TemplateProblem> problems = validator.validateAll(List.of(template, template.deepCopy()));

    assertThat(problems).singleElement().satisfies(problem -> {
      assertThat(problem.templateId()).isEqualTo("corpus:camunda8:icon-https-url");
      assertThat(problem.message()).contains("without version").contains("templates[0]");
    });
  }

  @Test
  void aTemplateThatIsNotAnObjectIsAProblemNotAnException() {
    assertThat(validator.validate(TextNode.valueOf("plugboard:http:1")))
        .singleElement()
        .extracting(TemplateProblem::message)
        .asString()
        .contains("must be a JSON object");
  }

  @Test
  void malformedShapesAreProblemsNotExceptions() throws Exception {
    for (String json : List.of(
        "{}",
        "{\"$schema\": 42}",
        "{\"$schema\": \"" + TemplateFlavor.CAMUNDA_8.schemaUrl() + "\", \"properties\": [null, 1, \"x\", []],"
            + " \"appliesTo\": [1], \"elementType\": \"bpmn:Task\", \"engines\": [\"^8\"], \"id\": 5}",
        "{\"$schema\": \"" + TemplateFlavor.CAMUNDA_7.schemaUrl() + "\", \"properties\": {\"a\": {\"condition\": 1}},"
            + " \"appliesTo\": {}, \"elementType\": {\"value\": 3}, \"version\": 1e40}")) {
      assertThat(validator.validate(Corpus.JSON.readTree(json))).as("problems of %s", json).isNotEmpty();
    }
  }

  @Test
  void concurrentValidationGivesTheSameProblemsAsSequential() throws Exception {
    // The Camunda 8 files: the bigger schema, both verdicts; the whole corpus would only add time.
    List<String> files = Corpus.files().stream().filter(file -> file.contains("/camunda8/")).toList();
    Map<String, List<TemplateProblem>> sequential =
        files.stream().collect(Collectors.toMap(Function.identity(), file -> Corpus.validate(validator, file)));

    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Map<String, List<TemplateProblem>>>> rounds = new ArrayList<>();
      for (int round = 0; round < 2; round++) {
        rounds.add(pool.submit(() -> files.stream()
            .collect(Collectors.toMap(Function.identity(), file -> Corpus.validate(validator, file)))));
      }
      for (Future<Map<String, List<TemplateProblem>>> round : rounds) {
        assertThat(round.get()).isEqualTo(sequential);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"^8.6", ">=7.20 <8", "1.x || 2.x", "1.2.3 - 2.0.0", "*", "", "~1.2", ">= 8.5.0-alpha.1", "v8.6.0"})
  void semverRangesNpmAcceptsAreAccepted(String range) {
    assertThat(SemverRange.isValid(range)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"eight", "^8.6.x.y", ">=abc", "8.6 ||| 9", "latest"})
  void semverRangesNpmRefusesAreRefused(String range) {
    assertThat(SemverRange.isValid(range)).isFalse();
  }
}
