package dev.plugboard.rpa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.springframework.util.unit.DataSize;

/** The work queue against a real engine (Operaton on an in-memory H2 database of its own). */
class RpaQueueTest {

  private static final String BPMN = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://plugboard.dev/test">
        <bpmn:process id="rpa-queue-test" isExecutable="true" camunda:historyTimeToLive="P1D">
          <bpmn:startEvent id="s"/>
          <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
          <bpmn:serviceTask id="t" camunda:type="external" camunda:topic="plugboard:rpa:1">
            <bpmn:extensionElements><camunda:inputOutput>
              <camunda:inputParameter name="queue">${queue}</camunda:inputParameter>
              <camunda:inputParameter name="input">${input}</camunda:inputParameter>
            </camunda:inputOutput></bpmn:extensionElements>
          </bpmn:serviceTask>
          <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/>
          <bpmn:endEvent id="e"/>
        </bpmn:process>
      </bpmn:definitions>
      """;

  private static ProcessEngine engine;

  @BeforeAll
  static void startEngine() {
    StandaloneInMemProcessEngineConfiguration config =
        new StandaloneInMemProcessEngineConfiguration();
    config.setDmnFeelEnableLegacyBehavior(true); // as the runtime: no Scala FEEL bridge here
    engine = config
        .setJdbcUrl("jdbc:h2:mem:rpa-queue-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
        .setProcessEngineName("rpa-queue-test-" + UUID.randomUUID())
        .setJobExecutorActivate(false)
        .buildProcessEngine();
    engine.getRepositoryService().createDeployment().addString("q.bpmn", BPMN).deploy();
  }

  @AfterAll
  static void stopEngine() {
    if (engine != null) {
      engine.close();
    }
  }

  private static RpaQueue queue() {
    return new RpaQueue(engine, new RpaProperties(true, List.of(), Path.of("unused"),
        DataSize.ofMegabytes(1), Duration.ofSeconds(5), Duration.ofMinutes(1),
        Duration.ofHours(1), 3, Duration.ofSeconds(1), 500), new ObjectMapper());
  }

  private static RpaProperties.Bot bot(String id, String... queues) {
    return new RpaProperties.Bot(id, null, "token-" + id, List.of(queues));
  }

  private static void enqueue(String queue, int count) {
    for (int i = 0; i < count; i++) {
      engine.getRuntimeService().startProcessInstanceByKey("rpa-queue-test",
          Map.of("queue", queue, "input", "{\"n\": " + i + "}"));
    }
  }

  private static long open(String queue) {
    return engine.getRuntimeService().createVariableInstanceQuery().variableName("queue")
        .variableValueEquals("queue", queue).count();
  }

  @Test
  void fourBotsFetchingAtOnceGetEveryItemExactlyOnceAndCompleteIt() throws Exception {
    String q = "race-" + UUID.randomUUID();
    int items = 40;
    enqueue(q, items);
    RpaQueue queue = queue();
    Set<String> handedOut = ConcurrentHashMap.newKeySet();
    AtomicInteger duplicates = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> bots = new ArrayList<>();
      for (int b = 0; b < 4; b++) {
        RpaProperties.Bot bot = bot("racer-" + b, q);
        bots.add(pool.submit(() -> {
          while (true) {
            List<RpaApi.Item> got = queue.fetch(bot,
                new RpaApi.FetchRequest(null, null, 10, 60_000L, 0L));
            if (got.isEmpty()) {
              return null;
            }
            for (RpaApi.Item item : got) {
              if (!handedOut.add(item.id())) {
                duplicates.incrementAndGet();
              }
              queue.complete(bot, item.id(), null, List.of());
            }
          }
        }));
      }
      for (Future<?> f : bots) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(duplicates).hasValue(0);
    assertThat(handedOut).hasSize(items);
    assertThat(open(q)).isZero();
  }

  @Test
  void aFetchFindsItsQueueBehindManyItemsOfOtherQueues() {
    String mine = "mine-" + UUID.randomUUID();
    String other = "other-" + UUID.randomUUID();
    enqueue(other, 40); // older than mine: more than the first page (32) of candidates
    enqueue(mine, 3);
    RpaQueue queue = queue();
    List<RpaApi.Item> got = queue.fetch(bot("picky", mine),
        new RpaApi.FetchRequest(null, null, 10, 60_000L, 0L));
    assertThat(got).hasSize(3).allSatisfy(item -> {
      assertThat(item.queue()).isEqualTo(mine);
      assertThat(item.input().has("n")).isTrue();
    });
    got.forEach(item -> queue.complete(bot("picky", mine), item.id(), null, List.of()));
  }

  @Test
  void aReportAfterTheLockExpiredAndAnotherBotTookTheItemIsRefusedAndTheItemIsNotLost() {
    String q = "expiry-" + UUID.randomUUID();
    enqueue(q, 1);
    RpaQueue queue = queue();
    RpaProperties.Bot slow = bot("slow", q);
    RpaProperties.Bot fast = bot("fast", q);
    RpaApi.Item item = queue.fetch(slow, new RpaApi.FetchRequest(null, null, 1, 1_000L, 0L))
        .get(0);
    List<RpaApi.Item> retaken = new ArrayList<>();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      retaken.addAll(queue.fetch(fast, new RpaApi.FetchRequest(null, null, 1, 60_000L, 0L)));
      return !retaken.isEmpty();
    });
    assertThat(retaken.get(0).id()).isEqualTo(item.id());
    assertThatThrownBy(() -> queue.complete(slow, item.id(), null, List.of()))
        .isInstanceOfSatisfying(RpaException.class, e -> assertThat(e.code())
            .isEqualTo("NOT_LOCK_HOLDER"));
    queue.complete(fast, item.id(), null, List.of());
    assertThatThrownBy(() -> queue.complete(fast, item.id(), null, List.of()))
        .isInstanceOfSatisfying(RpaException.class, e -> assertThat(e.code())
            .isEqualTo("ITEM_NOT_FOUND"));
    assertThat(open(q)).isZero();
  }
}
