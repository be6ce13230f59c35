package dev.plugboard.templates.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every corpus file gets the expected verdict from the Java validator, naming the right property. */
class TemplateValidatorCorpusTest {

  private static TemplateValidator validator;
  private static JsonNode expectations;

  @BeforeAll
  static void load() {
    validator = TemplateValidator.create();
    expectations = Corpus.expectations();
  }

  static Stream<String> validFiles() {
    return Corpus.files().stream().filter(Corpus::expectedValid);
  }

  static Stream<String> invalidFiles() {
    return Corpus.files().stream().filter(file -> !Corpus.expectedValid(file));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFiles")
  void validTemplateHasNoProblems(String file) {
    assertThat(Corpus.validate(validator, file)).as("problems of %s", file).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFiles")
  void invalidTemplateIsReportedOnTheRightProperty(String file) {
    List<TemplateProblem> problems = Corpus.validate(validator, file);
    assertThat(problems).as("problems of %s", file).isNotEmpty();

    JsonNode expected = expectations.get(file);
    assertThat(expected).as("corpus/expectations.json entry for %s", file).isNotNull();
    String property = expected.path("property").isNull() ? null : expected.path("property").asText();
    String contains = expected.path("contains").isNull() ? null : expected.path("contains").asText();

    assertThat(problems)
        .as("%s: a problem on property %s whose message contains \"%s\"", file, property, contains)
        .anySatisfy(problem -> {
          assertThat(problem.property()).isEqualTo(property);
          if (contains != null) {
            assertThat(problem.message()).containsIgnoringCase(contains);
          }
        });
  }

  @Test
  void corpusCoversBothFlavorsAndVerdicts() {
    List<String> files = Corpus.files();
    for (String folder : List.of("valid/camunda8/", "valid/camunda7/", "invalid/camunda8/", "invalid/camunda7/")) {
      assertThat(files).as("corpus files under %s", folder).anyMatch(file -> file.startsWith(folder));
    }
    // Every expectation points at an existing invalid file (no stale entries).
    expectations.fieldNames().forEachRemaining(file -> assertThat(files).contains(file));
  }
}
