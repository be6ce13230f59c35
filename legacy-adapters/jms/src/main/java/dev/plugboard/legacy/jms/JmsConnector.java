package dev.plugboard.legacy.jms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.sdk.Connector;
import dev.plugboard.sdk.ConnectorContext;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.OutboundConnector;
import dev.plugboard.sdk.RetryableException;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;

/**
 * Sends JMS messages to queues and topics, and does request-reply with a timeout.
 *
 * <p>Plain JMS 3 (Jakarta) API rather than camel-jms: camel-jms needs Spring's JMS template and
 * a component to register, while a send or a request-reply is a dozen lines of JMS. ActiveMQ
 * Artemis' client is bundled; another provider works through its {@code ConnectionFactory}
 * class and bean properties, its client jars loaded from the operator's provider folder
 * ({@link ProviderJars}) without rebuilding this plugin.
 *
 * <p>Error codes: {@code JMS_UNAVAILABLE} (broker down or unreachable; retryable),
 * {@code JMS_AUTH_FAILED}, {@code JMS_TIMEOUT} (no reply in time; not retried because the request
 * was sent), {@code JMS_INVALID_DESTINATION}, {@code JMS_ERROR}, {@code INVALID_INPUT}.
 *
 * <p>Implements {@link AutoCloseable}: closing releases the cached connection factories and the
 * Artemis client's global thread pools, which would otherwise keep the plugin's class loader.
 */
@Connector(type = "plugboard:jms:1", name = "JMS message",
    description = "Send a message to a JMS queue or topic, or send a request and wait for the reply.",
    category = "Legacy", icon = "icons/jms.svg",
    keywords = {"jms", "activemq", "artemis", "queue", "topic", "mq", "request reply"},
    timeout = "PT120S")
public class JmsConnector implements OutboundConnector<JmsInput, JmsResult>, AutoCloseable {

  private final ConnectionFactories factories;
  private final ObjectMapper json = new ObjectMapper();

  /** For the runtime: providers from {@code plugboard.jms.providersDir} / {@code PLUGBOARD_JMS_PROVIDERS_DIR}. */
  public JmsConnector() {
    this(ProviderJars.fromEnvironment().folder());
  }

  /**
   * A connector that loads other providers' client jars from a folder (tests, embedding).
   *
   * @param providersFolder one sub-folder per provider, see the README
   */
  public JmsConnector(Path providersFolder) {
    this.factories = new ConnectionFactories(new ProviderJars(providersFolder));
  }

