package dev.plugboard.runtime.metrics;

import dev.plugboard.runtime.secrets.SecretMasker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Per-connector metrics of the invocation pipeline (Micrometer, exported at
 * {@code /actuator/prometheus}):
 * <ul>
 *   <li>{@code plugboard.connector.invocations} (counter; tags {@code type}, {@code outcome} =
 *       {@code completed}, {@code bpmn_error} or {@code failed})
 *   <li>{@code plugboard.connector.errors} (counter; tags {@code type}, {@code code})
 *   <li>{@code plugboard.connector.latency} (timer with 50/95/99th percentiles; tags
 *       {@code type}, {@code outcome})
 * </ul>
 * Tag values are bounded and never hold a secret: a type that no plugin provides is tagged
 * {@value #UNKNOWN_TYPE}, and error codes are masked and reduced to {@code [A-Z0-9_]}.
 */
@Component
public class ConnectorMetrics {

  /** Tag value for connector types that no loaded plugin provides. */
  public static final String UNKNOWN_TYPE = "unknown";

  private static final Pattern CODE_CHARS = Pattern.compile("[^A-Z0-9_]");

  private final MeterRegistry registry;
  /**
   * The meters already registered, by type and outcome (or code): building a meter id and
   * looking it up in the registry on every call costs more than the recording itself. As
   * bounded as the tags (types of loaded plugins, masked codes), and the registry keeps the
   * meters anyway.
   */
  private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
  private final Map<String, Counter> errors = new ConcurrentHashMap<>();

  private record Outcome(Counter invocations, Timer latency) {}

  /**
   * Metrics in a registry.
   *
   * @param registry Micrometer's registry
   */
  public ConnectorMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Records one invocation.
   *
   * @param type the connector type, or {@link #UNKNOWN_TYPE}
   * @param outcome {@code completed}, {@code bpmn_error} or {@code failed}
   * @param code the error or BPMN error code, {@code null} when completed
   * @param latency how long the invocation took
   */
  public void record(String type, String outcome, String code, Duration latency) {
    Outcome meters = outcomes.computeIfAbsent(type + '\0' + outcome, k -> new Outcome(
        Counter.builder("plugboard.connector.invocations")
            .description("Connector invocations by outcome")
            .tag("type", type).tag("outcome", outcome)
            .register(registry),
        Timer.builder("plugboard.connector.latency")
            .description("Connector invocation latency, from request to outcome")
            .tag("type", type).tag("outcome", outcome)
            // Client-side percentiles (a Prometheus summary). A histogram for cross-replica
            // aggregation replaces them when an operator sets
            // management.metrics.distribution.percentiles-histogram.plugboard.connector.latency=true.
            .publishPercentiles(0.5, 0.95, 0.99)
            .register(registry)));
    meters.invocations().increment();
    meters.latency().record(latency);
    if (code != null) {
      errors.computeIfAbsent(type + '\0' + code, k -> Counter.builder("plugboard.connector.errors")
          .description("Connector errors and BPMN errors by code")
          .tag("type", type).tag("code", safeCode(code))
          .register(registry)).increment();
    }
  }

  /**
   * A code fit for a tag: masked, upper case, {@code [A-Z0-9_]}, at most 64 characters.
   *
   * @param code an error code as a connector reported it
   * @return the tag value
   */
  static String safeCode(String code) {
    String masked = SecretMasker.mask(code).replace(SecretMasker.MASK, "MASKED");
    String clean = CODE_CHARS.matcher(masked.toUpperCase(java.util.Locale.ROOT)).replaceAll("_");
    if (clean.isEmpty()) {
      return "UNKNOWN";
    }
    return clean.length() > 64 ? clean.substring(0, 64) : clean;
  }
}
