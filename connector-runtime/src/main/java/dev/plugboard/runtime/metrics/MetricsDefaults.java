package dev.plugboard.runtime.metrics;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * Default management settings of the runtime (exposed actuator endpoints); loaded with the lowest
 * precedence, so {@code application.yml}, environment and command line override them.
 */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:dev/plugboard/runtime/metrics/management-defaults.properties")
public class MetricsDefaults {}
