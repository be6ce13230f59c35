package dev.plugboard.runtime.plugins;

import dev.plugboard.runtime.camel.PluginRoutes;
import dev.plugboard.runtime.registry.DefaultConnectorRegistry;
import dev.plugboard.runtime.registry.RegisteredConnector;
import dev.plugboard.runtime.templates.DefaultTemplateCheck;
import dev.plugboard.runtime.templates.TemplateRegistry;
import dev.plugboard.sdk.OutboundConnector;
import dev.plugboard.sdk.host.InputBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A plugin host on a plain Camel context, without Spring: what most plugin-layer tests need.
 * Also a reference for how the pipeline finds and enters a connector ({@link #invoke}).
 */
final class PluginTestHost implements AutoCloseable {

  final CamelContext camel = new DefaultCamelContext();
  final DefaultConnectorRegistry registry = new DefaultConnectorRegistry();
  final TemplateRegistry templates = new TemplateRegistry();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final PluginsProperties properties;
  final PluginHost host;
  final ProducerTemplate producer;

  PluginTestHost(PluginsProperties properties) {
    this.properties = properties;
    camel.start();
    producer = camel.createProducerTemplate();
    host = new PluginHost(properties, new PluginRoutes(camel), registry, templates,
        new DefaultTemplateCheck(), meters);
  }

  PluginTestHost(Path dir, Path work) {
    this(PluginsProperties.defaults(dir, work));
  }

  /**
   * Runs a connector once, the way the pipeline does: find, enter (or look again when the
   * version was closed by a replacement), execute, exit.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  Object invoke(String type, String text) throws Exception {
    RegisteredConnector c = registry.find(type).orElseThrow(
        () -> new IllegalStateException("no connector " + type));
    while (!c.inflight().enter()) {
      c = registry.find(type).orElseThrow(() -> new IllegalStateException("no connector " + type));
    }
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(c.classLoader());
    try {
      if (c.entryEndpoint() != null) {
        // A template caches one producer per endpoint, and a direct producer keeps the route it
        // sent to (with the plugin's classes) after the plugin is gone: use one per call here.
        try (ProducerTemplate once = camel.createProducerTemplate()) {
          return once.requestBody(c.entryEndpoint(), Map.of("text", text), String.class);
        }
      }
      Object input = new InputBinder(type, c.definition().inputType(), null)
          .bind(Map.of("text", text));
      return ((OutboundConnector) c.instance()).execute(input, null);
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
      c.inflight().exit();
    }
  }

  @Override
  public void close() {
    host.close();
    try {
      producer.close();
      camel.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
