package dev.plugboard.legacy.jms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.sdk.Connector;
import dev.plugboard.sdk.ConnectorContext;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.OutboundConnector;
import dev.plugboard.sdk.RetryableException;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.lang.reflect.Method;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Sends JMS messages to queues and topics, and does request-reply with a timeout.
 *
 * <p>Plain JMS 3 (Jakarta) API rather than camel-jms: camel-jms needs Spring's JMS template and
 * a component to register, while a send or a request-reply is a dozen lines of JMS. ActiveMQ
 * Artemis' client is bundled; another provider works through its {@code ConnectionFactory}
 * class and bean properties.
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

  private final Map<String, ConnectionFactory> factories = new ConcurrentHashMap<>();
  private final ObjectMapper json = new ObjectMapper();

  /** For the runtime. */
  public JmsConnector() {}

  @Override
  public JmsResult execute(JmsInput in, ConnectorContext context) {
    ConnectionFactory factory = factory(in);
    String where = in.brokerUrl() != null && !in.brokerUrl().isBlank() ? in.brokerUrl() : in.connectionFactoryClass();
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    // Providers load their transports through the context class loader.
    thread.setContextClassLoader(JmsConnector.class.getClassLoader());
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
        new JmsResult.Reply(reply.getJMSMessageID(), body(reply), properties(reply)));
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

  private Object body(Message reply) throws JMSException {
    if (reply instanceof TextMessage text) {
      String t = text.getText();
      if (t != null && (t.startsWith("{") || t.startsWith("["))) {
        try {
          return json.readValue(t, Object.class);
        } catch (JsonProcessingException notJson) {
          return t;
        }
      }
      return t;
    }
    if (reply instanceof BytesMessage bytes) {
      byte[] data = new byte[(int) bytes.getBodyLength()];
      bytes.readBytes(data);
      return Base64.getEncoder().encodeToString(data);
    }
    if (reply instanceof MapMessage map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Object name : Collections.list(map.getMapNames())) {
        out.put((String) name, map.getObject((String) name));
      }
      return out;
    }
    // ObjectMessage is never deserialized: that would run arbitrary classes from the broker.
    return null;
  }

  private static Map<String, Object> properties(Message m) throws JMSException {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Object name : Collections.list(m.getPropertyNames())) {
      out.put((String) name, m.getObjectProperty((String) name));
    }
    return out;
  }

  private ConnectionFactory factory(JmsInput in) {
    boolean artemis = in.connectionFactoryClass() == null || in.connectionFactoryClass().isBlank();
    if (artemis && (in.brokerUrl() == null || in.brokerUrl().isBlank())) {
      throw new ConnectorException("INVALID_INPUT",
          "Give 'brokerUrl' (ActiveMQ Artemis, e.g. tcp://broker:61616) or 'connectionFactoryClass'.");
    }
    String key = artemis ? "artemis|" + in.brokerUrl()
        : in.connectionFactoryClass() + "|" + in.connectionFactoryProperties();
    return factories.computeIfAbsent(key, k -> artemis ? artemis(in.brokerUrl()) : generic(in));
  }

  private static ConnectionFactory artemis(String url) {
    try {
      return new ActiveMQConnectionFactory(url);
    } catch (RuntimeException e) {
      throw new ConnectorException("INVALID_INPUT", "'brokerUrl' " + url + " is not an Artemis URL: "
          + e.getMessage() + ". Example: tcp://broker:61616");
    }
  }

  private static ConnectionFactory generic(JmsInput in) {
    String name = in.connectionFactoryClass();
    Object factory;
    try {
      Class<?> c = Class.forName(name, true, JmsConnector.class.getClassLoader());
      factory = c.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new ConnectorException("INVALID_INPUT", "The connection factory class " + name
          + " cannot be loaded (" + e + "). Its provider's client jar must be bundled into this plugin.");
    }
    if (!(factory instanceof ConnectionFactory cf)) {
      throw new ConnectorException("INVALID_INPUT", name + " is not a jakarta.jms.ConnectionFactory"
          + " (a javax.jms one belongs to JMS 2 clients, which this plugin does not support).");
    }
    for (Map.Entry<String, Object> p : in.connectionFactoryProperties().entrySet()) {
      setProperty(cf, p.getKey(), p.getValue());
    }
    return cf;
  }

  private static void setProperty(Object bean, String name, Object value) {
    String setter = "set" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    for (Method m : bean.getClass().getMethods()) {
      if (!m.getName().equals(setter) || m.getParameterCount() != 1) {
        continue;
      }
      Class<?> t = m.getParameterTypes()[0];
      String s = String.valueOf(value);
      try {
        Object arg = t == String.class ? s
            : t == int.class || t == Integer.class ? Integer.valueOf(s)
            : t == long.class || t == Long.class ? Long.valueOf(s)
            : t == boolean.class || t == Boolean.class ? Boolean.valueOf(s)
            : t.isInstance(value) ? value : null;
        if (arg == null) {
          continue;
        }
        m.invoke(bean, arg);
        return;
      } catch (ReflectiveOperationException | IllegalArgumentException e) {
        throw new ConnectorException("INVALID_INPUT", "Connection factory property '" + name
            + "' cannot be set: " + e);
      }
    }
    throw new ConnectorException("INVALID_INPUT", bean.getClass().getName() + " has no property '" + name + "'.");
  }

  /** Closes the cached connection factories and Artemis' global client thread pools. */
  @Override
  public void close() {
    for (ConnectionFactory f : factories.values()) {
      if (f instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception ignored) {
          // closing is best effort when the plugin leaves
        }
      }
    }
    factories.clear();
    ActiveMQClient.clearThreadPools();
  }
}
