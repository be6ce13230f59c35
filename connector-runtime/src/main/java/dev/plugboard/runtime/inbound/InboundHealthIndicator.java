package dev.plugboard.runtime.inbound;

import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code inbound} component of {@code /actuator/health}: the number of activations, the
 * activations whose connector reports itself down, and the elements that could not be activated
 * with the reason.
 *
 * <p>Status: {@code UP} when every wanted element is active and healthy, otherwise
 * {@value #DEGRADED}. That status is not in Spring Boot's aggregation order, so the overall
 * health stays {@code UP}: a wrong model or a missing plugin must not make an orchestrator
 * restart a runtime that serves everything else.
 */
@Component("inbound")
public class InboundHealthIndicator implements HealthIndicator {

  /** The status when some element is not served or a connector reports itself down. */
  public static final String DEGRADED = "DEGRADED";

  private final ObjectProvider<InboundManager> manager;

  /**
   * The indicator.
   *
   * @param manager the inbound layer, absent when it does not run for the chosen engine
   */
  public InboundHealthIndicator(ObjectProvider<InboundManager> manager) {
    this.manager = manager;
  }

  @Override
  public Health health() {
    InboundManager m = manager.getIfAvailable();
    if (m == null) {
      return Health.unknown().withDetail("reason", "the inbound layer does not run with the"
          + " configured engine").build();
    }
    List<InboundManager.ActivationView> active = m.activations();
    List<InboundManager.FailedActivation> failed = m.failedActivations();
    List<Map<String, String>> down = active.stream().filter(a -> !a.up())
        .map(a -> Map.of("element", a.element(), "detail", String.valueOf(a.detail()))).toList();
    String scanError = m.lastScanError();
    Health.Builder h = failed.isEmpty() && down.isEmpty() && scanError == null ? Health.up()
        : Health.status(new Status(DEGRADED, "some inbound elements are not served"));
    if (scanError != null) {
      h.withDetail("scanError", scanError);
    }
    return h.withDetail("activations", active.size())
        .withDetail("down", down)
        .withDetail("failedActivations", failed.stream().map(f -> Map.of("element", f.element(),
            "processDefinitionId", f.processDefinitionId(), "type", String.valueOf(f.type()),
            "reason", String.valueOf(f.reason()))).toList())
        .build();
  }
}
