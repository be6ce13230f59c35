package dev.plugboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The runtime against a real Camunda 8 cluster, only when {@code CAMUNDA_REST_ADDRESS} is set
 * (with {@code CAMUNDA_CLIENT_ID}, {@code CAMUNDA_CLIENT_SECRET}, {@code CAMUNDA_TOKEN_URL},
 * {@code CAMUNDA_AUDIENCE} for a secured cluster). Skipped otherwise, also under CI=true: no
 * cluster exists on the development and CI machines, and the Zeebe broker is not a dependency we
 * may run (its licence). The exact REST calls are proven by {@link Camunda8WorkerTest}.
 */
class Camunda8ClusterTest {

  @Test
  void connectsToARealClusterAndReportsItHealthy() {
    String rest = System.getenv("CAMUNDA_REST_ADDRESS");
    Assumptions.assumeTrue(rest != null && !rest.isBlank(),
        "CAMUNDA_REST_ADDRESS not set: no Camunda 8 cluster to test against");
    RuntimeProcess.Builder b = RuntimeProcess.builder("camunda8-real")
        .withPlugin(TestPlugins.echoPlugin("1.0.0"))
        .property("plugboard.engine", "camunda8")
        .property("camunda.client.rest-address", rest)
        .property("management.endpoint.health.show-details", "always");
    setIfPresent(b, "CAMUNDA_CLIENT_ID", "camunda.client.auth.client-id");
    setIfPresent(b, "CAMUNDA_CLIENT_SECRET", "camunda.client.auth.client-secret");
    setIfPresent(b, "CAMUNDA_TOKEN_URL", "camunda.client.auth.token-url");
    setIfPresent(b, "CAMUNDA_AUDIENCE", "camunda.client.auth.audience");
    try (RuntimeProcess runtime = b.start()) {
      HttpResponse<String> health = runtime.get("/actuator/health");
      assertThat(health.body()).contains("camunda8").contains("gatewayVersion");
    }
  }

  private static void setIfPresent(RuntimeProcess.Builder b, String env, String property) {
    String v = System.getenv(env);
    if (v != null && !v.isBlank()) {
      // Passed through the environment so the secret is not on the command line.
      b.env(property.toUpperCase().replace('.', '_').replace('-', '_'), v);
    }
  }
}
