package dev.plugboard.it.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.it.RuntimeProcess;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JMS subscription ({@code plugboard:jms-subscription:1}, the real {@code legacy-jms} jar from
 * dist/plugins) through the runtime's inbound framework on the built runtime, against an embedded
 * ActiveMQ Artemis broker: a queue message starts a process (a replayed event id starts nothing),
 * another queue's message continues the waiting instance, and a message no instance waits for is
 * delivered again and then dead-lettered with the reason. Messages leave their queue only after
 * the engine took them.
 */
class LegacyJmsInboundTest {

  static final Duration WAIT = Duration.ofSeconds(90);
  static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
  static final String ORDERS = "it-orders-" + SUFFIX;
  static final String PAYMENTS = "it-payments-" + SUFFIX;
  static EmbeddedActiveMQ broker;
  static String url;
  static RuntimeProcess runtime;

  @BeforeAll
  static void start() throws Exception {
    var plugin = LegacyInbound.plugin("legacy-jms");
    int port = RuntimeProcess.freePort();
    url = "tcp://127.0.0.1:" + port;
    ConfigurationImpl config = new ConfigurationImpl();
    config.setPersistenceEnabled(false);
    config.setSecurityEnabled(false);
    config.addAcceptorConfiguration(new TransportConfiguration(NettyAcceptorFactory.class.getName(),
        Map.of("host", "127.0.0.1", "port", port)));
    broker = new EmbeddedActiveMQ();
    broker.setConfiguration(config);
    broker.start();
    runtime = RuntimeProcess.builder("legacy-jms-inbound")
        .withPlugin(plugin)
        .withProcess(process())
        .property("plugboard.inbound.scan-interval", "PT0.5S")
        .start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (runtime != null) {
      runtime.close();
    }
    if (broker != null) {
      broker.stop();
    }
  }

  static Map<String, Object> subscription(String queue) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("inbound.type", "plugboard:jms-subscription:1");
    p.put("brokerUrl", url);
    p.put("destinationType", "QUEUE");
    p.put("destination", queue);
    p.put("maxAttempts", 3);
    return p;
  }

  /** An order message starts the process, which then waits for the order's payment message. */
  static java.nio.file.Path process() {
    Map<String, Object> start = subscription(ORDERS);
    start.put("inbound.messageIdExpression", "=properties.eventId");
    start.put("inbound.resultExpression", "={orderId: body.orderId, orderMessageId: messageId}");
    Map<String, Object> paid = subscription(PAYMENTS);
    paid.put("inbound.correlationKeyExpression", "=body.orderId");
    paid.put("inbound.correlationVariable", "orderId");
    paid.put("inbound.messageIdExpression", "=messageId");
    paid.put("inbound.resultExpression", "={paidAmount: body.amount}");
    return LegacyInbound.process("legacy-jms-orders", "Ordered", start, "Paid", paid);
  }

  static void send(String queue, String json, String eventId) throws Exception {
    try (Connection c = new ActiveMQConnectionFactory(url).createConnection()) {
      Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
      Message m = s.createTextMessage(json);
      if (eventId != null) {
        m.setStringProperty("eventId", eventId);
      }
      s.createProducer(s.createQueue(queue)).send(m);
    }
  }

  static long count(String queue) {
    var q = broker.getActiveMQServer().locateQueue(queue);
    return q == null ? 0 : q.getMessageCount();
  }

  @Test
  void queueMessagesStartAndContinueProcessesAndAMessageNobodyWaitsForIsDeadLetteredWithTheReason()
      throws Exception {
    send(ORDERS, "{\"orderId\": \"o-1\"}", "e-1");
    send(ORDERS, "{\"orderId\": \"o-1\"}", "e-1");   // the same event again: deduplicated
    send(ORDERS, "{\"orderId\": \"o-2\"}", "e-2");
    await().atMost(WAIT).until(() -> LegacyInbound.instances(runtime, "legacy-jms-orders").size() == 2
        && count(ORDERS) == 0);
    assertThat(LegacyInbound.values(runtime, "legacy-jms-orders", "orderId")).containsExactlyInAnyOrder("o-1", "o-2");
    assertThat(LegacyInbound.values(runtime, "legacy-jms-orders", "orderMessageId")).allMatch(id -> id.startsWith("ID:"));

    // No instance waits for o-9: delivered maxAttempts times (rolled back), then dead-lettered.
    send(PAYMENTS, "{\"orderId\": \"o-9\", \"amount\": 1}", null);
    await().atMost(WAIT).until(() -> count(PAYMENTS + ".dlq") == 1);
    assertThat(count(PAYMENTS)).isZero();
    try (Connection c = new ActiveMQConnectionFactory(url).createConnection()) {
      c.start();
      Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
      TextMessage dead = (TextMessage) s.createConsumer(s.createQueue(PAYMENTS + ".dlq")).receive(10_000);
      assertThat(dead.getText()).isEqualTo("{\"orderId\": \"o-9\", \"amount\": 1}");
      assertThat(dead.getStringProperty("plugboardReason")).startsWith("NOT_CORRELATED:").contains("o-9");
      assertThat(dead.getIntProperty("plugboardAttempts")).isEqualTo(3);
      assertThat(dead.getStringProperty("plugboardDestination")).isEqualTo(PAYMENTS);
    }

    // The payment of o-1 continues o-1's instance and is then gone from the queue.
    send(PAYMENTS, "{\"orderId\": \"o-1\", \"amount\": 12.5}", null);
    String o1 = LegacyInbound.instances(runtime, "legacy-jms-orders").stream()
        .filter(pi -> "o-1".equals(orderId(pi))).findFirst().orElseThrow().path("id").asText();
    await().atMost(WAIT).until(() -> LegacyInbound.completed(runtime, o1, "Paid"));
    assertThat(LegacyInbound.variable(runtime, o1, "paidAmount").asDouble()).isEqualTo(12.5);
    await().atMost(WAIT).until(() -> count(PAYMENTS) == 0);
    assertThat(count(PAYMENTS + ".dlq")).isZero();
    assertThat(LegacyInbound.instances(runtime, "legacy-jms-orders")).hasSize(2);
  }

  private static String orderId(JsonNode pi) {
    try {
      JsonNode v = LegacyInbound.variable(runtime, pi.path("id").asText(), "orderId");
      return v == null ? null : v.asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

}
