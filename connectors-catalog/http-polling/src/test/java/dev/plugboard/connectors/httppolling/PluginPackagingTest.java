package dev.plugboard.connectors.httppolling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.sdk.Connector;
import dev.plugboard.sdk.host.ConnectorDefinition;
import dev.plugboard.sdk.host.ConnectorKind;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the runtime and the template generator read from this plugin. */
class PluginPackagingTest {

  @Test
  void declaresAPollingInboundConnectorWithTypedProperties() {
    ConnectorDefinition definition = ConnectorDefinition.of(HttpPollingConnector.class);

    assertThat(definition.type()).isEqualTo("plugboard:http-polling:1");
    assertThat(definition.kind()).isEqualTo(ConnectorKind.INBOUND_POLLING);
    assertThat(definition.inputType()).isEqualTo(HttpPollingProperties.class);
  }

  @Test
  void shipsItsIconAndListsItsConnector() throws Exception {
    ClassLoader loader = getClass().getClassLoader();
    assertThat(loader.getResource(HttpPollingConnector.class.getAnnotation(Connector.class).icon()))
        .isNotNull();
    try (InputStream in = loader.getResourceAsStream("META-INF/plugboard/connectors")) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .contains(HttpPollingConnector.class.getName());
    }
  }
}
