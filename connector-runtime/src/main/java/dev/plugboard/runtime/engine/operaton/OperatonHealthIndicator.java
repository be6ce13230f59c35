package dev.plugboard.runtime.engine.operaton;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngines;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;

/**
 * The embedded engine in {@code /actuator/health}, component {@code operaton} with three parts:
 *
 * <ul>
 *   <li>{@code processEngine}: the engine is built and not closed;
 *   <li>{@code jobExecutor}: the job executor (timers, async continuations) is active, if job
 *       execution is switched on ({@code operaton.bpm.job-execution.enabled});
 *   <li>{@code database}: the engine reaches its database: it reads its own property table
 *       through its own connection pool, so a health probe checks what the engine really uses.
 * </ul>
 *
 * <p>Details name the engine, the database product and the external-task worker's state; never
 * the JDBC URL or user (a URL may carry a password).
 */
public final class OperatonHealthIndicator implements CompositeHealthContributor {

  private final Map<String, HealthContributor> parts = new LinkedHashMap<>();

  /**
   * Creates the indicator.
   *
   * @param engine the embedded engine
   * @param worker the external-task worker (its state is shown with the process engine)
   * @param jobExecutionEnabled {@code operaton.bpm.job-execution.enabled}: whether this runtime
   *     is meant to run a job executor (the Spring Boot starter starts it itself, so the engine's
   *     own "activate" flag does not tell)
   */
  public OperatonHealthIndicator(ProcessEngine engine, ExternalTaskWorker worker,
      boolean jobExecutionEnabled) {
    ProcessEngineConfigurationImpl config =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    parts.put("processEngine", (HealthIndicator) () -> processEngine(engine, worker));
    parts.put("jobExecutor", (HealthIndicator) () -> jobExecutor(config, jobExecutionEnabled));
    parts.put("database", (HealthIndicator) () -> database(engine, config));
  }

  private static Health processEngine(ProcessEngine engine, ExternalTaskWorker worker) {
    // An engine registers itself when built and unregisters when closed.
    boolean open = ProcessEngines.isRegisteredProcessEngine(engine.getName());
    Health.Builder h = open ? Health.up() : Health.down()
        .withDetail("error", "The process engine '" + engine.getName() + "' is closed;"
            + " restart the runtime");
    return h.withDetail("name", engine.getName())
        .withDetail("externalTaskWorker", worker.isRunning() ? "running" : "stopped")
        .withDetail("workerId", worker.workerId())
        .withDetail("connectorTasksInFlight", worker.inFlight())
        .withDetail("topics", worker.subscribedTypes().size())
        .withDetail("reportCollisions", worker.collisions())
        .build();
  }

  private static Health jobExecutor(ProcessEngineConfigurationImpl config, boolean enabled) {
    JobExecutor executor = config.getJobExecutor();
    if (!enabled) {
      // Switched off on purpose (another node runs timers): not a failure of this runtime.
      return Health.up().withDetail("active", false)
          .withDetail("note", "job execution is switched off (operaton.bpm.job-execution."
              + "enabled=false): timers and async continuations run on other nodes").build();
    }
    if (executor == null || !executor.isActive()) {
      return Health.down().withDetail("active", false)
          .withDetail("error", "The job executor is not running: timers and async continuations"
              + " do not fire; check the log for its failure and restart the runtime").build();
    }
    return Health.up().withDetail("active", true)
        .withDetail("maxJobsPerAcquisition", executor.getMaxJobsPerAcquisition())
        .withDetail("lockTimeMillis", executor.getLockTimeInMillis())
        .build();
  }

  private static Health database(ProcessEngine engine, ProcessEngineConfigurationImpl config) {
    try {
      // The smallest read there is: ACT_GE_PROPERTY, a handful of rows, through the engine.
      int properties = engine.getManagementService().getProperties().size();
      return Health.up().withDetail("type", config.getDatabaseType())
          .withDetail("engineProperties", properties).build();
    } catch (RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      return Health.down().withDetail("type", String.valueOf(config.getDatabaseType()))
          .withDetail("error", "The engine cannot reach its database: "
              + root.getClass().getSimpleName() + ": " + root.getMessage()
              + "; check spring.datasource.* and that the database server is up").build();
    }
  }

  @Override
  public HealthContributor getContributor(String name) {
    return parts.get(name);
  }

  @Override
  public Iterator<NamedContributor<HealthContributor>> iterator() {
    return parts.entrySet().stream()
        .map(e -> NamedContributor.of(e.getKey(), e.getValue())).iterator();
  }
}
