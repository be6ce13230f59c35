package dev.plugboard.templates.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.templates.generator.fixtures.GreetingWebhook;
import dev.plugboard.templates.generator.fixtures.KitchenSinkConnector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateGeneratorTest {

  private final TemplateGenerator generator = TemplateGenerator.create();

  private JsonNode sink(Flavor flavor) {
    List<GeneratedTemplate> ts = generator.generate(KitchenSinkConnector.class, flavor);
    assertThat(ts).hasSize(1);
    return ts.get(0).template();
  }

  private static JsonNode prop(JsonNode template, String id) {
    for (JsonNode p : template.get("properties")) {
      if (p.get("id").asText().equals(id)) {
        return p;
      }
    }
    throw new AssertionError("no property " + id + " in " + template.get("id"));
  }

  private static List<String> ids(JsonNode template) {
    List<String> ids = new ArrayList<>();
    template.get("properties").forEach(p -> ids.add(p.get("id").asText()));
    return ids;
  }

  @Test
  void camunda8HeaderHasSchemaIdVersionCategoryEnginesAndIcon() {
    JsonNode t = sink(Flavor.CAMUNDA8);
    assertThat(t.get("$schema").asText()).isEqualTo(
        "https://unpkg.com/@camunda/zeebe-element-templates-json-schema/resources/schema.json");
    assertThat(t.get("id").asText()).isEqualTo("plugboard:kitchen-sink:1");
    assertThat(t.get("version").isInt()).isTrue();
    assertThat(t.get("version").asInt()).isEqualTo(2);
    assertThat(t.get("category").get("name").asText()).isEqualTo("Testing");
    assertThat(t.get("engines").get("camunda").asText()).isEqualTo("^8.6");
    assertThat(t.get("appliesTo").get(0).asText()).isEqualTo("bpmn:Task");
    assertThat(t.get("elementType").get("value").asText()).isEqualTo("bpmn:ServiceTask");
    assertThat(t.get("icon").get("contents").asText()).startsWith("data:image/svg+xml;base64,");
    assertThat(t.get("keywords")).hasSize(2);
    assertThat(t.get("documentationRef").asText()).isEqualTo("https://example.org/docs/sink");
  }

  @Test
  void camunda7HeaderHasTheCamunda7SchemaAndNoEngines() {
    JsonNode t = sink(Flavor.CAMUNDA7);
    assertThat(t.get("$schema").asText()).isEqualTo(
        "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json");
    assertThat(t.has("engines")).isFalse();
    assertThat(t.has("category")).isFalse();
  }

  @Test
  void camunda8BindsTheTaskTypeInputsHeadersAndRetries() {
    JsonNode t = sink(Flavor.CAMUNDA8);
    JsonNode type = prop(t, "taskDefinitionType");
    assertThat(type.get("type").asText()).isEqualTo("Hidden");
    assertThat(type.get("value").asText()).isEqualTo("plugboard:kitchen-sink:1");
    assertThat(type.get("binding").get("type").asText()).isEqualTo("zeebe:taskDefinition");
    assertThat(type.get("binding").get("property").asText()).isEqualTo("type");
    assertThat(prop(t, "url").get("binding").get("type").asText()).isEqualTo("zeebe:input");
    JsonNode retries = prop(t, "retries");
    assertThat(retries.get("binding").get("type").asText()).isEqualTo("zeebe:taskDefinition");
    assertThat(retries.get("binding").get("property").asText()).isEqualTo("retries");
    assertThat(retries.get("value").asText()).isEqualTo("5");
    for (String header : List.of("resultVariable", "resultExpression", "errorExpression",
        "retryBackoff")) {
      JsonNode b = prop(t, header).get("binding");
      assertThat(b.get("type").asText()).isEqualTo("zeebe:taskHeader");
      assertThat(b.get("key").asText()).isEqualTo(header);
    }
    assertThat(prop(t, "retryBackoff").get("value").asText()).isEqualTo("PT30S");
    assertThat(prop(t, "resultExpression").get("feel").asText()).isEqualTo("required");
  }

  @Test
  void camunda7IsAnExternalTaskWithInputParametersAndExtensionProperties() {
    JsonNode t = sink(Flavor.CAMUNDA7);
    assertThat(prop(t, "camunda.type").get("value").asText()).isEqualTo("external");
    assertThat(prop(t, "camunda.type").get("binding").get("name").asText())
        .isEqualTo("camunda:type");
    assertThat(prop(t, "camunda.topic").get("value").asText())
        .isEqualTo("plugboard:kitchen-sink:1");
    assertThat(prop(t, "url").get("binding").get("type").asText())
        .isEqualTo("camunda:inputParameter");
    for (String p : List.of("resultVariable", "resultExpression", "errorExpression", "retries",
        "retryBackoff")) {
      assertThat(prop(t, p).get("binding").get("type").asText()).isEqualTo("camunda:property");
      assertThat(prop(t, p).get("type").asText()).isEqualTo("String");
    }
  }

  @Test
  void stringGetsConstraintsFromBeanValidationAndAPlaceholder() {
    for (Flavor f : Flavor.values()) {
      JsonNode url = prop(sink(f), "url");
      assertThat(url.get("type").asText()).isEqualTo("String");
      assertThat(url.get("label").asText()).isEqualTo("URL");
      assertThat(url.get("placeholder").asText()).isEqualTo("https://api.example.com");
      JsonNode c = url.get("constraints");
      assertThat(c.get("notEmpty").asBoolean()).isTrue();
      assertThat(c.get("minLength").asInt()).isEqualTo(8);
      assertThat(c.get("maxLength").asInt()).isEqualTo(2000);
      assertThat(c.get("pattern").get("value").asText()).isEqualTo("^(=|https?://).*");
      assertThat(c.get("pattern").get("message").asText())
          .isEqualTo("Must be an http(s) URL or a FEEL expression");
    }
    assertThat(prop(sink(Flavor.CAMUNDA8), "url").get("feel").asText()).isEqualTo("optional");
    assertThat(prop(sink(Flavor.CAMUNDA7), "url").has("feel")).isFalse();
  }

  @Test
  void textStaysTextAndStructuredTypesRequireFeel() {
    JsonNode c8 = sink(Flavor.CAMUNDA8);
    assertThat(prop(c8, "body").get("type").asText()).isEqualTo("Text");
    assertThat(prop(c8, "body").has("optional")).isFalse();
    assertThat(prop(c8, "resultVariable").get("optional").asBoolean()).isTrue();
    assertThat(prop(c8, "headers").get("type").asText()).isEqualTo("Text");
    assertThat(prop(c8, "headers").get("feel").asText()).isEqualTo("required");
    assertThat(prop(c8, "tags").get("feel").asText()).isEqualTo("required");
    JsonNode c7 = sink(Flavor.CAMUNDA7);
    assertThat(prop(c7, "headers").get("type").asText()).isEqualTo("Text");
    assertThat(prop(c7, "headers").get("description").asText())
        .contains("FEEL expression starting with =");
  }

  @Test
  void numberIsANumberInCamunda8AndAStringInCamunda7() {
    JsonNode n8 = prop(sink(Flavor.CAMUNDA8), "timeout");
    assertThat(n8.get("type").asText()).isEqualTo("Number");
    assertThat(n8.get("tooltip").asText()).isEqualTo("Seconds");
    JsonNode n7 = prop(sink(Flavor.CAMUNDA7), "timeout");
    assertThat(n7.get("type").asText()).isEqualTo("String");
    assertThat(n7.get("description").asText()).isEqualTo("Seconds");
  }

  @Test
  void booleanIsACheckboxInCamunda8AndAYesNoDropdownInCamunda7() {
    JsonNode b8 = prop(sink(Flavor.CAMUNDA8), "followRedirects");
    assertThat(b8.get("type").asText()).isEqualTo("Boolean");
    assertThat(b8.get("value").isBoolean()).isTrue();
    assertThat(b8.get("feel").asText()).isEqualTo("static");
    JsonNode b7 = prop(sink(Flavor.CAMUNDA7), "followRedirects");
    assertThat(b7.get("type").asText()).isEqualTo("Dropdown");
    assertThat(b7.get("value").asText()).isEqualTo("false");
    assertThat(b7.get("choices").findValuesAsText("value")).containsExactly("true", "false");
  }

  @Test
  void enumBecomesADropdownWithConstantLabels() {
    for (Flavor f : Flavor.values()) {
      JsonNode m = prop(sink(f), "method");
      assertThat(m.get("type").asText()).isEqualTo("Dropdown");
      assertThat(m.get("value").asText()).isEqualTo("GET");
      assertThat(m.get("choices").findValuesAsText("value"))
          .containsExactly("GET", "POST", "DELETE_ALL");
      assertThat(m.get("choices").findValuesAsText("name"))
          .containsExactly("GET", "POST (create)", "Delete all");
      assertThat(m.has("feel")).isFalse();
    }
  }

  @Test
  void stringChoicesBecomeADropdownWithTheDefault() {
    JsonNode fmt = prop(sink(Flavor.CAMUNDA8), "format");
    assertThat(fmt.get("type").asText()).isEqualTo("Dropdown");
    assertThat(fmt.get("value").asText()).isEqualTo("json");
    assertThat(fmt.get("choices").findValuesAsText("name")).containsExactly("JSON", "XML");
  }

  @Test
  void hiddenWritesItsDefault() {
    for (Flavor f : Flavor.values()) {
      JsonNode h = prop(sink(f), "apiVersion");
      assertThat(h.get("type").asText()).isEqualTo("Hidden");
      assertThat(h.get("value").asText()).isEqualTo("v2");
    }
  }

  @Test
  void nestedRecordsGetDottedIdsAndBindingNames() {
    JsonNode t = sink(Flavor.CAMUNDA8);
    assertThat(prop(t, "proxy.host").get("binding").get("name").asText()).isEqualTo("proxy.host");
    assertThat(prop(t, "proxy.port").get("label").asText()).isEqualTo("Port number");
    assertThat(prop(t, "proxy.port").get("group").asText()).isEqualTo("endpoint");
  }

  @Test
  void sealedTypeBecomesADiscriminatorDropdownWithConditionalSubtypeFields() {
    JsonNode t = sink(Flavor.CAMUNDA8);
    JsonNode disc = prop(t, "authentication.type");
    assertThat(disc.get("type").asText()).isEqualTo("Dropdown");
    assertThat(disc.get("choices").findValuesAsText("value"))
        .containsExactly("none", "bearer", "basic");
    assertThat(disc.get("choices").findValuesAsText("name"))
        .containsExactly("None", "Bearer token", "Basic");
    JsonNode token = prop(t, "authentication.token");
    assertThat(token.get("binding").get("name").asText()).isEqualTo("authentication.token");
    assertThat(token.get("condition").get("property").asText()).isEqualTo("authentication.type");
    assertThat(token.get("condition").get("equals").asText()).isEqualTo("bearer");
    assertThat(prop(t, "authentication.password").get("condition").get("equals").asText())
        .isEqualTo("basic");
    // Camunda 7 has no conditions: the field says when it applies and does not block the form.
    JsonNode token7 = prop(sink(Flavor.CAMUNDA7), "authentication.token");
    assertThat(token7.has("condition")).isFalse();
    assertThat(token7.get("description").asText()).startsWith("Only when Authentication is Bearer token.");
    assertThat(token7.has("constraints")).isFalse();
  }

  @Test
  void conditionsOnBooleansAndOnSeveralValues() {
    JsonNode t = sink(Flavor.CAMUNDA8);
    JsonNode max = prop(t, "maxRedirects");
    assertThat(max.get("condition").get("property").asText()).isEqualTo("followRedirects");
    assertThat(max.get("condition").get("equals").isBoolean()).isTrue();
    JsonNode key = prop(t, "idempotencyKey");
    assertThat(key.get("condition").get("oneOf").findValuesAsText(""))
        .isEmpty(); // values are plain strings, not objects
    assertThat(key.get("condition").get("oneOf")).hasSize(2);
    assertThat(key.get("condition").get("oneOf").get(0).asText()).isEqualTo("POST");
  }

  @Test
  void secretsGetAPlaceholderHint() {
    JsonNode token = prop(sink(Flavor.CAMUNDA8), "authentication.token");
    assertThat(token.get("description").asText()).contains("{{secrets.TOKEN}}");
    assertThat(token.get("placeholder").asText()).isEqualTo("{{secrets.TOKEN}}");
  }

  @Test
  void ignoredFieldsAndGroupsAreRespected() {
    JsonNode t = sink(Flavor.CAMUNDA8);
    assertThat(ids(t)).doesNotContain("internal");
    assertThat(t.get("groups").findValuesAsText("id"))
        .containsExactly("endpoint", "authentication", "payload", "output", "error", "retries");
  }

  @Test
  void inboundConnectorGetsFourTemplatesPerFlavorWithTheRightElements() {
    List<GeneratedTemplate> c8 = generator.generate(GreetingWebhook.class, Flavor.CAMUNDA8);
    assertThat(c8).extracting(GeneratedTemplate::id).containsExactly(
        "plugboard:greeting-webhook:1.StartEvent",
        "plugboard:greeting-webhook:1.IntermediateCatchEvent",
        "plugboard:greeting-webhook:1.BoundaryEvent",
        "plugboard:greeting-webhook:1.ReceiveTask");
    JsonNode start = c8.get(0).template();
    assertThat(start.get("elementType").get("value").asText()).isEqualTo("bpmn:StartEvent");
    assertThat(start.get("elementType").get("eventDefinition").asText())
        .isEqualTo("bpmn:MessageEventDefinition");
    assertThat(ids(start)).doesNotContain("inbound.correlationKeyExpression");
    assertThat(prop(start, "inbound.type").get("binding").get("type").asText())
        .isEqualTo("zeebe:property");
    assertThat(prop(start, "inbound.messageName").get("binding").get("type").asText())
        .isEqualTo("bpmn:Message#property");
    assertThat(prop(start, "hmacSecret").get("binding").get("name").asText())
        .isEqualTo("hmacSecret");
    JsonNode receive = c8.get(3).template();
    assertThat(receive.get("elementType").has("eventDefinition")).isFalse();
    assertThat(prop(receive, "inbound.correlationKeyProcess").get("binding").get("type").asText())
        .isEqualTo("bpmn:Message#zeebe:subscription#property");
    assertThat(prop(receive, "inbound.path").get("constraints").get("notEmpty").asBoolean())
        .isTrue();
    List<GeneratedTemplate> c7 = generator.generate(GreetingWebhook.class, Flavor.CAMUNDA7);
    JsonNode boundary = c7.get(2).template();
    assertThat(boundary.get("appliesTo").get(0).asText()).isEqualTo("bpmn:BoundaryEvent");
    assertThat(prop(boundary, "inbound.type").get("binding").get("type").asText())
        .isEqualTo("camunda:property");
    assertThat(ids(boundary)).contains("inbound.correlationVariable", "inbound.activationCondition",
        "inbound.messageIdExpression", "inbound.resultExpression").doesNotContain(
        "inbound.messageName");
  }

  @Test
  void outputIsDeterministicPrettyAndEndsWithANewline() {
    String a = generator.generate(KitchenSinkConnector.class).get(0).json();
    String b = TemplateGenerator.create().generate(KitchenSinkConnector.class).get(0).json();
    assertThat(a).isEqualTo(b);
    assertThat(a).endsWith("}\n").contains("\n  \"id\": \"plugboard:kitchen-sink:1\",\n");
    assertThat(a).doesNotContain("\r").doesNotContain(" : ");
  }

  @Test
  void fileNamesAreSafeAndCarryTheVersion() {
    assertThat(TemplateFiles.fileName("io.example:hello:1", 3)).isEqualTo("io.example_hello_1-v3.json");
    GeneratedTemplate t = generator.generate(KitchenSinkConnector.class).get(0);
    assertThat(t.resourcePath())
        .isEqualTo("META-INF/element-templates/camunda8/plugboard_kitchen-sink_1-v2.json");
  }

  @Test
  void labelsAreDerivedFromFieldNames() {
    assertThat(Labels.humanize("apiKey")).isEqualTo("API key");
    assertThat(Labels.humanize("baseUrl")).isEqualTo("Base URL");
    assertThat(Labels.humanize("HTTPStatus")).isEqualTo("HTTP status");
    assertThat(Labels.secretName("apiKey")).isEqualTo("API_KEY");
  }
}
