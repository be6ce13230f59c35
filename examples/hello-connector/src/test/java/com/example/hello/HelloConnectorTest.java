package com.example.hello;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.sdk.BpmnError;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.testkit.ConnectorTestKit;
import org.junit.jupiter.api.Test;

class HelloConnectorTest {

  @Test
  void greetsByName() throws Exception {
    Object result = ConnectorTestKit.of(new HelloConnector())
        .variable("name", "Ada")
        .execute();
    assertThat(result).isEqualTo(new HelloResult("Hello, Ada!"));
  }

  @Test
  void formalAndShouting() throws Exception {
    Object result = ConnectorTestKit.of(new HelloConnector())
        .variable("name", "Ada")
        .variable("style", "FORMAL")
        .variable("shout", "true")
        .execute();
    assertThat(result).isEqualTo(new HelloResult("GOOD DAY, ADA!"));
  }

  @Test
  void nameCanComeFromASecret() throws Exception {
    Object result = ConnectorTestKit.of(new HelloConnector())
        .secret("GREETEE", "Grace")
        .variable("name", "{{secrets.GREETEE}}")
        .execute();
    assertThat(result).isEqualTo(new HelloResult("Hello, Grace!"));
  }

  @Test
  void blankNameIsInvalidInput() {
    assertThatThrownBy(() -> ConnectorTestKit.of(new HelloConnector()).variable("name", " ").execute())
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("'name'");
  }

  @Test
  void nobodyIsABpmnError() {
    assertThatThrownBy(() -> ConnectorTestKit.of(new HelloConnector()).variable("name", "nobody").execute())
        .isInstanceOf(BpmnError.class);
  }
}
