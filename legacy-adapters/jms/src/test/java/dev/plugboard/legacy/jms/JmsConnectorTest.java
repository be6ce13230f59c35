package dev.plugboard.legacy.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.RetryableException;
import dev.plugboard.sdk.testkit.ConnectorTestKit;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against an embedded ActiveMQ Artemis broker with user "app" / "app-pw". */
class JmsConnectorTest {

  static EmbeddedActiveMQ broker;
  static String url;
  final JmsConnector connector = new JmsConnector();

  @BeforeAll
  static void startBroker() throws Exception {
    int port = freePort();
    url = "tcp://127.0.0.1:" + port;
    ConfigurationImpl config = new ConfigurationImpl();
    config.setPersistenceEnabled(false);
    config.setSecurityEnabled(true);
    config.addAcceptorConfiguration(new TransportConfiguration(NettyAcceptorFactory.class.getName(),
        Map.of("host", "127.0.0.1", "port", port)));
    broker = new EmbeddedActiveMQ();
    broker.setConfiguration(config);
    broker.setSecurityManager(new ActiveMQSecurityManager() {
      @Override
      public boolean validateUser(String user, String password) {
        return "app".equals(user) && "app-pw".equals(password);
      }

      @Override
      public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        return validateUser(user, password);
      }
    });
    broker.start();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.stop();
  }

  @AfterEach
  void closeConnector() {
    connector.close();
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  ConnectorTestKit kit() {
    return ConnectorTestKit.of(connector)
        .secret("JMS_PASSWORD", "app-pw")
        .variable("brokerUrl", url)
        .variable("username", "app")
        .variable("password", "{{secrets.JMS_PASSWORD}}");
  }

  @Test
  void sendsATextMessageWithPropertiesToAQueue() throws Exception {
    JmsResult r = (JmsResult) kit().variable("operation", "SEND").variable("destinationType", "QUEUE")
        .variable("destination", "orders.in").variable("body", Map.of("orderId", 17))
        .variable("properties", Map.of("source", "plugboard", "priority", 3))
        .variable("correlationId", "order-17").execute();
    assertThat(r.messageId()).startsWith("ID:");
    try (Connection c = new ActiveMQConnectionFactory(url).createConnection("app", "app-pw")) {
      c.start();
      Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
      Message m = s.createConsumer(s.createQueue("orders.in")).receive(5000);
      assertThat(((TextMessage) m).getText()).isEqualTo("{\"orderId\":17}");
      assertThat(m.getStringProperty("source")).isEqualTo("plugboard");
      assertThat(m.getIntProperty("priority")).isEqualTo(3);
      assertThat(m.getJMSCorrelationID()).isEqualTo("order-17");
    }
  }

  @Test
  void requestReplyOverATemporaryQueueAndANamedReplyQueue() throws Exception {
    try (Connection c = new ActiveMQConnectionFactory(url).createConnection("app", "app-pw")) {
      Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageConsumer requests = s.createConsumer(s.createQueue("prices.request"));
      MessageProducer replies = s.createProducer(null);
      requests.setMessageListener(request -> {
        try {
          TextMessage reply = s.createTextMessage("{\"price\": 9.5, \"for\": " + ((TextMessage) request).getText() + "}");
          reply.setJMSCorrelationID(request.getJMSCorrelationID());
          reply.setStringProperty("answeredBy", "pricing");
          replies.send(request.getJMSReplyTo(), reply);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      c.start();

      JmsResult r = (JmsResult) kit().variable("operation", "REQUEST_REPLY").variable("destinationType", "QUEUE")
          .variable("destination", "prices.request").variable("body", "\"SKU-1\"").variable("timeoutSeconds", 10)
          .execute();
      assertThat(r.reply().body()).isEqualTo(Map.of("price", 9.5, "for", "SKU-1"));
      assertThat(r.reply().properties()).containsEntry("answeredBy", "pricing");

      JmsResult named = (JmsResult) kit().variable("operation", "REQUEST_REPLY").variable("destinationType", "QUEUE")
          .variable("destination", "prices.request").variable("body", "\"SKU-2\"").variable("replyTo", "prices.reply")
          .variable("correlationId", "c-2").variable("timeoutSeconds", 10).execute();
      assertThat(named.correlationId()).isEqualTo("c-2");
      assertThat(named.reply().body()).isEqualTo(Map.of("price", 9.5, "for", "SKU-2"));
    }
  }

  @Test
  void noReplyInTimeIsJmsTimeout() {
    assertThatThrownBy(() -> kit().variable("operation", "REQUEST_REPLY").variable("destinationType", "QUEUE")
        .variable("destination", "nobody.listens").variable("body", "ping").variable("timeoutSeconds", 1).execute())
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("No reply")
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("JMS_TIMEOUT"));
  }

  @Test
  void wrongCredentialsAreJmsAuthFailedWithoutThePassword() {
    assertThatThrownBy(() -> kit().secret("BAD", "bad-pw-99").variable("password", "{{secrets.BAD}}")
        .variable("operation", "SEND").variable("destinationType", "TOPIC").variable("destination", "events")
        .variable("body", "x").execute())
        .isInstanceOf(ConnectorException.class)
        .hasMessageNotContaining("bad-pw-99")
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("JMS_AUTH_FAILED"));
  }

  @Test
  void aBrokerThatIsDownIsRetryableJmsUnavailable() throws Exception {
    String down = "tcp://127.0.0.1:" + freePort();
    assertThatThrownBy(() -> kit().variable("brokerUrl", down).variable("operation", "SEND")
        .variable("destinationType", "QUEUE").variable("destination", "q").variable("body", "x").execute())
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining(down)
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("JMS_UNAVAILABLE"));
  }
}
