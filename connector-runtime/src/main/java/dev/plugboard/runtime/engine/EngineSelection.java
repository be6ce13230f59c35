package dev.plugboard.runtime.engine;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Reads {@code plugboard.engine} before any bean exists and switches the other engine off, so a
 * Camunda 8 runtime does not start Operaton (nor its data source and REST API) and an Operaton
 * runtime does not open a Camunda client.
 *
 * <p>For Operaton it also adds defaults at the lowest precedence (any {@code application.properties},
 * environment variable or argument wins): the H2 file database in {@code ./data}, schema
 * auto-update, audit history, our own deployment of processes.
 */
public class EngineSelection implements EnvironmentPostProcessor, Ordered {

  /** Auto-configurations that belong to the embedded engine only. */
  static final String[] OPERATON_AUTO_CONFIGURATIONS = {
    "org.operaton.bpm.spring.boot.starter.OperatonBpmAutoConfiguration",
    "org.operaton.bpm.spring.boot.starter.rest.OperatonBpmRestJerseyAutoConfiguration",
    "org.springframework.boot.autoconfigure.jersey.JerseyAutoConfiguration",
    "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
    "org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration",
    "org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration",
    "org.springframework.boot.autoconfigure.sql.init.SqlInitializationAutoConfiguration",
    "org.springframework.boot.autoconfigure.h2.H2ConsoleAutoConfiguration",
  };

  /**
   * The default database: an H2 file in {@code ./data}. {@code WRITE_DELAY=0} makes a commit
   * durable before it returns: H2 has no redo log, and with its default delay (500 ms) a runtime
   * killed right after a commit loses that transaction — a webhook already answered 200, a
   * broker message already acknowledged, a completed task. {@code H2DurabilityTest} shows both.
   */
  public static final String DEFAULT_H2_URL =
      "jdbc:h2:file:./data/plugboard;AUTO_SERVER=FALSE;WRITE_DELAY=0";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication app) {
    EngineKind kind = EngineKind.parse(env.getProperty(EngineKind.PROPERTY));
    Map<String, Object> forced = new LinkedHashMap<>();
    Map<String, Object> defaults = new LinkedHashMap<>();
    forced.put(EngineKind.PROPERTY, kind.value());
    if (kind == EngineKind.CAMUNDA8) {
      forced.put("operaton.bpm.enabled", "false");
      Set<String> excludes = new LinkedHashSet<>();
      String existing = env.getProperty("spring.autoconfigure.exclude");
      if (existing != null && !existing.isBlank()) {
        for (String e : existing.split(",")) {
          excludes.add(e.trim());
        }
      }
      excludes.addAll(java.util.List.of(OPERATON_AUTO_CONFIGURATIONS));
      forced.put("spring.autoconfigure.exclude", String.join(",", excludes));
    } else {
      defaults.put("spring.datasource.url", DEFAULT_H2_URL);
      defaults.put("spring.datasource.username", "sa");
      defaults.put("spring.datasource.password", "");
      defaults.put("spring.jersey.application-path", "/engine-rest");
      defaults.put("operaton.bpm.database.schema-update", "true");
      defaults.put("operaton.bpm.history-level", "audit");
      // Deployment is ours (ProcessDeployer): bundled examples plus ./processes, deduplicated.
      defaults.put("operaton.bpm.auto-deployment-enabled", "false");
      defaults.put("operaton.bpm.generate-unique-process-engine-name", "false");
      defaults.put("operaton.bpm.job-execution.enabled", "true");
      // The idle back-off grows from wait-time-in-millis up to max-wait. Operaton's default wait
      // (5 s) above a max-wait of 2 s keeps the idle level at 0, i.e. acquisition without any
      // pause: the job executor then burns a core while there is nothing to do.
      defaults.put("operaton.bpm.job-execution.wait-time-in-millis", "500");
      defaults.put("operaton.bpm.job-execution.max-wait", "2000");
      // Health: our component "operaton" (engine, job executor, database through the engine)
      // replaces the starter's two indicators, which check neither the database nor a stop.
      defaults.put("management.health.operaton.enabled", "false");
    }
    env.getPropertySources().addFirst(new MapPropertySource("plugboard-engine-selection", forced));
    env.getPropertySources().addLast(new MapPropertySource("plugboard-engine-defaults", defaults));
  }

  @Override
  public int getOrder() {
    // After the config files are read (ConfigDataEnvironmentPostProcessor), so they can choose.
    return Ordered.LOWEST_PRECEDENCE - 10;
  }
}
