package dev.plugboard.connectors.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.plugboard.sdk.CorrelationResult;
import dev.plugboard.sdk.testkit.InboundTestContext;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against the real RabbitMQ on localhost:5672 (guest/guest): skipped when it is not there,
 * failing under {@code CI=true}. The context is a recording stand-in for the runtime's
 * (the runtime's correlation is tested in connector-runtime).
 */
class RabbitMqSubscriptionTest {

  static final Duration WAIT = Duration.ofSeconds(20);

  String queue;
  Connection conn;
  Channel ch;

  @BeforeEach
  void connect() throws Exception {
    boolean up;
    try (Socket s = new Socket("localhost", 5672)) {
      up = true;
    } catch (Exception e) {
      up = false;
    }
    if (!up && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException("RabbitMQ is not reachable on localhost:5672 (CI=true)");
    }
    Assumptions.assumeTrue(up, "RabbitMQ is not reachable on localhost:5672; start it to run");
    queue = "plugboard-test-" + UUID.randomUUID();
    ConnectionFactory f = new ConnectionFactory();
    f.setUri("amqp://guest:guest@localhost:5672");
    conn = f.newConnection();
    ch = conn.createChannel();
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (ch != null) {
      ch.queueDelete(queue);
      ch.queueDelete(queue + ".dlq");
      conn.close();
    }
  }

  RabbitMqProperties props() {
    return new RabbitMqProperties("amqp://localhost:5672", "guest", "guest", queue, 3, null, 5);
  }

  void publish(String body) throws Exception {
    ch.basicPublish("", queue, new AMQP.BasicProperties.Builder().deliveryMode(2)
        .messageId(UUID.randomUUID().toString()).build(), body.getBytes(StandardCharsets.UTF_8));
  }

  long depth(String q) throws Exception {
    return ch.queueDeclarePassive(q).getMessageCount();
  }

  @Test
  void aCorrelatedMessageIsAcknowledged() throws Exception {
    InboundTestContext ctx = InboundTestContext.create();
    RabbitMqSubscription s = new RabbitMqSubscription();
    s.activate(props(), ctx);
    try {
      publish("{\"orderId\":\"o-1\"}");
      await().atMost(WAIT).until(() -> ctx.calls().size() == 1);
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) ctx.calls().get(0).get("message");
      assertThat(m.get("body")).isEqualTo(Map.of("orderId", "o-1"));
      assertThat(m.get("messageId")).isNotNull();
    } finally {
      s.deactivate();
    }
    assertThat(depth(queue)).isZero();
    assertThat(depth(queue + ".dlq")).isZero();
  }

  @Test
  void aMessageNoInstanceTakesIsRetriedThenDeadLetteredWithTheReason() throws Exception {
    InboundTestContext ctx = InboundTestContext.create();
    ctx.answer(v -> new CorrelationResult.NotCorrelated("no instance waits for o-9", false));
    RabbitMqSubscription s = new RabbitMqSubscription();
    s.activate(props(), ctx);
    try {
      publish("{\"orderId\":\"o-9\"}");
      await().atMost(WAIT).until(() -> depth(queue + ".dlq") == 1);
      assertThat(ctx.calls()).hasSize(3);
    } finally {
      s.deactivate();
    }
    GetResponse dead = ch.basicGet(queue + ".dlq", true);
    assertThat(dead.getProps().getHeaders().get(RabbitMqSubscription.REASON).toString())
        .contains("no instance waits for o-9");
    assertThat(dead.getProps().getHeaders().get(RabbitMqSubscription.ATTEMPTS)).isEqualTo(3);
    assertThat(depth(queue)).isZero();
  }

  @Test
  void malformedJsonGoesStraightToTheDeadLetterQueue() throws Exception {
    InboundTestContext ctx = InboundTestContext.create();
    RabbitMqSubscription s = new RabbitMqSubscription();
    s.activate(props(), ctx);
    try {
      publish("{\"orderId\": ");
      await().atMost(WAIT).until(() -> depth(queue + ".dlq") == 1);
    } finally {
      s.deactivate();
    }
    assertThat(ctx.calls()).isEmpty();
    assertThat(ch.basicGet(queue + ".dlq", true).getProps().getHeaders()
        .get(RabbitMqSubscription.REASON).toString()).startsWith("INVALID_JSON");
  }

  @Test
  void aMessageReceivedButNotCorrelatedWhenTheConsumerDiesIsDeliveredAgain() throws Exception {
    // The first consumer receives the message and "dies" inside correlate (its connection is
    // closed before it answers), as a killed runtime would; nothing was acknowledged.
    CountDownLatch received = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    InboundTestContext dying = InboundTestContext.create();
    dying.answer(v -> {
      received.countDown();
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("killed");
    });
    RabbitMqSubscription first = new RabbitMqSubscription();
    first.activate(props(), dying);
    publish("{\"orderId\":\"o-5\"}");
    assertThat(received.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    Thread closer = new Thread(() -> {
      try {
        first.deactivate();
      } catch (Exception ignored) {
        // closing a connection whose consumer is blocked may time out; the broker still requeues
      }
    });
    closer.start();
    InboundTestContext second = InboundTestContext.create();
    RabbitMqSubscription next = new RabbitMqSubscription();
    await().atMost(WAIT).until(() -> !closer.isAlive());
    next.activate(props(), second);
    try {
      await().atMost(WAIT).until(() -> second.calls().size() == 1);
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) second.calls().get(0).get("message");
      assertThat(m.get("redelivered")).isEqualTo(true);
    } finally {
      never.countDown();
      next.deactivate();
    }
    await().atMost(WAIT).until(() -> depth(queue) == 0);
  }
}