  @Override
  public JmsResult execute(JmsInput in, ConnectorContext context) {
    ConnectionFactories.Factory f = factories.get(in.brokerUrl(), in.connectionFactoryClass(),
        in.connectionFactoryProperties());
    ConnectionFactory factory = f.factory();
    String where = f.where();
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    // Providers load their transports through the context class loader.
    thread.setContextClassLoader(f.classLoader());
    Connection connection;
    try {
      connection = in.username() == null || in.username().isBlank()
          ? factory.createConnection() : factory.createConnection(in.username(), in.password());
    } catch (JMSSecurityException e) {
      thread.setContextClassLoader(previous);
      throw new ConnectorException("JMS_AUTH_FAILED", "The JMS broker " + where + " refused user '"
          + in.username() + "': " + e.getMessage() + ". Check the user and the password secret.");
    } catch (JMSException | RuntimeException e) {
      thread.setContextClassLoader(previous);
      throw new RetryableException("JMS_UNAVAILABLE", "Cannot connect to the JMS broker " + where + ": "
          + e.getMessage() + ". Check that the broker runs and the URL's host and port.", null, e);
    }
    try (connection) {
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      Destination destination = in.destinationType() == DestinationType.TOPIC
          ? session.createTopic(in.destination()) : session.createQueue(in.destination());
      Message message = message(session, in);
      MessageProducer producer = session.createProducer(destination);
      producer.setDeliveryMode(in.persistent() ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);
      producer.setTimeToLive(in.timeToLiveSeconds() * 1000);
      JmsResult result;
      if (in.operation() == JmsOperation.SEND) {
        if (in.correlationId() != null && !in.correlationId().isBlank()) {
          message.setJMSCorrelationID(in.correlationId());
        }
        producer.send(message);
        result = new JmsResult(message.getJMSMessageID(), message.getJMSCorrelationID(), null);
      } else {
        result = requestReply(connection, session, producer, message, in, where);
      }
      context.logger().info("event=jms_sent operation={} destination={}:{} messageId={}",
          in.operation(), in.destinationType(), in.destination(), result.messageId());
      return result;
    } catch (InvalidDestinationException e) {
      throw new ConnectorException("JMS_INVALID_DESTINATION", "The JMS broker " + where + " has no "
          + in.destinationType().name().toLowerCase() + " '" + in.destination() + "' (or refuses it): " + e.getMessage());
    } catch (JMSSecurityException e) {
      throw new ConnectorException("JMS_AUTH_FAILED", "User '" + in.username() + "' may not use "
          + in.destinationType().name().toLowerCase() + " '" + in.destination() + "' on " + where + ": " + e.getMessage());
    } catch (JMSException e) {
      throw new RetryableException("JMS_UNAVAILABLE", "The JMS broker " + where + " failed while sending to "
          + in.destination() + ": " + e.getMessage(), null, e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private JmsResult requestReply(Connection connection, Session session, MessageProducer producer,
      Message message, JmsInput in, String where) throws JMSException {
    String correlationId = in.correlationId() == null || in.correlationId().isBlank()
        ? UUID.randomUUID().toString() : in.correlationId();
    message.setJMSCorrelationID(correlationId);
    Destination replyTo;
    MessageConsumer consumer;
    TemporaryQueue temporary = null;
    if (in.replyTo() == null || in.replyTo().isBlank()) {
      temporary = session.createTemporaryQueue();
      replyTo = temporary;
      consumer = session.createConsumer(replyTo);
    } else {
      replyTo = session.createQueue(in.replyTo());
      // A shared reply queue: take only the reply to this request.
      consumer = session.createConsumer(replyTo, "JMSCorrelationID = '" + correlationId.replace("'", "''") + "'");
    }
    message.setJMSReplyTo(replyTo);
    // The consumer exists before the request leaves: a fast reply cannot be missed.
    connection.start();
    producer.send(message);
    Message reply = consumer.receive(in.timeoutSeconds() * 1000L);
    consumer.close();
    if (temporary != null) {
      temporary.delete();
    }
    if (reply == null) {
      throw new ConnectorException("JMS_TIMEOUT", "No reply to the request " + message.getJMSMessageID()
          + " (correlation id " + correlationId + ") sent to " + in.destination() + " on " + where + " within "
          + in.timeoutSeconds() + " s. The request was sent; raise 'timeoutSeconds' or check the replying system.");
    }
    return new JmsResult(message.getJMSMessageID(), correlationId,
        new JmsResult.Reply(reply.getJMSMessageID(), JmsMessages.body(reply), JmsMessages.properties(reply)));
  }

  private Message message(Session session, JmsInput in) throws JMSException {
    Object body = in.body();
    String text;
    if (body == null || body instanceof String) {
      text = (String) body;
    } else {
      try {
        text = json.writeValueAsString(body);
      } catch (JsonProcessingException e) {
        throw new ConnectorException("INVALID_INPUT", "'body' cannot be written as JSON: " + e.getOriginalMessage());
      }
    }
    TextMessage message = session.createTextMessage(text);
    for (Map.Entry<String, Object> p : in.properties().entrySet()) {
      Object v = p.getValue();
      try {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer
            || v instanceof Long || v instanceof Double || v instanceof Float || v instanceof Short || v instanceof Byte) {
          message.setObjectProperty(p.getKey(), v);
        } else {
          message.setStringProperty(p.getKey(), String.valueOf(v));
        }
      } catch (IllegalArgumentException | JMSException e) {
        throw new ConnectorException("INVALID_INPUT", "Message property '" + p.getKey()
            + "' is not allowed: " + e.getMessage() + ". JMS property names are Java identifiers.");
      }
    }
    return message;
  }

  /** Closes the cached connection factories, the providers' class loaders and Artemis' global client thread pools. */
  @Override
  public void close() {
    factories.close();
    ActiveMQClient.clearThreadPools();
  }
}
