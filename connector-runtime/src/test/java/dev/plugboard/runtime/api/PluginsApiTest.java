package dev.plugboard.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.runtime.plugins.PluginHost;
import dev.plugboard.runtime.plugins.PluginsConfiguration;
import dev.plugboard.runtime.plugins.TestPluginJars;
import dev.plugboard.runtime.plugins.UploadLimitAdvice;
import dev.plugboard.runtime.registry.DefaultConnectorRegistry;
import dev.plugboard.runtime.security.AdminToken;
import dev.plugboard.runtime.security.SecurityConfiguration;
import dev.plugboard.runtime.security.SecurityProperties;
import dev.plugboard.runtime.templates.TemplateRegistry;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code /api/plugins} and {@code /api/templates*} over HTTP, with the plugin layer, the host
 * CamelContext of camel-spring-boot and the admin token filter (no engine, to keep it fast).
 */
@SpringBootTest(classes = PluginsApiTest.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "plugboard.security.admin-token=" + PluginsApiTest.TOKEN,
        "plugboard.plugins.max-upload-size=2MB",
        "plugboard.plugins.poll-interval=100ms",
        "spring.autoconfigure.exclude="
            + "org.operaton.bpm.spring.boot.starter.OperatonBpmAutoConfiguration,"
            + "org.operaton.bpm.spring.boot.starter.rest.OperatonBpmRestJerseyAutoConfiguration,"
            + "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PluginsApiTest {

  static final String TOKEN = "plugins-api-token";
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static Path pluginsDir;
  static Path distDir;

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @EnableConfigurationProperties(SecurityProperties.class)
  @Import({PluginsConfiguration.class, DefaultConnectorRegistry.class, TemplateRegistry.class,
      PluginsController.class, TemplatesController.class, UploadLimitAdvice.class,
      AdminToken.class, SecurityConfiguration.class})
  static class App {}

  @DynamicPropertySource
  static void folders(DynamicPropertyRegistry properties) throws Exception {
    Path root = Files.createTempDirectory("plugboard-api-test");
    pluginsDir = root.resolve("plugins");
    distDir = root.resolve("dist");
    // a jar in the dist folder is loaded at start
    TestPluginJars.plugin("dist-plugin", "1.0.0")
        .connector("t.dist.Dist", TestPluginJars.routeConnector("t.dist", "Dist", "test:dist:1", "d"))
        .withTemplates("test:dist:1")
        .writeTo(distDir);
    properties.add("plugboard.plugins.dir", pluginsDir::toString);
    properties.add("plugboard.plugins.extra-dirs", distDir::toString);
    properties.add("plugboard.plugins.work-dir", () -> root.resolve("work").toString());
  }

  @Value("${local.server.port}")
  int port;

  @Autowired
  PluginHost host;

  URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> upload(byte[] jar, String name, String token) throws Exception {
    String boundary = "----plugboard" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
        + name + "\"\r\nContent-Type: application/java-archive\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8));
    body.write(jar);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder b = HttpRequest.newBuilder(uri("/api/plugins"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> delete(String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).DELETE();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static byte[] uploaded(String version) {
    return TestPluginJars.plugin("uploaded", version)
        .connector("t.up.Up", TestPluginJars.routeConnector("t.up", "Up", "test:up:1", "up"))
        .withTemplates("test:up:1")
        .bytes();
  }

  @Test
  @Order(1)
  void distPluginsAreLoadedAtStartAndListed() throws Exception {
    HttpResponse<String> response = get("/api/plugins");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode list = JSON.readTree(response.body());
    assertThat(list).hasSize(1);
    JsonNode p = list.get(0);
    assertThat(p.get("id").asText()).isEqualTo("dist-plugin");
    assertThat(p.get("version").asText()).isEqualTo("1.0.0");
    assertThat(p.get("state").asText()).isEqualTo("ACTIVE");
    assertThat(p.get("connectors").get(0).asText()).isEqualTo("test:dist:1");
    assertThat(p.get("templates").asInt()).isEqualTo(2);
    assertThat(p.get("file").asText()).isEqualTo("dist-plugin-1.0.0.jar");
    assertThat(p.get("loadedAt").isNull()).isFalse();
    assertThat(p.has("lastError")).isTrue();
  }

  @Test
  @Order(2)
  void uploadWithoutTokenIsRejected() throws Exception {
    HttpResponse<String> response = upload(uploaded("1.0.0"), "uploaded.jar", null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(host.active("uploaded")).isEmpty();
  }

  @Test
  @Order(3)
  void uploadLoadsTheJarAnswers201AndStoresItInTheWatchedFolder() throws Exception {
    HttpResponse<String> response = upload(uploaded("1.0.0"), "uploaded.jar", TOKEN);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode p = JSON.readTree(response.body());
    assertThat(p.get("id").asText()).isEqualTo("uploaded");
    assertThat(p.get("state").asText()).isEqualTo("ACTIVE");
    assertThat(pluginsDir.resolve("uploaded-1.0.0.jar")).exists();
  }

  @Test
  @Order(4)
  void aBadUploadAnswers400WithTheReasonAndIsListed() throws Exception {
    HttpResponse<String> response = upload("garbage".getBytes(), "garbage.jar", TOKEN);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(response.body());
    assertThat(error.get("code").asText()).isEqualTo("PLUGIN_REFUSED");
    assertThat(error.get("message").asText()).contains("garbage.jar", "not a jar");
    assertThat(JSON.readTree(get("/api/plugins").body()).findValuesAsText("file"))
        .contains("garbage.jar");

    HttpResponse<String> older = upload(uploaded("0.9.0"), "older.jar", TOKEN);
    assertThat(older.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(older.body()).get("message").asText())
        .contains("version 1.0.0 is active");

    HttpResponse<String> missing = upload(new byte[0], "empty.jar", TOKEN);
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(missing.body()).get("code").asText()).isEqualTo("INVALID_UPLOAD");
  }

  @Test
  @Order(5)
  void anUploadOverTheLimitAnswers413() throws Exception {
    HttpResponse<String> response = upload(new byte[3 * 1024 * 1024], "huge.jar", TOKEN);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("UPLOAD_TOO_LARGE", "plugboard.plugins.max-upload-size");
  }

  @Test
  @Order(6)
  void templatesAreServedPerFlavorAndThroughTheModelerIndex() throws Exception {
    JsonNode c8 = JSON.readTree(get("/api/templates?flavor=camunda8").body());
    JsonNode c7 = JSON.readTree(get("/api/templates").body()); // default: camunda7 (Operaton)
    assertThat(c8.findValuesAsText("id")).containsExactly("test:dist:1", "test:up:1");
    assertThat(c8.get(0).get("$schema").asText()).contains("zeebe-element-templates-json-schema");
    assertThat(c7.get(0).get("$schema").asText()).contains("/element-templates-json-schema");
    assertThat(get("/api/templates?flavor=bpmn").statusCode()).isEqualTo(400);

    JsonNode index = JSON.readTree(get("/api/templates/index.json?flavor=camunda8").body());
    assertThat(index.fieldNames()).toIterable().containsExactly("test:dist:1", "test:up:1");
    JsonNode entry = index.get("test:up:1").get(0);
    assertThat(entry.get("version").asInt()).isEqualTo(1);
    assertThat(entry.get("engine").isObject()).isTrue();
    String ref = entry.get("ref").asText();
    assertThat(ref).startsWith("http://localhost:" + port + "/api/templates/camunda8/");

    HttpResponse<String> one = HTTP.send(HttpRequest.newBuilder(URI.create(ref)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(one.statusCode()).isEqualTo(200);
    JsonNode template = JSON.readTree(one.body());
    assertThat(template.get("id").asText()).isEqualTo("test:up:1");
    assertThat(template.get("version").asInt()).isEqualTo(1);
    assertThat(get("/api/templates/camunda8/nope/1").statusCode()).isEqualTo(404);
  }

  @Test
  @Order(7)
  void deleteDrainsUnloadsAndRemovesTheJar() throws Exception {
    assertThat(delete("/api/plugins/uploaded", null).statusCode()).isEqualTo(401);

    HttpResponse<String> response = delete("/api/plugins/uploaded", TOKEN);

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(host.active("uploaded")).isEmpty();
    assertThat(pluginsDir.resolve("uploaded-1.0.0.jar")).doesNotExist();
    assertThat(JSON.readTree(get("/api/templates?flavor=camunda8").body()).findValuesAsText("id"))
        .containsExactly("test:dist:1");
    // no version active any more: DELETE dismisses the refused 0.9.0 upload still listed
    assertThat(delete("/api/plugins/uploaded", TOKEN).statusCode()).isEqualTo(204);
    assertThat(JSON.readTree(get("/api/plugins").body()).findValuesAsText("id"))
        .doesNotContain("uploaded");
    assertThat(delete("/api/plugins/uploaded", TOKEN).statusCode()).isEqualTo(404);
  }

  @Test
  @Order(8)
  void aJarCopiedIntoTheWatchedFolderIsPickedUp() throws Exception {
    TestPluginJars.plugin("dropped", "1.0.0")
        .connector("t.drop.Drop", TestPluginJars.routeConnector("t.drop", "Drop", "test:drop:1", "x"))
        .writeTo(pluginsDir);

    await().atMost(Duration.ofSeconds(2)).until(() -> host.active("dropped").isPresent());
    assertThat(get("/api/plugins").body()).contains("\"dropped\"");
    HttpResponse<String> metrics = get("/actuator/metrics/plugboard.plugins?tag=state:ACTIVE");
    if (metrics.statusCode() == 200) {
      assertThat(JSON.readTree(metrics.body()).at("/measurements/0/value").asDouble())
          .isEqualTo(2.0);
    }
  }
}
