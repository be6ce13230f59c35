package dev.plugboard.runtime.engine.operaton;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngines;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.operaton.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * The {@code operaton} health component against a real engine on a private in-memory H2
 * database: each part goes DOWN, with a message that says what to do, when what it watches
 * really stops (the job executor stopped, the database shut down, the engine closed).
 *
 * <p>One engine for the class (building its schema is the slow part), so the tests run in order:
 * the job executor is restarted after its test, the database and the engine go last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatonHealthIndicatorTest {

  private static final String DB = "health-" + UUID.randomUUID();
  private static ProcessEngine engine;
  private static OperatonHealthIndicator health;

  @BeforeAll
  static void startEngine() {
    StandaloneProcessEngineConfiguration config = new StandaloneProcessEngineConfiguration();
    config.setProcessEngineName("health-test-" + DB);
    config.setJdbcUrl("jdbc:h2:mem:" + DB + ";DB_CLOSE_DELAY=-1");
    config.setJdbcUsername("sa");
    config.setJdbcPassword("");
    config.setDatabaseSchemaUpdate("true");
    config.setJobExecutorActivate(true);
    config.setDmnEnabled(false);
    config.setCmmnEnabled(false);
    config.setDmnFeelEnableLegacyBehavior(true);
    config.setHistory("none");
    engine = config.buildProcessEngine();
    ExternalTaskWorker worker = new ExternalTaskWorker(engine, null, null,
        new OperatonProperties("health-test-worker", Duration.ofMinutes(1), 4,
            Duration.ofSeconds(1), Duration.ofSeconds(5), "./processes", false, Set.of()));
    health = new OperatonHealthIndicator(engine, worker, true);
  }

  @AfterAll
  static void closeEngine() {
    if (ProcessEngines.isRegisteredProcessEngine(engine.getName())) {
      engine.close();
    }
  }

  private static Health part(String name) {
    return ((HealthIndicator) health.getContributor(name)).health();
  }

  @Test
  @Order(1)
  void aRunningEngineReportsEngineJobExecutorAndDatabaseUp() {
    assertThat(health).extracting(n -> n.getName())
        .containsExactly("processEngine", "jobExecutor", "database");
    assertThat(part("processEngine").getStatus()).isEqualTo(Status.UP);
    assertThat(part("processEngine").getDetails()).containsEntry("workerId", "health-test-worker");
    assertThat(part("jobExecutor").getStatus()).isEqualTo(Status.UP);
    assertThat(part("jobExecutor").getDetails()).containsEntry("active", true);
    Health database = part("database");
    assertThat(database.getStatus()).isEqualTo(Status.UP);
    assertThat(database.getDetails()).containsEntry("type", "h2");
    assertThat(database.getDetails().toString()).doesNotContain("jdbc:");
  }

  @Test
  @Order(3)
  void aDatabaseThatIsGoneIsReportedDownWithWhatToCheck() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:" + DB, "sa", "")) {
      c.createStatement().execute("SHUTDOWN");
    }
    Health database = part("database");
    assertThat(database.getStatus()).isEqualTo(Status.DOWN);
    assertThat(database.getDetails().get("error").toString())
        .startsWith("The engine cannot reach its database: ")
        .contains("check spring.datasource.*");
  }

  @Test
  @Order(2)
  void aStoppedJobExecutorIsReportedDown() {
    JobExecutor jobExecutor = ((ProcessEngineConfigurationImpl)
        engine.getProcessEngineConfiguration()).getJobExecutor();
    jobExecutor.shutdown();
    try {
      Health jobs = part("jobExecutor");
      assertThat(jobs.getStatus()).isEqualTo(Status.DOWN);
      assertThat(jobs.getDetails().get("error").toString())
          .contains("timers and async continuations");
    } finally {
      jobExecutor.start();
    }
    assertThat(part("jobExecutor").getStatus()).isEqualTo(Status.UP);
  }

  @Test
  @Order(4)
  void aClosedEngineIsReportedDown() {
    engine.close();
    Health h = part("processEngine");
    assertThat(h.getStatus()).isEqualTo(Status.DOWN);
    assertThat(h.getDetails().get("error").toString()).contains("is closed");
  }
}
