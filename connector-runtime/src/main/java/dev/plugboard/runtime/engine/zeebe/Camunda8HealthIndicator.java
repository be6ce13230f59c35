package dev.plugboard.runtime.engine.zeebe;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Reports whether the Camunda 8 cluster answers ({@code /actuator/health} component
 * {@code camunda8}): asks for its topology, at most every {@code camunda.client.health-check-interval}
 * (cached, so frequent health probes do not load the cluster). While it is down, the job workers
 * keep retrying with backoff and the runtime stays up.
 */
public final class Camunda8HealthIndicator implements HealthIndicator {

  private final CamundaClient client;
  private final Camunda8Properties props;
  private volatile Health last;
  private volatile Instant checkedAt = Instant.EPOCH;

  /**
   * Creates the indicator.
   *
   * @param client the client
   * @param props the settings
   */
  public Camunda8HealthIndicator(CamundaClient client, Camunda8Properties props) {
    this.client = client;
    this.props = props;
  }

  @Override
  public Health health() {
    Health cached = last;
    if (cached != null
        && Instant.now().isBefore(checkedAt.plus(props.healthCheckInterval()))) {
      return cached;
    }
    Health h;
    try {
      Topology t = client.newTopologyRequest().requestTimeout(Duration.ofSeconds(3)).send()
          .get(5, TimeUnit.SECONDS);
      h = Health.up().withDetail("restAddress", props.restAddress().toString())
          .withDetail("gatewayVersion", String.valueOf(t.getGatewayVersion()))
          .withDetail("brokers", t.getBrokers().size()).build();
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      h = Health.down().withDetail("restAddress", props.restAddress().toString())
          .withDetail("error", "Camunda 8 cluster not reachable: " + cause.getMessage()
              + "; check camunda.client.rest-address and credentials. Job workers keep retrying.")
          .build();
    }
    last = h;
    checkedAt = Instant.now();
    return h;
  }
}
