package dev.plugboard.runtime.inbound;

import dev.plugboard.runtime.feel.FeelEvaluator;
import dev.plugboard.runtime.registry.ConnectorRegistry;
import dev.plugboard.runtime.secrets.SecretResolver;
import io.camunda.client.CamundaClient;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Validator;
import org.apache.camel.CamelContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The inbound layer on a Camunda 8 cluster ({@code plugboard.engine=camunda8}): activations from
 * the cluster's deployed definitions, the {@code /inbound/{path}} endpoint, correlation through
 * the client. There is no database in this mode: message ids are deduplicated by the cluster
 * (see {@link Camunda8MessageCorrelator}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "plugboard.engine", havingValue = "camunda8")
@EnableConfigurationProperties({InboundProperties.class, Camunda8InboundProperties.class})
public class Camunda8InboundConfiguration {

  @Bean
  MessageCorrelator camunda8MessageCorrelator(CamundaClient client,
      Camunda8InboundProperties props) {
    return new Camunda8MessageCorrelator(client, props.messageTtl());
  }

  @Bean
  InboundManager inboundManager(CamundaClient client, ConnectorRegistry registry,
      FeelEvaluator feel, SecretResolver secrets, CamelContext camel,
      ObjectProvider<Validator> validator, MessageCorrelator correlator, InboundProperties props,
      MeterRegistry meters) {
    return new InboundManager(new Camunda8DeployedElements(client), registry, feel, secrets,
        camel, validator.getIfAvailable(), null, correlator, null, props, meters);
  }

  @Bean
  WebhookController webhookController(InboundManager manager, FeelEvaluator feel,
      InboundProperties props, MeterRegistry meters) {
    return new WebhookController(manager, feel, props, meters);
  }
}
