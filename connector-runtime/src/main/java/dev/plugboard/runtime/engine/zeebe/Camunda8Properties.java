package dev.plugboard.runtime.engine.zeebe;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The standard {@code camunda.client.*} settings this runtime reads when
 * {@code plugboard.engine=camunda8} (the names of Camunda's own Spring starter; see
 * docs/camunda8.md). The client's {@code CAMUNDA_*} environment overrides apply as well.
 *
 * @param restAddress the Orchestration Cluster REST API (job workers use it by default)
 * @param grpcAddress the gRPC gateway, used only with {@code prefer-rest-over-grpc=false}
 * @param preferRestOverGrpc talk REST (default) or gRPC
 * @param tenantId the tenant of the job workers; empty for the default tenant
 * @param auth OAuth client credentials; empty client id means no authentication
 * @param worker job worker defaults
 * @param healthCheckInterval how often the cluster's topology is asked for the health check
 */
@ConfigurationProperties("camunda.client")
public record Camunda8Properties(
    @DefaultValue("http://localhost:8080") URI restAddress,
    @DefaultValue("http://localhost:26500") URI grpcAddress,
    @DefaultValue("true") boolean preferRestOverGrpc,
    @DefaultValue("") String tenantId,
    @DefaultValue Auth auth,
    @DefaultValue Worker worker,
    @DefaultValue("PT10S") Duration healthCheckInterval) {

  /**
   * OAuth client credentials ({@code camunda.client.auth.*}).
   *
   * @param clientId the client id
   * @param clientSecret the client secret (never logged)
   * @param tokenUrl the token endpoint ({@code authorizationServerUrl})
   * @param audience the token audience
   * @param scope the token scope
   */
  public record Auth(
      @DefaultValue("") String clientId,
      @DefaultValue("") String clientSecret,
      @DefaultValue("") String tokenUrl,
      @DefaultValue("") String audience,
      @DefaultValue("") String scope) {

    @Override
    public String toString() {
      return "Auth[clientId=" + clientId + ", tokenUrl=" + tokenUrl + ", audience=" + audience
          + ", clientSecret=" + (clientSecret.isEmpty() ? "" : "****") + "]";
    }
  }

  /**
   * Job worker defaults ({@code camunda.client.worker.defaults.*}).
   *
   * @param defaults the defaults of every worker
   */
  public record Worker(@DefaultValue Defaults defaults) {}

  /**
   * Defaults of every job worker.
   *
   * @param name the worker name shown in Operate
   * @param maxJobsActive jobs activated at once per connector type
   * @param timeout how long an activated job is reserved for this runtime
   * @param pollInterval the pause between activation polls when there is nothing to do
   * @param requestTimeout long-polling time of one activation request
   * @param threads threads executing jobs (all workers share them)
   * @param streamEnabled job push (gRPC streaming); off by default, REST polling is used
   */
  public record Defaults(
      @DefaultValue("plugboard") String name,
      @DefaultValue("32") int maxJobsActive,
      @DefaultValue("PT5M") Duration timeout,
      @DefaultValue("PT0.1S") Duration pollInterval,
      @DefaultValue("PT20S") Duration requestTimeout,
      @DefaultValue("8") int threads,
      @DefaultValue("false") boolean streamEnabled) {}
}
