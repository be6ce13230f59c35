package dev.plugboard.runtime.engine.operaton;

import dev.plugboard.runtime.invocation.InvocationPipeline;
import dev.plugboard.runtime.registry.ConnectorRegistry;
import org.operaton.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded Operaton engine adapter; active unless {@code plugboard.engine=camunda8}. The
 * engine itself comes from Operaton's Spring Boot starter (switched off for Camunda 8 by
 * {@link dev.plugboard.runtime.engine.EngineSelection}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "plugboard.engine", havingValue = "operaton", matchIfMissing = true)
@EnableConfigurationProperties(OperatonProperties.class)
public class OperatonEngineConfiguration {

  @Bean
  ExternalTaskWorker externalTaskWorker(ProcessEngine engine, InvocationPipeline pipeline,
      ConnectorRegistry registry, OperatonProperties props) {
    return new ExternalTaskWorker(engine, pipeline, registry, props);
  }

  /** Component {@code operaton} of {@code /actuator/health}: engine, job executor, database. */
  @Bean
  OperatonHealthIndicator operatonHealthIndicator(ProcessEngine engine, ExternalTaskWorker worker,
      @Value("${operaton.bpm.job-execution.enabled:true}") boolean jobExecutionEnabled) {
    return new OperatonHealthIndicator(engine, worker, jobExecutionEnabled);
  }

  @Bean
  PlugboardEnginePlugin plugboardEnginePlugin() {
    return new PlugboardEnginePlugin();
  }

  @Bean
  ProcessDeployer processDeployer(ProcessEngine engine, OperatonProperties props) {
    return new ProcessDeployer(engine.getRepositoryService(), props);
  }
}
