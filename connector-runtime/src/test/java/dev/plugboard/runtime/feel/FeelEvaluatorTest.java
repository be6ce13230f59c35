package dev.plugboard.runtime.feel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeelEvaluatorTest {

  final FeelEvaluator feel = new FeelEvaluator();

  @Test
  void evaluatesWithJavaValuesInAndOut() {
    Object result = feel.evaluate("={total: sum(items), who: customer.name}",
        Map.of("items", java.util.List.of(1, 2, 3), "customer", Map.of("name", "Ada")));
    assertThat(result).isEqualTo(Map.of("total", 6L, "who", "Ada"));
  }

  @Test
  void failureNamesTheReason() {
    assertThatThrownBy(() -> feel.evaluate("=1 +", Map.of()))
        .isInstanceOf(FeelEvaluationException.class).hasMessageContaining("1 +");
  }

  @Test
  void bpmnErrorAndJobErrorBuildDirectives() {
    assertThat(ErrorDirective.from(feel.evaluate("bpmnError(\"C\", \"m\")", Map.of())))
        .isEqualTo(new ErrorDirective.ThrowBpmnError("C", "m", Map.of()));
    assertThat(ErrorDirective.from(feel.evaluate("bpmnError(\"C\", \"m\", {a: 1})", Map.of())))
        .isEqualTo(new ErrorDirective.ThrowBpmnError("C", "m", Map.of("a", 1L)));
    assertThat(ErrorDirective.from(feel.evaluate("jobError(\"m\")", Map.of())))
        .isEqualTo(new ErrorDirective.FailJob("m", Map.of(), null, null));
    assertThat(ErrorDirective.from(feel.evaluate("jobError(\"m\", {}, 2, @\"PT5S\")", Map.of())))
        .isEqualTo(new ErrorDirective.FailJob("m", Map.of(), 2, Duration.ofSeconds(5)));
    assertThat(ErrorDirective.from(feel.evaluate("jobError(\"m\", null, 0, \"PT1M\")", Map.of())))
        .isEqualTo(new ErrorDirective.FailJob("m", Map.of(), 0, Duration.ofMinutes(1)));
    assertThat(ErrorDirective.from(feel.evaluate("{a: 1}", Map.of()))).isNull();
    assertThat(ErrorDirective.from(feel.evaluate("null", Map.of()))).isNull();
  }

  @Test
  void badFunctionArgumentsAreReported() {
    assertThatThrownBy(() -> ErrorDirective.from(feel.evaluate("bpmnError(\"\", \"m\")", Map.of())))
        .hasMessageContaining("code");
    assertThatThrownBy(() -> ErrorDirective.from(feel.evaluate("jobError(\"m\", {}, 1, \"soon\")", Map.of())))
        .hasMessageContaining("ISO-8601");
  }
}
