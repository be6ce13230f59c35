package dev.plugboard.runtime.inbound;

import dev.plugboard.runtime.feel.FeelEvaluator;
import dev.plugboard.runtime.registry.ConnectorRegistry;
import dev.plugboard.runtime.secrets.SecretResolver;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Validator;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.operaton.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inbound layer on the embedded Operaton engine: activations, the {@code /inbound/{path}}
 * endpoint, deduplication in the engine's database.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "plugboard.engine", havingValue = "operaton", matchIfMissing = true)
@EnableConfigurationProperties(InboundProperties.class)
public class InboundConfiguration {

  @Bean
  DeduplicationStore inboundDeduplicationStore(DataSource dataSource, InboundProperties props) {
    return new DeduplicationStore(dataSource, props.dedupTtl());
  }

  @Bean
  MessageCorrelator operatonMessageCorrelator(ProcessEngine engine) {
    return new OperatonMessageCorrelator(engine.getRuntimeService());
  }

  @Bean
  InboundManager inboundManager(ProcessEngine engine, ConnectorRegistry registry,
      FeelEvaluator feel, SecretResolver secrets, CamelContext camel,
      ObjectProvider<Validator> validator, DeduplicationStore dedup, MessageCorrelator correlator,
      PlatformTransactionManager transactions, InboundProperties props, MeterRegistry meters,
      @Value("${plugboard.inbound.test.pause-dir:}") String pauseDir,
      @Value("${plugboard.inbound.test.pause-at:before-correlate}") String pauseAt) {
    InboundManager manager = new InboundManager(new OperatonDeployedElements(engine), registry,
        feel, secrets, camel, validator.getIfAvailable(), dedup, correlator,
        new TransactionTemplate(transactions), props, meters);
    if (!pauseDir.isBlank()) {
      manager.pauseCorrelations(new CorrelationPause(Path.of(pauseDir),
          CorrelationPause.Point.parse(pauseAt)));
    }
    return manager;
  }

  @Bean
  WebhookController webhookController(InboundManager manager, FeelEvaluator feel,
      InboundProperties props, MeterRegistry meters) {
    return new WebhookController(manager, feel, props, meters);
  }
}
