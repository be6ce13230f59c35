package dev.plugboard.connectors.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plugboard.sdk.CorrelationResult;
import dev.plugboard.sdk.testkit.InboundTestContext;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against the real Mosquitto on localhost:1883: skipped when it is not there, failing under
 * {@code CI=true}. The context is a recording stand-in for the runtime's.
 */
class MqttSubscriptionTest {

  static final Duration WAIT = Duration.ofSeconds(20);

  String topic;
  String clientId;
  MqttClient publisher;
  final List<String> deadLetters = new CopyOnWriteArrayList<>();

  @BeforeEach
  void connect() throws Exception {
    boolean up;
    try (Socket s = new Socket("localhost", 1883)) {
      up = true;
    } catch (Exception e) {
      up = false;
    }
    if (!up && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException("Mosquitto is not reachable on localhost:1883 (CI=true)");
    }
    Assumptions.assumeTrue(up, "Mosquitto is not reachable on localhost:1883; start it to run");
    String run = UUID.randomUUID().toString().substring(0, 8);
    topic = "plugboard-test/" + run + "/orders";
    clientId = "plugboard-test-" + run;
    publisher = new MqttClient("tcp://localhost:1883", "pub-" + run, new MemoryPersistence());
    publisher.connect();
    publisher.subscribe("plugboard-test/" + run + "/dlq", 1,
        (t, m) -> deadLetters.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
  }

  @AfterEach
  void close() throws Exception {
    if (publisher != null) {
      publisher.disconnect();
      publisher.close();
    }
  }

  MqttProperties props() {
    return new MqttProperties("tcp://localhost:1883", clientId, null, null, topic, 2,
        topic.replace("/orders", "/dlq"));
  }

  void publish(String body) throws Exception {
    MqttMessage m = new MqttMessage(body.getBytes(StandardCharsets.UTF_8));
    m.setQos(1);
    publisher.publish(topic, m);
  }

  @Test
  void aCorrelatedMessageIsAcknowledgedOnce() throws Exception {
    InboundTestContext ctx = InboundTestContext.create();
    MqttSubscription s = new MqttSubscription();
    s.activate(props(), ctx);
    try {
      publish("{\"orderId\":\"o-1\"}");
      await().atMost(WAIT).until(() -> ctx.calls().size() == 1);
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) ctx.calls().get(0).get("message");
      assertThat(m.get("body")).isEqualTo(Map.of("orderId", "o-1"));
    } finally {
      s.deactivate();
    }
    // the persistent session has nothing left to deliver
    InboundTestContext again = InboundTestContext.create();
    MqttSubscription s2 = new MqttSubscription();
    s2.activate(props(), again);
    publish("{\"orderId\":\"o-2\"}");
    await().atMost(WAIT).until(() -> again.calls().size() == 1);
    s2.deactivate();
    assertThat(again.calls()).hasSize(1);
  }

  @Test
  void aMessageNoInstanceTakesGoesToTheDeadLetterTopicWithTheReason() throws Exception {
    InboundTestContext ctx = InboundTestContext.create();
    ctx.answer(v -> new CorrelationResult.NotCorrelated("no instance waits for o-9", false));
    MqttSubscription s = new MqttSubscription();
    s.activate(props(), ctx);
    try {
      publish("{\"orderId\":\"o-9\"}");
      await().atMost(WAIT).until(() -> deadLetters.size() == 1);
    } finally {
      s.deactivate();
    }
    assertThat(ctx.calls()).hasSize(2);
    assertThat(deadLetters.get(0)).contains("no instance waits for o-9").contains(topic);
  }

  @Test
  void aMessageReceivedButNotCorrelatedWhenTheConsumerDiesIsDeliveredAgain() throws Exception {
    AtomicBoolean dying = new AtomicBoolean(true);
    InboundTestContext ctx = InboundTestContext.create();
    ctx.answer(v -> {
      if (dying.get()) {
        // as if the runtime died inside correlate: no PUBACK; Paho drops the connection
        throw new IllegalStateException("killed");
      }
      return new CorrelationResult.MessageCorrelated("pi");
    });
    MqttSubscription first = new MqttSubscription();
    first.activate(props(), ctx);
    publish("{\"orderId\":\"o-5\"}");
    await().atMost(WAIT).until(() -> ctx.calls().size() >= 1);
    first.deactivate();
    dying.set(false);
    InboundTestContext next = InboundTestContext.create();
    MqttSubscription second = new MqttSubscription();
    second.activate(props(), next);
    try {
      await().atMost(WAIT).until(() -> next.calls().size() == 1);
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) next.calls().get(0).get("message");
      assertThat(m.get("body")).isEqualTo(Map.of("orderId", "o-5"));
    } finally {
      second.deactivate();
    }
  }
}
