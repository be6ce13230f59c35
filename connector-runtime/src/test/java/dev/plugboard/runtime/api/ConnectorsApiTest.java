package dev.plugboard.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.runtime.feel.FeelEvaluator;
import dev.plugboard.runtime.invocation.DefaultInvocationPipeline;
import dev.plugboard.runtime.invocation.InvocationProperties;
import dev.plugboard.runtime.invocation.fixtures.EchoConnector;
import dev.plugboard.runtime.invocation.fixtures.FailingConnector;
import dev.plugboard.runtime.invocation.fixtures.HangingConnector;
import dev.plugboard.runtime.invocation.fixtures.InMemoryConnectorRegistry;
import dev.plugboard.runtime.metrics.ConnectorMetrics;
import dev.plugboard.runtime.metrics.MetricsDefaults;
import dev.plugboard.runtime.secrets.SecretResolver;
import dev.plugboard.runtime.secrets.SecretsProperties;
import dev.plugboard.runtime.security.AdminToken;
import dev.plugboard.runtime.security.SecurityConfiguration;
import dev.plugboard.runtime.security.SecurityProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The connectors API, the admin token, error bodies, secret masking in answers and logs, and the
 * actuator endpoints, over HTTP against a running web server. Only this package's beans and a
 * test registry are started (no engine, no plugin manager) to keep it fast.
 */
@SpringBootTest(classes = ConnectorsApiTest.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "plugboard.security.admin-token=test-admin-token",
        "spring.autoconfigure.exclude="
            + "org.operaton.bpm.spring.boot.starter.OperatonBpmAutoConfiguration,"
            + "org.operaton.bpm.spring.boot.starter.rest.OperatonBpmRestJerseyAutoConfiguration,"
            + "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration"})
@AutoConfigureObservability(tracing = false)
@ExtendWith(OutputCaptureExtension.class)
class ConnectorsApiTest {

  static final String SECRET = "file-secret-Value-77";
  static final String TOKEN = "test-admin-token";
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @EnableConfigurationProperties({SecretsProperties.class, InvocationProperties.class, SecurityProperties.class})
  @Import({FeelEvaluator.class, SecretResolver.class, ConnectorMetrics.class, MetricsDefaults.class,
      AdminToken.class, SecurityConfiguration.class, DefaultInvocationPipeline.class,
      ConnectorsController.class, ApiExceptionHandler.class})
  static class App {
    @Bean
    InMemoryConnectorRegistry registry(CamelContext camel) {
      InMemoryConnectorRegistry registry = new InMemoryConnectorRegistry(camel);
      registry.register(new EchoConnector());
      registry.register(new FailingConnector());
      registry.register(new HangingConnector());
      return registry;
    }
  }

  @DynamicPropertySource
  static void secretsFolder(DynamicPropertyRegistry properties) throws IOException {
    Path folder = Files.createTempDirectory("plugboard-secrets");
    Files.writeString(folder.resolve("API_KEY"), SECRET + "\n");
    folder.toFile().deleteOnExit();
    properties.add("plugboard.secrets.folder", folder::toString);
  }

  @Value("${local.server.port}")
  int port;

  HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String body, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  @Test
  void listingConnectorsIsOpenAndDescribesEachType() throws Exception {
    HttpResponse<String> response = get("/api/connectors");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode list = json(response);
    assertThat(list).hasSize(3);
    JsonNode echo = list.get(0);
    assertThat(echo.get("type").asText()).isEqualTo("test:echo:1");
    assertThat(echo.get("name").asText()).isEqualTo("Echo");
    assertThat(echo.get("pluginId").asText()).isEqualTo("test");
    assertThat(echo.get("pluginVersion").asText()).isEqualTo("1.0.0");
    assertThat(echo.get("kind").asText()).isEqualTo("outbound");
    assertThat(echo.get("runAs").asText()).isEqualTo("function");
    assertThat(echo.get("category").asText()).isEqualTo("Test");
    assertThat(echo.get("description").asText()).isEqualTo("Echoes a text");
  }

  @Test
  void invokingNeedsTheAdminToken() throws Exception {
    HttpResponse<String> missing = post("/api/connectors/test:echo:1/invoke", "{}", null);
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(json(missing).get("code").asText()).isEqualTo("UNAUTHORIZED");
    assertThat(json(missing).get("message").asText()).contains("Authorization: Bearer");
    HttpResponse<String> wrong = post("/api/connectors/test:echo:1/invoke", "{}", "not-the-token");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(json(wrong).get("message").asText()).contains("wrong");
    // An encoded path reaches the same controller, so it must meet the same filter.
    assertThat(post("/%61pi/connectors/test:echo:1/invoke", "{\"variables\":{\"text\":\"x\"}}", null)
        .statusCode()).isIn(400, 401, 404);
    assertThat(post("/api/connectors/test:echo:1/invoke", "{\"variables\":{\"text\":\"x\"}}", "")
        .statusCode()).isEqualTo(401);
  }

