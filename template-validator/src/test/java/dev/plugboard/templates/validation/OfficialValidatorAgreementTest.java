package dev.plugboard.templates.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java validator and the official one the Camunda Modeler uses (our CLI around
 * {@code @bpmn-io/element-templates-validator}, run by the system's Node.js) agree on every corpus
 * file. One node process validates the whole corpus ({@code --json}) to keep the test fast.
 */
class OfficialValidatorAgreementTest {

  private static String node;
  private static Path cli;

  @BeforeAll
  static void requireNodeAndTheInstalledValidator() {
    node = System.getProperty("plugboard.node.executable", "node");
    cli = Path.of(System.getProperty("plugboard.templateValidator.cli", "../tools/template-validator/validate.mjs"))
        .toAbsolutePath().normalize();
    Path official = cli.getParent().resolve("node_modules/@bpmn-io/element-templates-validator");
    if (!Files.isDirectory(official)) {
      skipOrFail("the official validator is not installed at " + official
          + "; run: npm ci --prefix tools/template-validator (the Maven build does it in generate-resources)");
    }
    try {
      Process version = new ProcessBuilder(node, "--version").redirectErrorStream(true).start();
      if (!version.waitFor(30, TimeUnit.SECONDS) || version.exitValue() != 0) {
        skipOrFail("'" + node + " --version' failed");
      }
    } catch (IOException e) {
      skipOrFail("Node.js ('" + node + "') is not on the PATH: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      skipOrFail("interrupted while checking Node.js");
    }
  }

  @Test
  void javaAndOfficialValidatorGiveTheSameVerdictOnEveryCorpusFile() throws Exception {
    Path root = Corpus.root();
    CliRun run = runCli("--json", root.resolve("valid").toString(), root.resolve("invalid").toString());
    assertThat(run.exitCode()).as("CLI exit code (1: some templates invalid); stderr: %s", run.stderr()).isEqualTo(1);

    JsonNode report = Corpus.JSON.readTree(run.stdout());
    Map<String, JsonNode> officialByFile = new TreeMap<>();
    for (JsonNode file : report.path("files")) {
      String relative = root.relativize(Path.of(file.path("file").asText())).toString().replace(File.separatorChar, '/');
      officialByFile.put(relative, file);
    }
    assertThat(officialByFile.keySet()).as("files the CLI validated").containsExactlyElementsOf(Corpus.files());

    TemplateValidator validator = TemplateValidator.create();
    List<String> disagreements = new ArrayList<>();
    for (String file : Corpus.files()) {
      List<TemplateProblem> javaProblems = Corpus.validate(validator, file);
      JsonNode official = officialByFile.get(file);
      boolean officialValid = official.path("valid").asBoolean();
      if (officialValid != javaProblems.isEmpty()) {
        disagreements.add(file + ": official " + (officialValid ? "valid" : "invalid " + official.path("templates"))
            + ", Java " + (javaProblems.isEmpty() ? "valid" : "invalid " + javaProblems));
      }
    }
    assertThat(disagreements).as("files on which the validators disagree").isEmpty();
  }

  @Test
  void cliPrintsOneLinePerProblemAndASummaryAndExitsWithOneWhenInvalid() throws Exception {
    Path file = Corpus.root().resolve("invalid/camunda8/dropdown-without-choices.json");
    CliRun run = runCli(file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout()).contains(file + ": template 'corpus:camunda8:dropdown-without-choices' v1, property 'method': ")
        .contains("must provide choices=[] with \"Dropdown\" type")
        .contains("1 templates, 1 invalid");
  }

  @Test
  void cliExitsWithZeroWhenEveryTemplateIsValid() throws Exception {
    CliRun run = runCli(Corpus.root().resolve("valid").toString());

    assertThat(run.exitCode()).as("stdout: %s", run.stdout()).isZero();
    assertThat(run.stdout()).containsPattern("\\d+ templates, 0 invalid");
  }

  static CliRun runCli(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(node, cli.toString()));
    command.addAll(List.of(arguments));
    Path stderr = Files.createTempFile("template-validator-cli", ".err");
    try {
      Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
      String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("the template validator CLI did not finish within 60 s: " + command);
      }
      return new CliRun(process.exitValue(), stdout, Files.readString(stderr));
    } finally {
      Files.deleteIfExists(stderr);
    }
  }

  /** Skipped on a developer machine without Node.js; a failure under CI, where Node.js is required. */
  private static void skipOrFail(String reason) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(reason + " (CI=true: Node.js and the npm install are required here)");
    }
    Assumptions.abort(reason);
  }

  record CliRun(int exitCode, String stdout, String stderr) {}
}
