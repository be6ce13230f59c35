package dev.plugboard.benchmarks;

import dev.plugboard.runtime.PlugboardApplication;
import dev.plugboard.runtime.invocation.InvocationPipeline;
import dev.plugboard.runtime.plugins.PluginHost;
import dev.plugboard.runtime.registry.ConnectorRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.operaton.bpm.engine.ProcessEngine;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Plugboard runtime started in this JVM, exactly as the main command starts it (same
 * application class, same defaults), but with every folder in a private home and a random port.
 */
final class InProcessRuntime implements AutoCloseable {

  private final ConfigurableApplicationContext context;
  private final Path home;

  private InProcessRuntime(ConfigurableApplicationContext context, Path home) {
    this.context = context;
    this.home = home;
  }

  /**
   * Starts a runtime.
   *
   * @param home its folder: {@code plugins/} (watched), {@code cache/}, {@code data/}
   * @param datasourceUrl the engine's database
   * @param extra more properties (examples settings, ...)
   * @return the running runtime
   */
  static InProcessRuntime start(Path home, String datasourceUrl, Map<String, Object> extra)
      throws IOException {
    Files.createDirectories(home.resolve("plugins"));
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("server.port", "0");
    props.put("plugboard.plugins.dir", home.resolve("plugins").toString());
    // Only what the benchmark puts into the watched folder: dist/plugins is not loaded.
    props.put("plugboard.plugins.extra-dirs", home.resolve("no-extra-plugins").toString());
    props.put("plugboard.plugins.work-dir", home.resolve("cache").toString());
    props.put("plugboard.operaton.processes-dir", home.resolve("processes").toString());
    props.put("plugboard.secrets.folder", home.resolve("secrets").toString());
    props.put("plugboard.security.admin-token", BenchmarkMain.ADMIN_TOKEN);
    props.put("spring.datasource.url", datasourceUrl);
    props.put("logging.level.root", "WARN");
    // A missing connector type is expected while a hot-load is polled for: keep the log readable.
    props.put("logging.level.dev.plugboard", "ERROR");
    props.putAll(extra);
    // As command-line arguments: they outrank the runtime's own engine defaults (an
    // EnvironmentPostProcessor sets spring.datasource.url), which default properties do not.
    String[] args = props.entrySet().stream()
        .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    ConfigurableApplicationContext ctx = new SpringApplicationBuilder(PlugboardApplication.class)
        .run(args);
    String url = ctx.getEnvironment().getProperty("spring.datasource.url");
    if (!datasourceUrl.equals(url)) {
      ctx.close();
      throw new IllegalStateException("the in-process runtime would use the database " + url
          + " instead of " + datasourceUrl + "; refusing to touch another database");
    }
    return new InProcessRuntime(ctx, home);
  }

  /** The HTTP port the runtime listens on (it was started with port 0). */
  int port() {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  Path home() {
    return home;
  }

  Path pluginsDir() {
    return home.resolve("plugins");
  }

  InvocationPipeline pipeline() {
    return context.getBean(InvocationPipeline.class);
  }

  ConnectorRegistry registry() {
    return context.getBean(ConnectorRegistry.class);
  }

  PluginHost host() {
    return context.getBean(PluginHost.class);
  }

  CamelContext camel() {
    return context.getBean(CamelContext.class);
  }

  ProcessEngine engine() {
    return context.getBean(ProcessEngine.class);
  }

  @Override
  public void close() {
    context.close();
  }
}
