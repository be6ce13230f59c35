package dev.plugboard.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.connectors.http.support.Authentication;
import dev.plugboard.sdk.host.ConnectorDefinition;
import dev.plugboard.sdk.host.ConnectorKind;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the runtime and the template generator read from this plugin. */
class PluginPackagingTest {

  @Test
  void declaresAnOutboundFunctionConnectorWithTypedInputAndOutput() {
    ConnectorDefinition definition = ConnectorDefinition.of(HttpConnector.class);

    assertThat(definition.type()).isEqualTo("plugboard:http:1");
    assertThat(definition.kind()).isEqualTo(ConnectorKind.OUTBOUND_FUNCTION);
    assertThat(definition.inputType()).isEqualTo(HttpInput.class);
    assertThat(definition.outputType()).isEqualTo(HttpOutput.class);
  }

  @Test
  void shipsItsIconAndListsItsConnector() throws Exception {
    assertThat(getClass().getClassLoader().getResource(
        HttpConnector.class.getAnnotation(dev.plugboard.sdk.Connector.class).icon())).isNotNull();
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/plugboard/connectors")) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains(HttpConnector.class.getName());
    }
  }

  @Test
  void authenticationIsASealedTypeWithANamedSubtypePerCase() {
    assertThat(Authentication.class.isSealed()).isTrue();
    assertThat(Authentication.class.getPermittedSubclasses())
        .allSatisfy(c -> assertThat(c.getAnnotation(dev.plugboard.sdk.TemplateSubType.class)).isNotNull())
        .hasSize(5);
  }
}
