package dev.plugboard.runtime.invocation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the invocation pipeline.
 *
 * @param notFoundBackoff how long a job for a connector type that no loaded plugin provides
 *     waits before it is tried again (its retries are kept, so it runs once the plugin is loaded)
 * @param defaultRetries retries of a first attempt when neither the engine, the {@code retries}
 *     header nor a connector annotation says (only for unknown connector types)
 */
@ConfigurationProperties("plugboard.invocation")
public record InvocationProperties(
    @DefaultValue("PT30S") Duration notFoundBackoff,
    @DefaultValue("3") int defaultRetries) {

  /** The defaults, for tests and benchmarks. */
  public static InvocationProperties defaults() {
    return new InvocationProperties(Duration.ofSeconds(30), 3);
  }
}
