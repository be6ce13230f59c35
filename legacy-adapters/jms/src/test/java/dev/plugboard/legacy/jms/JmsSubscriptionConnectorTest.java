package dev.plugboard.legacy.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plugboard.sdk.CorrelationResult;
import dev.plugboard.sdk.testkit.InboundTestContext;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against an embedded ActiveMQ Artemis broker; the context records events and answers what the
 * test tells it (the runtime's own correlation is tested in integration-tests,
 * {@code LegacyJmsInboundTest}).
 */
class JmsSubscriptionConnectorTest {

  static final Duration WAIT = Duration.ofSeconds(20);
  EmbeddedActiveMQ broker;
  String url;
  final JmsSubscriptionConnector subscription = new JmsSubscriptionConnector(Path.of("target/no-providers"));
  final InboundTestContext ctx = InboundTestContext.create();

  @BeforeEach
  void start() throws Exception {
    int port = JmsConnectorTest.freePort();
    url = "tcp://127.0.0.1:" + port;
    broker = broker(port);
  }

  static EmbeddedActiveMQ broker(int port) throws Exception {
    ConfigurationImpl config = new ConfigurationImpl();
    config.setPersistenceEnabled(false);
    config.setSecurityEnabled(false);
    config.addAcceptorConfiguration(new TransportConfiguration(NettyAcceptorFactory.class.getName(),
        Map.of("host", "127.0.0.1", "port", port)));
    EmbeddedActiveMQ b = new EmbeddedActiveMQ();
    b.setConfiguration(config);
    b.start();
    return b;
  }

  @AfterEach
  void stop() throws Exception {
    subscription.deactivate();
    ctx.close();
    broker.stop();
  }

  /** The context answers by call number (1 for the first delivery). */
  InboundTestContext answering(Function<Integer, CorrelationResult> byCall) {
    return ctx.answer(v -> byCall.apply(ctx.calls().size()));
  }

  JmsSubscriptionProperties queue(String name, Integer maxAttempts) {
    return new JmsSubscriptionProperties(url, null, null, null, null, DestinationType.QUEUE, name,
        null, null, maxAttempts, null);
  }

  void send(String queue, String text) throws Exception {
    send(url, queue, text);
  }

  static void send(String brokerUrl, String queue, String text) throws Exception {
    try (Connection c = new ActiveMQConnectionFactory(brokerUrl).createConnection()) {
      Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
      Message m = s.createTextMessage(text);
      m.setStringProperty("source", "erp");
      s.createProducer(s.createQueue(queue)).send(m);
    }
  }

  long count(String queue) throws Exception {
    var q = broker.getActiveMQServer().locateQueue(queue);
    return q == null ? 0 : q.getMessageCount();
  }