  @Test
  void invokeAnswersTheResultAndTheVariables() throws Exception {
    HttpResponse<String> response = post("/api/connectors/test:echo:1/invoke",
        "{\"variables\":{\"text\":\"hi\",\"times\":2},\"headers\":{\"resultVariable\":\"out\",\"taskName\":\"T\"}}", TOKEN);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.at("/result/text").asText()).isEqualTo("hihi");
    assertThat(body.at("/variables/out/length").asInt()).isEqualTo(4);
  }

  @Test
  void invokeErrorsHaveCodesAndStatuses() throws Exception {
    HttpResponse<String> invalid = post("/api/connectors/test:echo:1/invoke", "{\"variables\":{}}", TOKEN);
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(json(invalid).get("code").asText()).isEqualTo("INVALID_INPUT");
    assertThat(json(invalid).get("message").asText()).contains("'text'");

    HttpResponse<String> unknown = post("/api/connectors/acme:none:1/invoke", "{}", TOKEN);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).get("code").asText()).isEqualTo("CONNECTOR_NOT_FOUND");

    HttpResponse<String> bpmn = post("/api/connectors/test:fail:1/invoke",
        "{\"variables\":{\"mode\":\"bpmn\",\"code\":\"LIMIT\"}}", TOKEN);
    assertThat(bpmn.statusCode()).isEqualTo(422);
    assertThat(json(bpmn).get("code").asText()).isEqualTo("LIMIT");
    assertThat(json(bpmn).at("/variables/reason").asText()).isEqualTo("limit");

    HttpResponse<String> failed = post("/api/connectors/test:fail:1/invoke",
        "{\"variables\":{\"mode\":\"unexpected\"}}", TOKEN);
    assertThat(failed.statusCode()).isEqualTo(502);
    assertThat(json(failed).get("code").asText()).isEqualTo("CONNECTOR_FAILED");
    assertThat(json(failed).get("retries").asInt()).isEqualTo(2);

    HttpResponse<String> timeout = post("/api/connectors/test:hang:1/invoke", "{\"variables\":{}}", TOKEN);
    assertThat(timeout.statusCode()).isEqualTo(504);
    assertThat(json(timeout).get("code").asText()).isEqualTo("TIMEOUT");

    HttpResponse<String> malformed = post("/api/connectors/test:echo:1/invoke", "{not json", TOKEN);
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(json(malformed).get("code").asText()).isEqualTo("INVALID_REQUEST");

    HttpResponse<String> missingSecret = post("/api/connectors/test:echo:1/invoke",
        "{\"variables\":{\"text\":\"x\",\"apiKey\":\"{{secrets.NOPE}}\"}}", TOKEN);
    assertThat(missingSecret.statusCode()).isEqualTo(400);
    assertThat(json(missingSecret).get("code").asText()).isEqualTo("SECRET_NOT_FOUND");
    assertThat(json(missingSecret).get("message").asText()).contains("NOPE");

    // The runtime keeps serving after all of that.
    assertThat(post("/api/connectors/test:echo:1/invoke", "{\"variables\":{\"text\":\"ok\"}}", TOKEN)
        .statusCode()).isEqualTo(200);
  }

  @Test
  void secretsNeverReachApiAnswersLogsOrMetrics(CapturedOutput output) throws Exception {
    HttpResponse<String> echoed = post("/api/connectors/test:echo:1/invoke",
        "{\"variables\":{\"text\":\"x\",\"apiKey\":\"{{secrets.API_KEY}}\"}}", TOKEN);
    assertThat(echoed.statusCode()).isEqualTo(200);
    // A connector that copies a secret into its result: the API answer masks it.
    HttpResponse<String> copied = post("/api/connectors/test:echo:1/invoke",
        "{\"variables\":{\"text\":\"{{secrets.API_KEY}}\"},\"headers\":{\"resultVariable\":\"r\"}}", TOKEN);
    assertThat(copied.statusCode()).isEqualTo(200);
    assertThat(copied.body()).doesNotContain(SECRET).contains("****");
    for (String mode : new String[] {"connector", "retryable", "unexpected", "bpmn"}) {
      HttpResponse<String> failed = post("/api/connectors/test:fail:1/invoke",
          "{\"variables\":{\"mode\":\"" + mode + "\",\"code\":\"E\",\"password\":\"{{secrets.API_KEY}}\"}}", TOKEN);
      assertThat(failed.body()).doesNotContain(SECRET).contains("****");
    }
    // The echo connector logged the key through its context logger; the pipeline logged failures.
    assertThat(output.getAll()).contains("echo called with key ****").doesNotContain(SECRET);
    assertThat(get("/actuator/prometheus").body()).doesNotContain(SECRET);
  }

  @Test
  void actuatorExposesHealthAndPerConnectorMetrics() throws Exception {
    post("/api/connectors/test:echo:1/invoke", "{\"variables\":{\"text\":\"m\"}}", TOKEN);
    HttpResponse<String> health = get("/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(json(health).get("status").asText()).isEqualTo("UP");
    String prometheus = get("/actuator/prometheus").body();
    assertThat(prometheus)
        .contains("plugboard_connector_invocations_total{")
        .contains("type=\"test:echo:1\"")
        .contains("plugboard_connector_errors_total{")
        .contains("type=\"test:echo:1\",quantile=\"0.99\"");
  }
}
