package dev.plugboard.runtime.engine.zeebe;

import dev.plugboard.runtime.invocation.InvocationPipeline;
import dev.plugboard.runtime.registry.ConnectorRegistry;
import io.camunda.client.CamundaClient;
import io.camunda.client.CamundaClientBuilder;
import io.camunda.client.CredentialsProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Camunda 8 (Zeebe) engine adapter; active only with {@code plugboard.engine=camunda8}. It
 * builds one {@link CamundaClient} from {@code camunda.client.*} and opens one job worker per
 * connector type.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "plugboard.engine", havingValue = "camunda8")
@EnableConfigurationProperties(Camunda8Properties.class)
public class Camunda8Configuration {

  @Bean(destroyMethod = "close")
  CamundaClient camundaClient(Camunda8Properties props) {
    Camunda8Properties.Defaults w = props.worker().defaults();
    CamundaClientBuilder b = CamundaClient.newClientBuilder()
        .restAddress(props.restAddress())
        .grpcAddress(props.grpcAddress())
        .preferRestOverGrpc(props.preferRestOverGrpc())
        .defaultJobWorkerName(w.name())
        .defaultJobWorkerMaxJobsActive(w.maxJobsActive())
        .defaultJobTimeout(w.timeout())
        .defaultJobPollInterval(w.pollInterval())
        .defaultJobWorkerStreamEnabled(w.streamEnabled())
        .numJobWorkerExecutionThreads(Math.max(1, w.threads()));
    if (!props.tenantId().isBlank()) {
      b = b.defaultTenantId(props.tenantId())
          .defaultJobWorkerTenantIds(java.util.List.of(props.tenantId()));
    }
    Camunda8Properties.Auth auth = props.auth();
    if (!auth.clientId().isBlank()) {
      var oauth = CredentialsProvider.newCredentialsProviderBuilder()
          .clientId(auth.clientId())
          .clientSecret(auth.clientSecret())
          .authorizationServerUrl(auth.tokenUrl());
      if (!auth.audience().isBlank()) {
        oauth = oauth.audience(auth.audience());
      }
      if (!auth.scope().isBlank()) {
        oauth = oauth.scope(auth.scope());
      }
      b = b.credentialsProvider(oauth.build());
    }
    return b.build();
  }

  @Bean
  ZeebeJobWorkers zeebeJobWorkers(CamundaClient client, InvocationPipeline pipeline,
      ConnectorRegistry registry, Camunda8Properties props) {
    return new ZeebeJobWorkers(client, pipeline, registry, props);
  }

  @Bean
  Camunda8HealthIndicator camunda8HealthIndicator(CamundaClient client, Camunda8Properties props) {
    return new Camunda8HealthIndicator(client, props);
  }
}
