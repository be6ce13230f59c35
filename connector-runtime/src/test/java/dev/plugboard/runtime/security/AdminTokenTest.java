package dev.plugboard.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class AdminTokenTest {

  @Test
  void propertyWinsOverTheEnvironmentVariable() {
    AdminToken token = new AdminToken(new SecurityProperties("from-property"),
        new MockEnvironment().withProperty(AdminToken.ENV, "from-env"));
    assertThat(token.matches("from-property")).isTrue();
    assertThat(token.matches("from-env")).isFalse();
    assertThat(token.generated()).isFalse();
  }

  @Test
  void environmentVariableIsUsedWhenThePropertyIsEmpty() {
    AdminToken token = new AdminToken(new SecurityProperties(""),
        new MockEnvironment().withProperty(AdminToken.ENV, "from-env"));
    assertThat(token.matches("from-env")).isTrue();
  }

  @Test
  void aTokenIsGeneratedWhenNoneIsConfigured() {
    AdminToken token = new AdminToken(new SecurityProperties(null), new MockEnvironment());
    assertThat(token.generated()).isTrue();
    assertThat(token.matches("")).isFalse();
    assertThat(token.matches(null)).isFalse();
  }
}
