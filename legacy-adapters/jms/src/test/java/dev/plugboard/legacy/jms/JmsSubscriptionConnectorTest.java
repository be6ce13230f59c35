package dev.plugboard.legacy.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plugboard.sdk.CorrelationResult;
import dev.plugboard.sdk.InboundContext;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.RoutesBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class JmsSubscriptionConnectorTest {

  EmbeddedActiveMQ broker;
  String url;
  final JmsSubscriptionConnector subscription = new JmsSubscriptionConnector();

  static final class Context implements InboundContext {
    final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
    final AtomicInteger refusals = new AtomicInteger();

    @Override public CorrelationResult correlate(Map<String, Object> variables) {
      events.add(variables);
      // The first delivery finds the engine away; the redelivery is accepted.
      return refusals.getAndIncrement() == 0 ? new CorrelationResult.NotCorrelated("engine away", true)
          : new CorrelationResult.ProcessStarted("pi-" + events.size());
    }
    @Override public Map<String, Object> properties() { return Map.of(); }
    @Override public void addRoutes(RoutesBuilder routes) { throw new UnsupportedOperationException(); }
    @Override public void reportHealth(boolean up, String detail) {}
    @Override public Logger logger() { return LoggerFactory.getLogger("test.jms"); }
  }

  @BeforeEach
  void start() throws Exception {
    int port = JmsConnectorTest.freePort();
    url = "tcp://127.0.0.1:" + port;
    ConfigurationImpl config = new ConfigurationImpl();
    config.setPersistenceEnabled(false);
    config.setSecurityEnabled(false);
    config.addAcceptorConfiguration(new TransportConfiguration(NettyAcceptorFactory.class.getName(),
        Map.of("host", "127.0.0.1", "port", port)));
    broker = new EmbeddedActiveMQ();
    broker.setConfiguration(config);
    broker.start();
  }

  @AfterEach
  void stop() throws Exception {
    subscription.deactivate();
    broker.stop();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aMessageIsAcknowledgedOnlyAfterTheEngineTookIt() throws Exception {
    Context ctx = new Context();
    subscription.activate(new JmsSubscriptionProperties(url, null, null, DestinationType.QUEUE, "orders.in",
        null, null), ctx);
    try (Connection c = new ActiveMQConnectionFactory(url).createConnection()) {
      Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
      Message m = s.createTextMessage("{\"orderId\": 5}");
      m.setStringProperty("source", "erp");
      s.createProducer(s.createQueue("orders.in")).send(m);
    }
    // Refused once (rolled back, redelivered), then accepted: two deliveries of the same message.
    await().atMost(Duration.ofSeconds(20)).until(() -> ctx.events.size() == 2);
    assertThat(ctx.events.get(1)).containsEntry("body", Map.of("orderId", 5));
    assertThat(ctx.events.get(0).get("messageId")).isEqualTo(ctx.events.get(1).get("messageId"));
    assertThat((Map<String, Object>) ctx.events.get(1).get("properties")).containsEntry("source", "erp");
    // Committed: the queue is empty now.
    await().atMost(Duration.ofSeconds(10)).until(() ->
        broker.getActiveMQServer().locateQueue("orders.in").getMessageCount() == 0);
  }
}
