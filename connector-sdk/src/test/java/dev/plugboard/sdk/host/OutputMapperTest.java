package dev.plugboard.sdk.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.sdk.ConnectorException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputMapperTest {

  record Out(String id, int count) {}

  private final ObjectMapper mapper = InputBinder.newMapper();

  @Test
  void parsesJsonTextAndBytesIntoTheDeclaredType() {
    assertThat(OutputMapper.toOutput("t", "{\"id\":\"a\",\"count\":2}", Out.class, mapper))
        .isEqualTo(new Out("a", 2));
    assertThat(OutputMapper.toOutput("t", "{\"id\":\"b\"}".getBytes(StandardCharsets.UTF_8),
        Out.class, mapper)).isEqualTo(new Out("b", 0));
  }

  @Test
  void convertsMapsAndKeepsTextForTextOutputs() {
    assertThat(OutputMapper.toOutput("t", Map.of("id", "c", "count", 3), Out.class, mapper))
        .isEqualTo(new Out("c", 3));
    assertThat(OutputMapper.toOutput("t", "{not json", String.class, mapper)).isEqualTo("{not json");
    assertThat(OutputMapper.toOutput("t", "plain", Object.class, mapper)).isEqualTo("plain");
    assertThat(OutputMapper.toOutput("t", "x", Void.class, mapper)).isNull();
  }

  @Test
  void invalidOutputHasCodeInvalidOutput() {
    assertThatThrownBy(() -> OutputMapper.toOutput("t", "{\"count\":\"many\"}", Out.class, mapper))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("Connector 't'")
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("INVALID_OUTPUT"));
  }
}
