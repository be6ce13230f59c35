package dev.plugboard.sdk.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.TemplateSubType;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class InputBinderTest {

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  sealed interface Auth permits Bearer, Basic {}

  @TemplateSubType("bearer")
  record Bearer(@NotBlank String token) implements Auth {}

  @TemplateSubType("basic")
  record Basic(String username, String password) implements Auth {}

  record Proxy(String host, int port) {}

  record Input(@NotBlank String url, @Positive int timeout, boolean follow, Proxy proxy,
      Auth authentication) {}

  private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
  private static final Validator VALIDATOR = FACTORY.getValidator();

  @AfterAll
  static void close() {
    FACTORY.close();
  }

  private final InputBinder binder = new InputBinder("test:binder:1", Input.class, VALIDATOR);

  @Test
  void bindsDottedNamesAsCamunda7InputParametersWriteThem() {
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("url", "https://example.org");
    vars.put("timeout", "30");
    vars.put("follow", "true");
    vars.put("proxy.host", "proxy.local");
    vars.put("proxy.port", "3128");
    vars.put("authentication.type", "bearer");
    vars.put("authentication.token", "t0k3n");
    vars.put("unrelatedProcessVariable", 1);
    Input input = (Input) binder.bind(vars);
    assertThat(input).isEqualTo(new Input("https://example.org", 30, true,
        new Proxy("proxy.local", 3128), new Bearer("t0k3n")));
  }

  @Test
  void bindsNestedMapsAsCamunda8InputsWriteThem() {
    Input input = (Input) binder.bind(Map.of("url", "https://example.org", "timeout", 5,
        "authentication", Map.of("type", "basic", "username", "ada", "password", "pw")));
    assertThat(input.authentication()).isEqualTo(new Basic("ada", "pw"));
  }

  @Test
  void unflattenMergesANestedMapWithDottedNames() {
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("a", Map.of("x", 1));
    vars.put("a.y", 2);
    assertThat(InputBinder.unflatten(vars)).isEqualTo(Map.of("a", Map.of("x", 1, "y", 2)));
  }

  @Test
  void invalidInputNamesEveryFieldWithCodeInvalidInput() {
    assertThatThrownBy(() -> binder.bind(Map.of("url", " ", "timeout", -1)))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("'test:binder:1'")
        .hasMessageContaining("'timeout'")
        .hasMessageContaining("'url'")
        .hasMessageEndingWith("Fix the task's input variables.")
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("INVALID_INPUT"));
  }

  @Test
  void invalidElementPropertiesPointAtTheProcessElement() {
    InputBinder properties = InputBinder.forElementProperties("test:binder:1", Input.class,
        VALIDATOR);

    assertThatThrownBy(() -> properties.bind(Map.of("url", " ", "timeout", 1)))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("'url'")
        .hasMessageEndingWith("Fix these properties of the process element and deploy it again.");
  }

  @Test
  void wrongTypeNamesTheFieldButNotTheValue() {
    assertThatThrownBy(() -> binder.bind(Map.of("url", "u", "timeout", "secret-value")))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("'timeout'")
        .hasMessageNotContaining("secret-value");
  }

  @Test
  void unknownSubtypeIsReported() {
    assertThatThrownBy(() -> binder.bind(Map.of("url", "u", "timeout", 1,
        "authentication.type", "kerberos")))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("kerberos");
  }
}
