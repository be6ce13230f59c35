package dev.plugboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The built jar starts with no configuration at all (the main command) and reports UP. */
class RuntimeStartsTest {

  @Test
  void theMainCommandStartsAndReportsHealthy() {
    try (RuntimeProcess runtime = RuntimeProcess.builder("starts").start()) {
      HttpResponse<String> health = runtime.get("/actuator/health");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"UP\"");
    }
  }
}
