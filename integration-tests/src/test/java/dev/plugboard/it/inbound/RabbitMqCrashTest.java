package dev.plugboard.it.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.plugboard.it.LocalServices;
import dev.plugboard.it.RuntimeProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The runtime process is killed ({@code destroyForcibly}, SIGKILL) while a RabbitMQ message is
 * between receipt and acknowledgement, then started again on the same database: the message is
 * redelivered and starts exactly one process instance.
 *
 * <p>Where it dies is made deterministic by the runtime's test hook
 * ({@code plugboard.inbound.test.pause-dir}): the correlation is held at the chosen point and
 * the hook writes a marker file; the test kills the process once the marker is there, and
 * creates the release file before the restart.
 *
 * <ul>
 *   <li>{@code before-correlate}: received, not yet in the engine. Nothing may be lost.
 *   <li>{@code after-commit}: the instance and the message id are committed, the message is not
 *       acknowledged. The redelivery must be recognised as a duplicate.
 * </ul>
 */
class RabbitMqCrashTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofMinutes(5);
  /** Two starts per case; on a loaded shared machine one start has taken over six minutes. */
  private static final Duration STARTUP = Duration.ofMinutes(12);

  private final String queue = "plugboard-crash-" + UUID.randomUUID();
  private RuntimeProcess runtime;
  private Connection broker;

  @BeforeEach
  void broker() throws Exception {
    LocalServices.require("RabbitMQ", "localhost", 5672);
    ConnectionFactory f = new ConnectionFactory();
    f.setUri("amqp://guest:guest@localhost:5672");
    broker = f.newConnection("plugboard-crash-test");
  }

  @AfterEach
  void stop() throws Exception {
    if (runtime != null) {
      runtime.close();
    }
    if (broker != null) {
      try (Channel ch = broker.createChannel()) {
        ch.queueDelete(queue);
        ch.queueDelete(queue + ".dlq");
      }
      broker.close();
    }
  }

  @ParameterizedTest(name = "killed {0}")
  @ValueSource(strings = {"before-correlate", "after-commit"})
  void aMessageIsCorrelatedExactlyOnceWhenTheRuntimeIsKilledInBetween(String point)
      throws Exception {
    Path rabbit = RuntimeProcess.distPlugin("plugboard-connector-rabbitmq");
    LocalServices.requireCondition(rabbit != null, "dist/plugins has no RabbitMQ plugin jar;"
        + " build it with: mvn -pl connectors-catalog/rabbitmq -am verify");
    RuntimeProcess.Builder b = RuntimeProcess.builder("crash-" + point)
        .startupTimeout(STARTUP)
        .withPlugin(rabbit)
        .property("plugboard.operaton.deploy-examples", "false")
        .property("plugboard.inbound.scan-interval", "PT0.5S")
        .property("plugboard.inbound.test.pause-at", point);
    Path hook = b.workDir().resolve("pause");
    b.property("plugboard.inbound.test.pause-dir", hook);
    Path processes = Files.createDirectories(b.workDir().resolve("processes"));
    Files.writeString(processes.resolve("crash.bpmn"), bpmn(queue));
    runtime = b.start();
    await().atMost(WAIT).until(this::subscribed);

    publish("order-1");
    await().atMost(WAIT).until(() -> Files.exists(hook.resolve("reached")));
    runtime.kill();
    assertThat(runtime.process().isAlive()).isFalse();
    Files.createFile(hook.resolve("release"));

    runtime.start();
    // The broker redelivers the unacknowledged message to the restarted runtime.
    await().atMost(WAIT).until(() -> instances() >= 1);

    // A publisher retry with the same message id, then a new order. With prefetch 1 the
    // subscription holds one unacknowledged message at a time and the queue keeps order, so
    // order-2 arrives only after the redelivery and the retry were acknowledged.
    publish("order-1");
    publish("order-2");
    await().atMost(WAIT).until(() -> instances() >= 2);
    assertThat(instances()).as("order-1 (killed %s) once, order-2 once", point).isEqualTo(2);
    assertThat(orderIds()).containsExactlyInAnyOrder("order-1", "order-2");
    assertThat(deadLettered()).isZero();
  }

  private boolean subscribed() {
    // A passive declare of a missing queue closes the channel with an error: the subscription
    // declares the queue when it starts.
    try (Channel ch = broker.createChannel()) {
      return ch.queueDeclarePassive(queue).getConsumerCount() > 0;
    } catch (Exception e) {
      return false;
    }
  }

  private long deadLettered() throws Exception {
    try (Channel ch = broker.createChannel()) {
      return ch.queueDeclarePassive(queue + ".dlq").getMessageCount();
    }
  }

  private long instances() throws Exception {
    var r = runtime.get("/engine-rest/history/process-instance/count?processDefinitionKey=crash-order");
    JsonNode n = JSON.readTree(r.body());
    return n.path("count").asLong();
  }

  private java.util.List<String> orderIds() throws Exception {
    var r = runtime.get("/engine-rest/history/variable-instance?variableName=orderId");
    java.util.List<String> ids = new java.util.ArrayList<>();
    JSON.readTree(r.body()).forEach(v -> ids.add(v.path("value").asText()));
    return ids;
  }

  private void publish(String orderId) throws Exception {
    try (Channel ch = broker.createChannel()) {
      ch.confirmSelect();
      AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
          .messageId("msg-" + orderId).contentType("application/json").deliveryMode(2)
          .headers(Map.of()).build();
      ch.basicPublish("", queue, props,
          JSON.writeValueAsString(Map.of("orderId", orderId)).getBytes(StandardCharsets.UTF_8));
      ch.waitForConfirmsOrDie(10_000);
    }
  }

  private static String bpmn(String queue) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="it">
          <bpmn:message id="Msg" name="crash-order-received" />
          <bpmn:process id="crash-order" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="Received">
              <bpmn:extensionElements><camunda:properties>
                <camunda:property name="inbound.type" value="plugboard:rabbitmq-inbound:1" />
                <camunda:property name="uri" value="amqp://localhost:5672" />
                <camunda:property name="username" value="guest" />
                <camunda:property name="password" value="guest" />
                <camunda:property name="queue" value="%s" />
                <camunda:property name="prefetch" value="1" />
                <camunda:property name="inbound.messageIdExpression" value="=message.messageId" />
                <camunda:property name="inbound.resultExpression" value="={orderId: message.body.orderId}" />
              </camunda:properties></bpmn:extensionElements>
              <bpmn:outgoing>f1</bpmn:outgoing>
              <bpmn:messageEventDefinition messageRef="Msg" />
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="Received" targetRef="Wait" />
            <bpmn:userTask id="Wait" name="Look at it"><bpmn:incoming>f1</bpmn:incoming></bpmn:userTask>
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(queue);
  }
}
