package dev.plugboard.legacy.jms;

import dev.plugboard.sdk.Connector;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.CorrelationResult;
import dev.plugboard.sdk.InboundConnector;
import dev.plugboard.sdk.InboundContext;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Consumes a JMS queue (or topic) and hands each message to the engine; a message is
 * acknowledged (the session committed) only after the engine accepted it.
 *
 * <p>A message the engine cannot take yet (no waiting instance, engine away) is rolled back and
 * the broker delivers it again; on the {@code maxAttempts}-th delivery it goes to the dead-letter
 * queue instead, with the reason in the property {@code plugboardReason}. A message the element's
 * expressions cannot use ({@code InvalidInput}) goes there at once. Sending the dead-letter copy
 * and removing the original commit together (one transacted session). A message the activation
 * condition ignores is acknowledged. A broker that is down at activation, or a lost connection,
 * is retried in the background (1 s, doubling up to 30 s) while the activation reports itself
 * unhealthy; wrong credentials fail the activation. Each event carries {@code body} (JSON parsed when it is
 * JSON), {@code properties}, {@code messageId}, {@code correlationId}, {@code deliveryCount} and
 * {@code destination}.
 */
@Connector(type = "plugboard:jms-subscription:1", name = "JMS queue subscription",
    description = "Start a process (or correlate a message) for each message on a JMS queue or topic.",
    category = "Legacy", icon = "icons/jms.svg",
    keywords = {"jms", "activemq", "artemis", "queue", "topic", "inbound", "subscribe"},
    version = 2)
public class JmsSubscriptionConnector implements InboundConnector<JmsSubscriptionProperties> {

  /** Dead-letter copies carry these properties. */
  static final String REASON = "plugboardReason";
  static final String ATTEMPTS = "plugboardAttempts";
  static final String SOURCE = "plugboardDestination";
  private static final int MAX_TRACKED = 10_000;

  private final ConnectionFactories factories;
  /** Deliveries by message id, for providers that do not set JMSXDeliveryCount. */
  private final Map<String, Integer> deliveries = new ConcurrentHashMap<>();
  private static final long FIRST_RETRY_MS = 1_000;
  private static final long LONGEST_RETRY_MS = 30_000;
  private volatile Connection connection;
  private volatile boolean active;
  private boolean reconnectPending;
  private ScheduledExecutorService reconnects;

  /** For the runtime; one instance per activation. */
  public JmsSubscriptionConnector() {
    this(ProviderJars.fromEnvironment().folder());
  }

  /**
   * A subscription that loads other providers' client jars from a folder (tests, embedding).
   *
   * @param providersFolder one sub-folder per provider, see the README
   */
  public JmsSubscriptionConnector(Path providersFolder) {
    this.factories = new ConnectionFactories(new ProviderJars(providersFolder));
  }

