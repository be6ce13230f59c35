package dev.plugboard.runtime.invocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.runtime.camel.PluginRoutes;
import dev.plugboard.runtime.feel.FeelEvaluator;
import dev.plugboard.runtime.metrics.ConnectorMetrics;
import dev.plugboard.runtime.plugins.PluginHost;
import dev.plugboard.runtime.plugins.PluginsProperties;
import dev.plugboard.runtime.plugins.TestPluginJars;
import dev.plugboard.runtime.registry.DefaultConnectorRegistry;
import dev.plugboard.runtime.secrets.SecretResolver;
import dev.plugboard.runtime.templates.DefaultTemplateCheck;
import dev.plugboard.runtime.templates.TemplateRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline over the real plugin layer: a plugin jar loaded by {@link PluginHost} into the
 * {@link DefaultConnectorRegistry}, its function and route connectors invoked, replaced by a new
 * version without a gap, and removed.
 */
class PluginJarInvocationTest {

  @TempDir Path dir;
  @TempDir Path work;

  static TestPluginJars greeter(String version, String greeting) {
    return TestPluginJars.plugin("greeter", version)
        .connector("t.greet.Greet", TestPluginJars.functionConnector("t.greet", "Greet",
            "test:greet:1", "\"" + greeting + " \" + input.text()"))
        .connector("t.greet.Shout", TestPluginJars.routeConnector("t.greet", "Shout",
            "test:shout:1", greeting + " ${body[text].toUpperCase()}"))
        .withTemplates("test:greet:1")
        .withTemplates("test:shout:1");
  }

  @Test
  void connectorsOfAPluginJarRunThroughThePipelineAcrossReplacementAndRemoval() throws Exception {
    DefaultCamelContext camel = new DefaultCamelContext();
    camel.start();
    DefaultConnectorRegistry registry = new DefaultConnectorRegistry();
    PluginHost host = new PluginHost(PluginsProperties.defaults(dir, work), new PluginRoutes(camel),
        registry, new TemplateRegistry(), new DefaultTemplateCheck(), null);
    DefaultInvocationPipeline pipeline = new DefaultInvocationPipeline(registry,
        camel.createProducerTemplate(), new FeelEvaluator(),
        new SecretResolver(List.of(name -> Optional.of("from-secret")), 4),
        new ConnectorMetrics(new SimpleMeterRegistry()), InvocationProperties.defaults());
    try {
      host.loadFile(greeter("1.0.0", "hello").writeTo(dir.resolve("in")));
      assertThat(result(pipeline, "test:greet:1", "{{secrets.NAME}}")).isEqualTo("hello from-secret");
      assertThat(result(pipeline, "test:shout:1", "ada")).isEqualTo("hello ADA");

      host.loadFile(greeter("2.0.0", "hi").writeTo(dir.resolve("in")));
      assertThat(result(pipeline, "test:greet:1", "bob")).isEqualTo("hi bob");
      assertThat(result(pipeline, "test:shout:1", "bob")).isEqualTo("hi BOB");

      assertThat(host.remove("greeter")).isTrue();
      Outcome.Failed gone = (Outcome.Failed) pipeline.invoke(
          new InvocationRequest("test:greet:1", Map.of("text", "x"), Map.of(), "j", 3));
      assertThat(gone.code()).isEqualTo("CONNECTOR_NOT_FOUND");
      assertThat(gone.retries()).isEqualTo(3);
      assertThat(pipeline.preparedCount()).isZero();
    } finally {
      pipeline.destroy();
      host.close();
      camel.stop();
    }
  }

  private static Object result(DefaultInvocationPipeline pipeline, String type, String text) {
    Outcome outcome = pipeline.invoke(new InvocationRequest(type, Map.of("text", text),
        Map.of("resultVariable", "out"), "j", null));
    assertThat(outcome).isInstanceOf(Outcome.Completed.class);
    Outcome.Completed c = (Outcome.Completed) outcome;
    assertThat(c.variables()).containsEntry("out", c.result());
    return c.result();
  }
}