  TextMessage receive(String queue) throws Exception {
    try (Connection c = new ActiveMQConnectionFactory(url).createConnection()) {
      c.start();
      Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
      return (TextMessage) s.createConsumer(s.createQueue(queue)).receive(10_000);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aMessageIsAcknowledgedOnlyAfterTheEngineTookIt() throws Exception {
    // The first delivery finds the engine away; the redelivery is accepted.
    answering(call -> call == 1 ? new CorrelationResult.NotCorrelated("engine away", true)
        : new CorrelationResult.ProcessStarted("pi-" + call));
    subscription.activate(queue("orders.in", null), ctx);
    send("orders.in", "{\"orderId\": 5}");
    await().atMost(WAIT).until(() -> ctx.calls().size() == 2);
    assertThat(ctx.calls().get(1)).containsEntry("body", Map.of("orderId", 5))
        .containsEntry("deliveryCount", 2).containsEntry("destination", "orders.in");
    assertThat(ctx.calls().get(0).get("messageId")).isEqualTo(ctx.calls().get(1).get("messageId"));
    assertThat((Map<String, Object>) ctx.calls().get(1).get("properties")).containsEntry("source", "erp");
    // Committed: the queue is empty now, and nothing was dead-lettered.
    await().atMost(WAIT).until(() -> count("orders.in") == 0);
    assertThat(count("orders.in.dlq")).isZero();
  }

  @Test
  void aMessageNoInstanceTakesGoesToTheDeadLetterQueueWithTheReasonAfterMaxAttempts() throws Exception {
    answering(call -> new CorrelationResult.NotCorrelated("no instance waits for key o-9", true));
    subscription.activate(queue("payments.in", 3), ctx);
    send("payments.in", "{\"orderId\": \"o-9\"}");
    await().atMost(WAIT).until(() -> count("payments.in.dlq") == 1);
    assertThat(ctx.calls()).hasSize(3);
    assertThat(count("payments.in")).isZero();
    TextMessage dead = receive("payments.in.dlq");
    assertThat(dead.getText()).isEqualTo("{\"orderId\": \"o-9\"}");
    assertThat(dead.getStringProperty("plugboardReason")).isEqualTo("NOT_CORRELATED: no instance waits for key o-9");
    assertThat(dead.getIntProperty("plugboardAttempts")).isEqualTo(3);
    assertThat(dead.getStringProperty("plugboardDestination")).isEqualTo("payments.in");
    assertThat(dead.getStringProperty("source")).isEqualTo("erp");
  }

  @Test
  void anEventTheExpressionsCannotUseIsDeadLetteredAtOnce() throws Exception {
    answering(call -> new CorrelationResult.InvalidInput("Correlation key expression '=body.orderId'"
        + " gave no value for the event; the payload lacks the key"));
    subscription.activate(queue("shipments.in", 5), ctx);
    send("shipments.in", "{\"nothing\": 1}");
    await().atMost(WAIT).until(() -> count("shipments.in.dlq") == 1);
    assertThat(ctx.calls()).hasSize(1);
    assertThat(receive("shipments.in.dlq").getStringProperty("plugboardReason"))
        .startsWith("INVALID_INPUT: Correlation key expression");
  }

  @Test
  void aMessageTheActivationConditionIgnoresIsAcknowledged() throws Exception {
    answering(call -> new CorrelationResult.ActivationConditionNotMet());
    subscription.activate(queue("events.in", 3), ctx);
    send("events.in", "{\"kind\": \"refund\"}");
    await().atMost(WAIT).until(() -> ctx.calls().size() == 1);
    await().atMost(WAIT).until(() -> count("events.in") == 0);
    assertThat(ctx.calls()).hasSize(1);
    assertThat(count("events.in.dlq")).isZero();
  }

  @Test
  void aBrokerThatIsDownAtActivationIsRetriedAndItsMessagesAreConsumedOnceItIsUp() throws Exception {
    int port = JmsConnectorTest.freePort();
    String later = "tcp://127.0.0.1:" + port;
    subscription.activate(new JmsSubscriptionProperties(later, null, null, null, null, DestinationType.QUEUE,
        "late.in", null, null, null, null), ctx);
    assertThat(ctx.lastHealth().up()).isFalse();
    assertThat(ctx.lastHealth().detail()).startsWith("JMS_UNAVAILABLE").contains(later).contains("retrying");

    EmbeddedActiveMQ second = broker(port);
    try {
      send(later, "late.in", "{\"orderId\": 7}");
      await().atMost(WAIT).until(() -> ctx.calls().size() == 1);
      assertThat(ctx.calls().get(0)).containsEntry("body", Map.of("orderId", 7));
      assertThat(ctx.lastHealth().up()).isTrue();
    } finally {
      subscription.deactivate();
      second.stop();
    }
  }

  @Test
  void aLostConnectionIsReportedAndReopenedWhenTheBrokerIsBack() throws Exception {
    subscription.activate(queue("restart.in", null), ctx);
    send("restart.in", "{\"n\": 1}");
    await().atMost(WAIT).until(() -> ctx.calls().size() == 1);

    int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    broker.stop();
    await().atMost(WAIT).until(() -> ctx.lastHealth() != null && !ctx.lastHealth().up());
    assertThat(ctx.lastHealth().detail()).startsWith("JMS_UNAVAILABLE");
    broker = broker(port);
    send("restart.in", "{\"n\": 2}");
    await().atMost(WAIT).until(() -> ctx.calls().size() == 2);
    assertThat(ctx.calls().get(1)).containsEntry("body", Map.of("n", 2));
    await().atMost(WAIT).until(() -> ctx.lastHealth().up());
  }
}
