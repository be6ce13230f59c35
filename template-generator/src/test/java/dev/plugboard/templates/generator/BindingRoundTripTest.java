package dev.plugboard.templates.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.sdk.host.InputBinder;
import dev.plugboard.templates.generator.fixtures.KitchenSinkConnector;
import dev.plugboard.templates.generator.fixtures.KitchenSinkConnector.Bearer;
import dev.plugboard.templates.generator.fixtures.KitchenSinkConnector.Input;
import dev.plugboard.templates.generator.fixtures.KitchenSinkConnector.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a modeler writes through a generated template binds to the connector's input: the
 * template's binding names and values are the ones {@link InputBinder} reads.
 */
class BindingRoundTripTest {

  private static Map<String, Object> variablesFrom(JsonNode template, String bindingType,
      Map<String, Object> filledIn) {
    Map<String, Object> vars = new LinkedHashMap<>();
    for (JsonNode p : template.get("properties")) {
      JsonNode b = p.get("binding");
      if (!b.get("type").asText().equals(bindingType)) {
        continue;
      }
      String name = b.get("name").asText();
      if (filledIn.containsKey(p.get("id").asText())) {
        vars.put(name, filledIn.get(p.get("id").asText()));
      } else if (p.has("value")) {
        JsonNode v = p.get("value");
        vars.put(name, v.isBoolean() ? v.asBoolean() : v.isNumber() ? v.numberValue() : v.asText());
      }
    }
    return vars;
  }

  private static final Map<String, Object> FORM = Map.of(
      "url", "https://example.org/api",
      "authentication.type", "bearer",
      "authentication.token", "{{secrets.TOKEN}}",
      "timeout", "30",
      "proxy.host", "proxy.local",
      "proxy.port", "3128");

  @Test
  void camunda7InputParametersBindToTheInputRecord() {
    JsonNode t = TemplateGenerator.create()
        .generate(KitchenSinkConnector.class, Flavor.CAMUNDA7).get(0).template();
    Map<String, Object> vars = variablesFrom(t, "camunda:inputParameter", FORM);
    Input input = (Input) new InputBinder("t", Input.class, null).bind(vars);
    assertThat(input.url()).isEqualTo("https://example.org/api");
    assertThat(input.method()).isEqualTo(Method.GET);
    assertThat(input.format()).isEqualTo("json");
    assertThat(input.authentication()).isEqualTo(new Bearer("{{secrets.TOKEN}}"));
    assertThat(input.timeout()).isEqualTo(30);
    assertThat(input.followRedirects()).isFalse();
    assertThat(input.apiVersion()).isEqualTo("v2");
    assertThat(input.proxy().host()).isEqualTo("proxy.local");
    assertThat(input.proxy().port()).isEqualTo(3128);
  }

  @Test
  void camunda8InputsBindToTheInputRecord() {
    JsonNode t = TemplateGenerator.create()
        .generate(KitchenSinkConnector.class, Flavor.CAMUNDA8).get(0).template();
    Map<String, Object> vars = variablesFrom(t, "zeebe:input", FORM);
    Input input = (Input) new InputBinder("t", Input.class, null).bind(vars);
    assertThat(input.authentication()).isEqualTo(new Bearer("{{secrets.TOKEN}}"));
    assertThat(input.method()).isEqualTo(Method.GET);
    assertThat(input.apiVersion()).isEqualTo("v2");
  }
}
