package dev.plugboard.templates.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Beyond the hand-written corpus: every valid corpus template is changed in one place at a time
 * (a property's type, binding, feel mode, value, optional flag, condition; a top-level field) and
 * a fixed-seed sample of these variants is judged by both validators, which must agree on each.
 */
class MutationAgreementTest {

  private static final int SAMPLE = 250;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Test
  void javaAndOfficialValidatorAgreeOnMutationsOfTheValidCorpus(@TempDir Path folder) throws Exception {
    OfficialValidatorAgreementTest.requireNodeAndTheInstalledValidator();

    List<ObjectNode> variants = new ArrayList<>();
    for (String file : Corpus.files()) {
      if (!Corpus.expectedValid(file)) {
        continue;
      }
      JsonNode content = Corpus.read(file);
      for (JsonNode template : content.isArray() ? content : List.of(content)) {
        variants.addAll(mutationsOf((ObjectNode) template));
      }
    }
    Collections.shuffle(variants, new Random(20261125));
    List<ObjectNode> sample = variants.subList(0, Math.min(SAMPLE, variants.size()));

    Map<String, ObjectNode> byFile = new TreeMap<>();
    for (int i = 0; i < sample.size(); i++) {
      ObjectNode variant = sample.get(i);
      if (variant.path("id").isTextual()) {
        // Unique ids: the CLI checks id + version across all files it is given.
        variant.put("id", variant.get("id").asText() + ":variant-" + i);
      }
      String name = String.format("variant-%04d.json", i);
      Files.writeString(folder.resolve(name), Corpus.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(variant));
      byFile.put(name, variant);
    }

    JsonNode report = Corpus.JSON.readTree(OfficialValidatorAgreementTest.runCli("--json", folder.toString()).stdout());
    TemplateValidator validator = TemplateValidator.create();
    List<String> disagreements = new ArrayList<>();
    int invalid = 0;
    for (JsonNode file : report.path("files")) {
      String name = Path.of(file.path("file").asText()).getFileName().toString();
      boolean officialValid = file.path("valid").asBoolean();
      List<TemplateProblem> javaProblems = validator.validate(byFile.get(name));
      invalid += officialValid ? 0 : 1;
      if (officialValid != javaProblems.isEmpty()) {
        disagreements.add(name + ": official " + (officialValid ? "valid" : "invalid " + file.path("templates"))
            + ", Java " + (javaProblems.isEmpty() ? "valid" : "invalid " + javaProblems) + "\n  " + byFile.get(name));
      }
    }
    assertThat(report.path("files").size()).isEqualTo(sample.size());
    assertThat(disagreements).as("variants on which the validators disagree").isEmpty();
    // The sample must exercise both verdicts to mean anything.
    assertThat(invalid).isBetween(sample.size() / 10, sample.size() - sample.size() / 10);
  }

  private static List<ObjectNode> mutationsOf(ObjectNode template) {
    List<ObjectNode> variants = new ArrayList<>();
    Consumer<Consumer<ObjectNode>> vary = change -> {
      ObjectNode copy = template.deepCopy();
      change.accept(copy);
      variants.add(copy);
    };

    List<String> topLevel = new ArrayList<>();
    template.fieldNames().forEachRemaining(topLevel::add);
    for (String field : topLevel) {
      vary.accept(copy -> copy.remove(field));
    }
    vary.accept(copy -> copy.set("elementType", object("value", "bpmn:UserTask")));
    vary.accept(copy -> copy.set("elementType", object("value", "bpmn:StartEvent")));
    vary.accept(copy -> copy.set("appliesTo", NODES.arrayNode().add("bpmn:ServiceTask")));
    vary.accept(copy -> copy.set("appliesTo", NODES.arrayNode().add("bpmn:StartEvent")));
    vary.accept(copy -> copy.put("version", "2"));
    vary.accept(copy -> copy.set("icon", object("contents", "icon.svg")));
    vary.accept(copy -> copy.set("engines", object("camunda", "8.x.y")));
    vary.accept(copy -> copy.set("engines", object("camunda", "^8.6 || ^9")));
    vary.accept(copy -> copy.set("groups", NODES.arrayNode().add(object("id", "g"))));

    ArrayNode properties = (ArrayNode) template.path("properties");
    for (int index = 0; index < properties.size(); index++) {
      int i = index;
      String otherId = null;
      for (JsonNode other : properties) {
        if (other != properties.get(i) && other.path("id").isTextual()) {
          otherId = other.get("id").asText();
        }
      }
      String conditionTarget = otherId;
      Consumer<Consumer<ObjectNode>> varyProperty =
          change -> vary.accept(copy -> change.accept((ObjectNode) copy.withArray("properties").get(i)));

      varyProperty.accept(p -> p.remove("binding"));
      varyProperty.accept(p -> p.remove("type"));
      for (String type : List.of("String", "Text", "Number", "Boolean", "Dropdown", "Hidden")) {
        varyProperty.accept(p -> p.put("type", type));
      }
      varyProperty.accept(p -> p.put("optional", true));
      for (String feel : List.of("optional", "required", "static")) {
        varyProperty.accept(p -> p.put("feel", feel));
      }
      varyProperty.accept(p -> p.put("value", 42));
      varyProperty.accept(p -> p.put("value", true));
      varyProperty.accept(p -> p.put("value", "=x"));
      varyProperty.accept(p -> p.set("constraints", object("notEmpty", true)));
      varyProperty.accept(p -> p.set("generatedValue", object("type", "uuid")));
      varyProperty.accept(p -> p.put("placeholder", "type here"));
      varyProperty.accept(p -> p.set("choices", NODES.arrayNode().add(object("name", "A").put("value", "a"))));
      varyProperty.accept(p -> ((ObjectNode) p.path("binding")).remove("name"));
      varyProperty.accept(p -> p.set("binding", object("type", "property").put("name", "name")));
      varyProperty.accept(p -> p.set("binding", object("type", "zeebe:taskHeader").put("key", "k")));
      varyProperty.accept(p -> p.set("binding", object("type", "camunda:property").put("name", "k")));
      if (conditionTarget != null) {
        varyProperty.accept(p -> p.set("condition", object("property", conditionTarget).put("equals", "x")));
        varyProperty.accept(p -> p.set("condition", object("property", conditionTarget).put("oneOf", "x")));
      }
      varyProperty.accept(p -> p.set("condition", object("property", p.path("id").asText("self")).put("equals", "x")));
    }
    return variants;
  }

  private static ObjectNode object(String field, String value) {
    return NODES.objectNode().put(field, value);
  }

  private static ObjectNode object(String field, boolean value) {
    return NODES.objectNode().put(field, value);
  }
}
