package dev.plugboard.sdk;

import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;

/**
 * What an outbound connector may know about the task it is executing.
 *
 * <p>Secret values are already resolved in {@link #variables()}; never log them. The runtime
 * masks every resolved secret value in log lines it writes, but a connector that copies a secret
 * into its output is responsible for that choice.
 */
public interface ConnectorContext {

  /** The connector type being executed. */
  String connectorType();

  /**
   * The task's headers: Zeebe custom headers (Camunda 8) or extension properties (Camunda 7 /
   * Operaton), such as {@code resultVariable} or {@code retryBackoff}. Never {@code null}.
   */
  Map<String, String> headers();

  /**
   * The variables the input was bound from, after secret resolution: useful for connectors that
   * forward arbitrary variables. Never {@code null}.
   */
  Map<String, Object> variables();

  /**
   * A logger named after the connector type. Lines it writes carry the connector type and the
   * job key in the MDC, and resolved secret values are masked.
   */
  Logger logger();

  /** The engine's key of the job or external task, for correlation in logs; may be empty. */
  String jobKey();

  /** When the runtime gives up on this execution; a long-running connector should check it. */
  Instant deadline();
}
