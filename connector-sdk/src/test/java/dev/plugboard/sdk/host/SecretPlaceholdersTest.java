package dev.plugboard.sdk.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.sdk.ConnectorException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretPlaceholdersTest {

  private final Map<String, String> secrets = Map.of("TOKEN", "s3cr3t", "USER", "ada");

  private SecretPlaceholders placeholders() {
    return new SecretPlaceholders(name -> Optional.ofNullable(secrets.get(name)));
  }

  @Test
  void replacesPlaceholdersAnywhereInNestedMapsAndLists() {
    SecretPlaceholders p = placeholders();
    Map<String, Object> resolved = p.resolve(Map.of(
        "header", "Bearer {{secrets.TOKEN}}",
        "nested", Map.of("list", List.of("{{ secrets.USER }}", 42))));
    assertThat(resolved.get("header")).isEqualTo("Bearer s3cr3t");
    assertThat(resolved.get("nested")).isEqualTo(Map.of("list", List.of("ada", 42)));
    assertThat(p.usedValues()).containsExactlyInAnyOrder("s3cr3t", "ada");
  }

  @Test
  void leavesTextWithoutPlaceholdersAndTheInputUntouched() {
    Map<String, Object> input = Map.of("a", "{{not a secret}}", "b", "plain");
    Map<String, Object> resolved = placeholders().resolve(input);
    assertThat(resolved).isEqualTo(input);
  }

  @Test
  void missingSecretNamesTheSecretAndHowToDefineItButNoValue() {
    assertThatThrownBy(() -> placeholders().resolve(Map.of("x", "{{secrets.MISSING}} {{secrets.TOKEN}}")))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("'MISSING'")
        .hasMessageContaining("PLUGBOARD_SECRET_MISSING")
        .hasMessageNotContaining("s3cr3t")
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("SECRET_NOT_FOUND"));
  }
}
