package dev.plugboard.legacy.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.testkit.ConnectorTestKit;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A second real JMS provider, added the way an operator adds one: the RabbitMQ JMS client
 * ({@code com.rabbitmq.jms:rabbitmq-jms} 3.4, Jakarta JMS 3) and its AMQP client are copied by
 * the build into {@code target/jms-providers/rabbitmq/}, not onto the class path, and the
 * connector loads them from there. Against the real RabbitMQ on localhost:5672 (guest/guest):
 * skipped when it is not there, failing under {@code CI=true}.
 */
class RabbitMqJmsProviderTest {

  static final String FACTORY = "com.rabbitmq.jms.admin.RMQConnectionFactory";
  static Path providers;
  static ConnectionFactories helper;
  final JmsConnector connector = new JmsConnector(providers);
  final List<String> queues = new ArrayList<>();

  @BeforeAll
  static void rabbitMq() {
    boolean up;
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("localhost", 5672), 2000);
      up = true;
    } catch (Exception e) {
      up = false;
    }
    if (!up && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException("RabbitMQ is not reachable on localhost:5672 (CI=true)");
    }
    Assumptions.assumeTrue(up, "RabbitMQ is not reachable on localhost:5672; start it to run");
    providers = Path.of(System.getProperty("plugboard.test.jmsProviders", "target/jms-providers"));
    assertThat(providers.resolve("rabbitmq")).as("the build copies the provider jars (process-test-resources)")
        .isDirectory();
    // The test's own JMS client for the other side, loaded from the same folder.
    helper = new ConnectionFactories(new ProviderJars(providers));
  }

  @AfterAll
  static void closeHelper() {
    if (helper != null) {
      helper.close();
    }
  }

  @AfterEach
  void cleanUp() throws Exception {
    connector.close();
    deleteQueues(queues);
  }

  String queue(String purpose) {
    String name = "plugboard-jms-" + purpose + "-" + UUID.randomUUID();
    queues.add(name);
    return name;
  }

  static Connection connect() throws Exception {
    // The replier must not declare the requester's temporary (exclusive) reply queue itself.
    ConnectionFactories.Factory f = helper.get(null, FACTORY,
        Map.of("host", "localhost", "port", 5672, "declareReplyToDestination", false));
    Thread.currentThread().setContextClassLoader(f.classLoader());
    return f.factory().createConnection("guest", "guest");
  }

  ConnectorTestKit kit() {
    return ConnectorTestKit.of(connector)
        .secret("RABBIT_PASSWORD", "guest")
        .variable("connectionFactoryClass", FACTORY)
        .variable("connectionFactoryProperties", Map.of("host", "localhost", "port", 5672))
        .variable("username", "guest")
        .variable("password", "{{secrets.RABBIT_PASSWORD}}");
  }

  @Test
  void theProviderIsNotOnTheClassPathButInTheProvidersFolder() throws Exception {
    assertThatThrownBy(() -> Class.forName(FACTORY)).isInstanceOf(ClassNotFoundException.class);
    try (var jars = Files.list(providers.resolve("rabbitmq"))) {
      assertThat(jars.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith("rabbitmq-jms-")).anyMatch(n -> n.startsWith("amqp-client-"));
    }
  }

  @Test
  void sendsThroughTheRabbitMqJmsClientLoadedFromTheFolder() throws Exception {
    String queue = queue("send");
    try (Connection c = connect()) {
      Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
      var consumer = s.createConsumer(s.createQueue(queue));
      c.start();

      JmsResult r = (JmsResult) kit().variable("operation", "SEND").variable("destinationType", "QUEUE")
          .variable("destination", queue).variable("body", Map.of("orderId", 42))
          .variable("properties", Map.of("source", "plugboard")).variable("correlationId", "order-42").execute();

      assertThat(r.messageId()).isNotBlank();
      Message m = consumer.receive(10_000);
      assertThat(m).as("message on " + queue).isNotNull();
      assertThat(((TextMessage) m).getText()).isEqualTo("{\"orderId\":42}");
      assertThat(m.getStringProperty("source")).isEqualTo("plugboard");
      assertThat(m.getJMSCorrelationID()).isEqualTo("order-42");
    }
  }

  @Test
  void requestReplyOverATemporaryQueue() throws Exception {
    String requests = queue("request");
    try (Connection c = connect()) {
      Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageProducer replies = s.createProducer(null);
      s.createConsumer(s.createQueue(requests)).setMessageListener(request -> {
        try {
          TextMessage reply = s.createTextMessage("{\"stock\": 7, \"sku\": " + ((TextMessage) request).getText() + "}");
          reply.setJMSCorrelationID(request.getJMSCorrelationID());
          reply.setStringProperty("answeredBy", "warehouse");
          replies.send(request.getJMSReplyTo(), reply);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      c.start();

      JmsResult r = (JmsResult) kit().variable("operation", "REQUEST_REPLY").variable("destinationType", "QUEUE")
          .variable("destination", requests).variable("body", "\"SKU-9\"").variable("timeoutSeconds", 15)
          .execute();

      assertThat(r.reply().body()).isEqualTo(Map.of("stock", 7, "sku", "SKU-9"));
      assertThat(r.reply().properties()).containsEntry("answeredBy", "warehouse");
      assertThat(r.correlationId()).isNotBlank();
    }
  }

  @Test
  void wrongPasswordIsJmsAuthFailedWithoutThePassword() {
    assertThatThrownBy(() -> kit().secret("BAD", "wrong-pw-77").variable("password", "{{secrets.BAD}}")
        .variable("operation", "SEND").variable("destinationType", "QUEUE").variable("destination", queue("auth"))
        .variable("body", "x").execute())
        .isInstanceOf(ConnectorException.class)
        .hasMessageNotContaining("wrong-pw-77")
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("JMS_AUTH_FAILED"));
  }

  @Test
  void aFactoryClassInNoProviderNamesTheFolderAndWhatIsThere() {
    assertThatThrownBy(() -> kit().variable("connectionFactoryClass", "com.ibm.mq.jakarta.jms.MQConnectionFactory")
        .variable("operation", "SEND").variable("destinationType", "QUEUE").variable("destination", "q")
        .variable("body", "x").execute())
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("com.ibm.mq.jakarta.jms.MQConnectionFactory")
        .hasMessageContaining(providers.toAbsolutePath().normalize().toString())
        .hasMessageContaining("[rabbitmq]")
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("INVALID_INPUT"));
  }

  @Test
  void anUnknownFactoryPropertyIsInvalidInput() {
    assertThatThrownBy(() -> kit().variable("connectionFactoryProperties", Map.of("hostNmae", "localhost"))
        .variable("operation", "SEND").variable("destinationType", "QUEUE").variable("destination", "q")
        .variable("body", "x").execute())
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("hostNmae")
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("INVALID_INPUT"));
  }

  /** Deletes the test's queues with the AMQP client from the provider folder (it is not on the class path). */
  static void deleteQueues(List<String> names) throws Exception {
    if (names.isEmpty()) {
      return;
    }
    ClassLoader amqp = helper.providers().find("com.rabbitmq.client.ConnectionFactory").loader();
    Class<?> factoryType = amqp.loadClass("com.rabbitmq.client.ConnectionFactory");
    Object factory = factoryType.getConstructor().newInstance();
    factoryType.getMethod("setUri", String.class).invoke(factory, "amqp://guest:guest@localhost:5672");
    Object connection = factoryType.getMethod("newConnection").invoke(factory);
    Class<?> connectionType = amqp.loadClass("com.rabbitmq.client.Connection");
    Class<?> channelType = amqp.loadClass("com.rabbitmq.client.Channel");
    try {
      Object channel = connectionType.getMethod("createChannel").invoke(connection);
      for (String name : names) {
        channelType.getMethod("queueDelete", String.class).invoke(channel, name);
      }
    } finally {
      connectionType.getMethod("close").invoke(connection);
    }
  }
}
