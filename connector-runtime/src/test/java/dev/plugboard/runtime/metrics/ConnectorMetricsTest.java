package dev.plugboard.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.runtime.secrets.SecretMasker;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectorMetricsTest {

  @Test
  void errorCodeTagsAreBoundedAndNeverHoldASecret() {
    SecretMasker.register(List.of("tag-secret-123"));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ConnectorMetrics metrics = new ConnectorMetrics(registry);
    metrics.record("test:x:1", "failed", "bad code tag-secret-123 " + "x".repeat(100), Duration.ofMillis(5));
    for (Meter meter : registry.getMeters()) {
      for (Tag tag : meter.getId().getTags()) {
        assertThat(tag.getValue()).doesNotContain("tag-secret-123");
        assertThat(tag.getValue().length()).isLessThanOrEqualTo(64);
      }
    }
    assertThat(ConnectorMetrics.safeCode("HTTP_404")).isEqualTo("HTTP_404");
    assertThat(ConnectorMetrics.safeCode("http-404")).isEqualTo("HTTP_404");
    assertThat(ConnectorMetrics.safeCode("")).isEqualTo("UNKNOWN");
  }
}
