package dev.plugboard.runtime.plugins;

import dev.plugboard.runtime.camel.PluginRoutes;
import dev.plugboard.runtime.registry.DefaultConnectorRegistry;
import dev.plugboard.runtime.templates.DefaultTemplateCheck;
import dev.plugboard.runtime.templates.TemplateCheck;
import dev.plugboard.runtime.templates.TemplateRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** Wires the plugin layer and loads the plugins once the application is ready. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PluginsProperties.class)
public class PluginsConfiguration {

  private static final Logger log = LoggerFactory.getLogger(PluginsConfiguration.class);

  @Bean
  PluginRoutes pluginRoutes(CamelContext camel) {
    return new PluginRoutes(camel);
  }

  /**
   * The upload size limit for {@code POST /api/plugins} (Spring's default, 1 MB, is too small
   * for a plugin jar).
   */
  @Bean
  jakarta.servlet.MultipartConfigElement multipartConfig(PluginsProperties properties) {
    long max = properties.maxUploadSize().toBytes();
    return new jakarta.servlet.MultipartConfigElement(null, max, max, 1024 * 1024);
  }

  @Bean
  TemplateCheck templateCheck() {
    return new DefaultTemplateCheck();
  }

  @Bean(destroyMethod = "close")
  PluginHost pluginHost(PluginsProperties properties, PluginRoutes routes,
      DefaultConnectorRegistry registry, TemplateRegistry templates, TemplateCheck check,
      ObjectProvider<MeterRegistry> meters) {
    return new PluginHost(properties, routes, registry, templates, check,
        meters.getIfAvailable());
  }

  @Bean(destroyMethod = "close")
  PluginFolderWatcher pluginFolderWatcher(PluginsProperties properties, PluginHost host) {
    return new PluginFolderWatcher(properties.dir(), host, properties.pollInterval(),
        properties.quietPeriod());
  }

  /** Starts loading after the whole application (engines included) is up. */
  @Bean
  PluginsStarter pluginsStarter(PluginsProperties properties, PluginHost host,
      PluginFolderWatcher watcher) {
    return new PluginsStarter(properties, host, watcher);
  }

  /** Loads {@code extra-dirs}, then the watched folder, when the application is ready. */
  static final class PluginsStarter {
    private final PluginsProperties properties;
    private final PluginHost host;
    private final PluginFolderWatcher watcher;

    PluginsStarter(PluginsProperties properties, PluginHost host, PluginFolderWatcher watcher) {
      this.properties = properties;
      this.host = host;
      this.watcher = watcher;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
      for (Path dir : properties.extraDirs()) {
        if (!Files.isDirectory(dir)) {
          log.info("event=plugin_extra_dir_missing dir={}", dir.toAbsolutePath());
          continue;
        }
        try (var files = Files.list(dir)) {
          files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted()
              .forEach(host::loadFile);
        } catch (java.io.IOException e) {
          log.warn("event=plugin_extra_dir_unreadable dir={} error=\"{}\"", dir, e.toString());
        }
      }
      watcher.start(properties.watch());
      log.info("event=plugins_started dir={} watch={} plugins={}",
          properties.dir().toAbsolutePath(), properties.watch(), host.list().size());
    }
  }
}
