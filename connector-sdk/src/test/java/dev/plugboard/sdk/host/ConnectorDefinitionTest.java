package dev.plugboard.sdk.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.sdk.Connector;
import dev.plugboard.sdk.ConnectorContext;
import dev.plugboard.sdk.InboundConnector;
import dev.plugboard.sdk.InboundContext;
import dev.plugboard.sdk.OutboundConnector;
import dev.plugboard.sdk.RouteConnector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorDefinitionTest {

  record In(String text) {}

  @Connector(type = "test:function:1", name = "Function")
  static class Function implements OutboundConnector<In, Map<String, Object>> {
    @Override
    public Map<String, Object> execute(In input, ConnectorContext context) {
      return Map.of();
    }
  }

  /** The type arguments come through a generic base class. */
  abstract static class Base<T> implements OutboundConnector<T, List<String>> {}

  @Connector(type = "test:inherited:1", name = "Inherited")
  static class Inherited extends Base<In> {
    @Override
    public List<String> execute(In input, ConnectorContext context) {
      return List.of();
    }
  }

  @Connector(type = "test:route:1", name = "Route")
  static class Route extends RouteConnector<In, String> {
    @Override
    public void configure() {}
  }

  @Connector(type = "test:inbound:1", name = "Inbound")
  static class Subscription implements InboundConnector<In> {
    @Override
    public void activate(In properties, InboundContext context) {}
  }

  @SuppressWarnings("rawtypes")
  @Connector(type = "test:raw:1", name = "Raw")
  static class Raw implements OutboundConnector {
    @Override
    public Object execute(Object input, ConnectorContext context) {
      return null;
    }
  }

  @Connector(type = "Test:Upper", name = "Upper")
  static class BadType extends Function {}

  @Test
  void readsKindInputAndOutputTypes() {
    ConnectorDefinition f = ConnectorDefinition.of(Function.class);
    assertThat(f.kind()).isEqualTo(ConnectorKind.OUTBOUND_FUNCTION);
    assertThat(f.inputType()).isEqualTo(In.class);
    assertThat(f.outputType().getTypeName()).isEqualTo("java.util.Map<java.lang.String, java.lang.Object>");
    assertThat(f.type()).isEqualTo("test:function:1");
    assertThat(ConnectorDefinition.of(Inherited.class).inputType()).isEqualTo(In.class);
    assertThat(ConnectorDefinition.of(Route.class).kind()).isEqualTo(ConnectorKind.OUTBOUND_ROUTE);
    ConnectorDefinition in = ConnectorDefinition.of(Subscription.class);
    assertThat(in.kind()).isEqualTo(ConnectorKind.INBOUND_SUBSCRIPTION);
    assertThat(in.kind().inbound()).isTrue();
    assertThat(in.outputType()).isEqualTo(Void.class);
  }

  @Test
  void rawTypesAndBadTypeNamesAreRejectedWithTheClassName() {
    assertThatThrownBy(() -> ConnectorDefinition.of(Raw.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Raw.class.getName())
        .hasMessageContaining("cannot tell the input type");
    assertThatThrownBy(() -> ConnectorDefinition.of(BadType.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"Test:Upper\"");
    assertThatThrownBy(() -> ConnectorDefinition.of(In.class))
        .hasMessageContaining("not annotated with @Connector");
  }
}