  @Override
  public void activate(JmsSubscriptionProperties p, InboundContext context) {
    ConnectionFactories.Factory f = factories.get(p.brokerUrl(), p.connectionFactoryClass(),
        p.connectionFactoryProperties());
    active = true;
    reconnects = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "plugboard-jms-reconnect");
      t.setDaemon(true);
      return t;
    });
    try {
      connect(f, p, context);
    } catch (JMSSecurityException e) {
      context.reportHealth(false, "the broker " + f.where() + " refused user '" + p.username() + "'");
      deactivate();
      throw new ConnectorException("JMS_AUTH_FAILED", "The JMS broker " + f.where() + " refused user '"
          + p.username() + "': " + e.getMessage() + ". Check the user and the password secret.");
    } catch (JMSException | RuntimeException e) {
      // Down or unreachable: the subscription keeps trying and reports itself unhealthy meanwhile,
      // so a broker that starts after the runtime (or restarts) is consumed without redeploying.
      context.logger().warn("event=jms_connect_failed broker={} reason={} action=retry", f.where(), e.getMessage());
      context.reportHealth(false, "JMS_UNAVAILABLE: cannot connect to " + f.where() + ": " + e.getMessage()
          + "; retrying");
      retry(f, p, context, FIRST_RETRY_MS);
    }
  }

  /** Opens the connection, the transacted session and the consumer; on failure nothing stays open. */
  private void connect(ConnectionFactories.Factory f, JmsSubscriptionProperties p, InboundContext context)
      throws JMSException {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(f.classLoader());
    Connection c = null;
    try {
      c = p.username() == null || p.username().isBlank()
          ? f.factory().createConnection() : f.factory().createConnection(p.username(), p.password());
      // A transacted session: commit acknowledges, rollback hands the message back for redelivery.
      Session session = c.createSession(true, Session.SESSION_TRANSACTED);
      Destination destination = p.destinationType() == DestinationType.TOPIC
          ? session.createTopic(p.destination()) : session.createQueue(p.destination());
      String selector = p.selector() == null || p.selector().isBlank() ? null : p.selector();
      MessageConsumer consumer = p.destinationType() == DestinationType.TOPIC && p.subscriptionName() != null
          && !p.subscriptionName().isBlank()
          ? session.createSharedDurableConsumer((jakarta.jms.Topic) destination, p.subscriptionName(), selector)
          : session.createConsumer(destination, selector);
      MessageProducer deadLetters = session.createProducer(session.createQueue(p.deadLetterQueue()));
      consumer.setMessageListener(message -> onMessage(message, session, deadLetters, p, context));
      c.setExceptionListener(e -> {
        context.logger().warn("event=jms_connection_lost broker={} reason={} action=reconnect", f.where(), e.getMessage());
        context.reportHealth(false, "JMS_UNAVAILABLE: connection to " + f.where() + " lost: " + e.getMessage()
            + "; reconnecting");
        retry(f, p, context, FIRST_RETRY_MS);
      });
      c.start();
      connection = c;
      context.reportHealth(true, "consuming " + p.destinationType() + " " + p.destination());
    } catch (JMSException | RuntimeException e) {
      closeQuietly(c);
      throw e;
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** Schedules one reconnection attempt (at most one is pending); backs off up to 30 s. */
  private synchronized void retry(ConnectionFactories.Factory f, JmsSubscriptionProperties p, InboundContext context,
      long delayMs) {
    if (!active || reconnectPending) {
      return;
    }
    reconnectPending = true;
    reconnects.schedule(() -> {
      synchronized (this) {
        reconnectPending = false;
        if (!active) {
          return;
        }
        closeQuietly(connection);
        connection = null;
      }
      try {
        connect(f, p, context);
        context.logger().info("event=jms_reconnected broker={} destination={}", f.where(), p.destination());
      } catch (JMSException | RuntimeException e) {
        long next = Math.min(delayMs * 2, LONGEST_RETRY_MS);
        context.reportHealth(false, "JMS_UNAVAILABLE: cannot connect to " + f.where() + ": " + e.getMessage()
            + "; retrying in " + next / 1000 + " s");
        retry(f, p, context, next);
      }
    }, delayMs, TimeUnit.MILLISECONDS);
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (JMSException | RuntimeException ignored) {
        // the connection is already broken; nothing more to release
      }
    }
  }

  private void onMessage(Message message, Session session, MessageProducer deadLetters,
      JmsSubscriptionProperties p, InboundContext context) {
    String id = null;
    try {
      id = message.getJMSMessageID();
      int attempt = deliveryCount(message, id);
      String failure;
      try {
        CorrelationResult result = context.correlate(event(message, attempt, p));
        if (result.accepted() || result instanceof CorrelationResult.ActivationConditionNotMet) {
          session.commit();
          forget(id);
          return;
        }
        if (result instanceof CorrelationResult.InvalidInput invalid) {
          deadLetter(message, session, deadLetters, p, attempt, "INVALID_INPUT: " + invalid.reason(), context);
          forget(id);
          return;
        }
        failure = result instanceof CorrelationResult.NotCorrelated nc ? "NOT_CORRELATED: " + nc.reason()
            : result.toString();
      } catch (RuntimeException e) {
        failure = "CONNECTOR_ERROR: " + e.getMessage();
      }
      if (attempt >= p.maxAttempts()) {
        deadLetter(message, session, deadLetters, p, attempt, failure, context);
        forget(id);
      } else {
        context.logger().warn("event=jms_message_not_correlated messageId={} attempt={} of={} reason={} action=rollback",
            id, attempt, p.maxAttempts(), failure);
        session.rollback();
      }
    } catch (JMSException | RuntimeException e) {
      context.logger().warn("event=jms_message_failed messageId={} reason={} action=rollback", id, e.toString());
      try {
        session.rollback();
      } catch (JMSException rollback) {
        context.reportHealth(false, "rollback failed: " + rollback.getMessage());
      }
    }
  }

  /** JMSXDeliveryCount where the provider sets it (JMS 2+), else counted here by message id. */
  private int deliveryCount(Message message, String id) throws JMSException {
    if (message.propertyExists("JMSXDeliveryCount")) {
      int n = message.getIntProperty("JMSXDeliveryCount");
      if (n > 0) {
        return n;
      }
    }
    if (id == null) {
      return 1;
    }
    if (deliveries.size() > MAX_TRACKED) {
      deliveries.clear();
    }
    return deliveries.merge(id, 1, Integer::sum);
  }

  private void forget(String id) {
    if (id != null) {
      deliveries.remove(id);
    }
  }

  /** Sends a copy with the reason to the dead-letter queue and removes the original, in one commit. */
  private static void deadLetter(Message message, Session session, MessageProducer deadLetters,
      JmsSubscriptionProperties p, int attempts, String reason, InboundContext context) throws JMSException {
    Message copy = copy(message, session);
    for (Map.Entry<String, Object> e : JmsMessages.properties(message).entrySet()) {
      if (!e.getKey().startsWith("JMSX") && !e.getKey().startsWith("JMS_")) {
        copy.setObjectProperty(e.getKey(), e.getValue());
      }
    }
    String shortReason = reason.length() > 1000 ? reason.substring(0, 1000) : reason;
    copy.setStringProperty(REASON, shortReason);
    copy.setIntProperty(ATTEMPTS, attempts);
    copy.setStringProperty(SOURCE, p.destination());
    copy.setJMSCorrelationID(message.getJMSCorrelationID());
    deadLetters.send(copy);
    session.commit();
    context.logger().warn("event=jms_message_dead_lettered messageId={} attempts={} deadLetterQueue={} reason={}",
        message.getJMSMessageID(), attempts, p.deadLetterQueue(), shortReason);
  }

  private static Message copy(Message message, Session session) throws JMSException {
    if (message instanceof TextMessage text) {
      return session.createTextMessage(text.getText());
    }
    if (message instanceof BytesMessage bytes) {
      bytes.reset();
      byte[] data = new byte[(int) bytes.getBodyLength()];
      bytes.readBytes(data);
      BytesMessage out = session.createBytesMessage();
      out.writeBytes(data);
      return out;
    }
    if (message instanceof MapMessage map) {
      MapMessage out = session.createMapMessage();
      for (Object name : Collections.list(map.getMapNames())) {
        out.setObject((String) name, map.getObject((String) name));
      }
      return out;
    }
    // An ObjectMessage is never deserialized here; its dead-letter copy carries the properties only.
    return session.createMessage();
  }

  private static Map<String, Object> event(Message message, int attempt, JmsSubscriptionProperties p)
      throws JMSException {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("body", JmsMessages.body(message));
    event.put("properties", JmsMessages.properties(message));
    event.put("messageId", message.getJMSMessageID());
    event.put("correlationId", message.getJMSCorrelationID());
    event.put("deliveryCount", attempt);
    event.put("destination", p.destination());
    return event;
  }

  @Override
  public void deactivate() {
    synchronized (this) {
      active = false;
    }
    if (reconnects != null) {
      reconnects.shutdownNow();
    }
    closeQuietly(connection);
    connection = null;
    factories.close();
  }
}
