package dev.plugboard.connectors.ai;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.plugboard.sdk.testkit.ConnectorTestKit;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shaded jar works in a plugin class loader of its own: langchain4j's HTTP client and JSON
 * codec, and the schema validator, come from the jar while the calling thread's context class
 * loader is another one.
 */
class AiPluginJarIT {

  /** The shaded jar that {@code mvn package} built (set by the failsafe configuration). */
  private static final Path PLUGIN_JAR =
      Path.of(System.getProperty("plugboard.plugin.jar", "target/missing.jar"));

  @RegisterExtension
  static WireMockExtension llm = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort()).build();

  @Test
  void extractsJsonThroughTheShadedJarInItsOwnClassLoader() throws Exception {
    llm.stubFor(post("/v1/chat/completions").willReturn(okJson("{\"id\":\"c\",\"object\":"
        + "\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
        + "\"finish_reason\":\"stop\",\"message\":{\"role\":\"assistant\",\"content\":"
        + "\"{\\\"label\\\":\\\"question\\\",\\\"confidence\\\":0.8}\"}}],"
        + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}")));

    try (URLClassLoader plugin = ConnectorTestKit.pluginClassLoader(PLUGIN_JAR)) {
      Object connector = plugin.loadClass(AiConnector.class.getName())
          .getConstructor().newInstance();
      assertThat(connector.getClass().getClassLoader()).isSameAs(plugin);

      Object result = ConnectorTestKit.of(connector).variable("operation", "extract")
          .variable("baseUrl", llm.baseUrl() + "/v1").variable("model", "m")
          .variable("text", "Where is my parcel?")
          .variable("categories", java.util.List.of("question", "complaint")).execute();

      assertThat(result.getClass().getClassLoader()).isSameAs(plugin);
      assertThat(result.toString()).contains("label=question").contains("attempts=1");
    }
  }
}
