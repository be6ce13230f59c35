package dev.plugboard.legacy.jms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.sdk.Connector;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.CorrelationResult;
import dev.plugboard.sdk.InboundConnector;
import dev.plugboard.sdk.InboundContext;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Consumes a JMS queue (or topic) and hands each message to the engine; a message is
 * acknowledged (the session committed) only after the engine accepted it.
 *
 * <p>A message the engine cannot take is rolled back: the broker redelivers it, and after its
 * redelivery limit moves it to the dead letter queue (Artemis: {@code max-delivery-attempts},
 * default 10, and {@code DLQ}). Each event carries {@code body} (JSON parsed when it is JSON),
 * {@code properties}, {@code messageId} and {@code correlationId}.
 */
@Connector(type = "plugboard:jms-subscription:1", name = "JMS queue subscription",
    description = "Start a process (or correlate a message) for each message on a JMS queue or topic.",
    category = "Legacy", icon = "icons/jms.svg",
    keywords = {"jms", "activemq", "artemis", "queue", "topic", "inbound", "subscribe"})
public class JmsSubscriptionConnector implements InboundConnector<JmsSubscriptionProperties> {

  private final ObjectMapper json = new ObjectMapper();
  private ActiveMQConnectionFactory factory;
  private Connection connection;

  /** For the runtime; one instance per activation. */
  public JmsSubscriptionConnector() {}

  @Override
  public void activate(JmsSubscriptionProperties p, InboundContext context) throws JMSException {
    factory = new ActiveMQConnectionFactory(p.brokerUrl());
    try {
      connection = p.username() == null || p.username().isBlank()
          ? factory.createConnection() : factory.createConnection(p.username(), p.password());
    } catch (JMSException e) {
      factory.close();
      context.reportHealth(false, "cannot connect to " + p.brokerUrl() + ": " + e.getMessage());
      throw new ConnectorException("JMS_UNAVAILABLE", "Cannot connect to the JMS broker " + p.brokerUrl()
          + ": " + e.getMessage());
    }
    // A transacted session: commit acknowledges, rollback hands the message back for redelivery.
    Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
    Destination destination = p.destinationType() == DestinationType.TOPIC
        ? session.createTopic(p.destination()) : session.createQueue(p.destination());
    String selector = p.selector() == null || p.selector().isBlank() ? null : p.selector();
    MessageConsumer consumer = p.destinationType() == DestinationType.TOPIC && p.subscriptionName() != null
        && !p.subscriptionName().isBlank()
        ? session.createSharedDurableConsumer((jakarta.jms.Topic) destination, p.subscriptionName(), selector)
        : session.createConsumer(destination, selector);
    consumer.setMessageListener(message -> onMessage(message, session, context));
    connection.setExceptionListener(e -> context.reportHealth(false, "connection lost: " + e.getMessage()));
    connection.start();
    context.reportHealth(true, "consuming " + p.destinationType() + " " + p.destination());
  }

  private void onMessage(Message message, Session session, InboundContext context) {
    try {
      CorrelationResult result = context.correlate(event(message));
      if (result.accepted()) {
        session.commit();
      } else {
        context.logger().warn("event=jms_message_not_correlated messageId={} result={} action=rollback",
            message.getJMSMessageID(), result);
        session.rollback();
      }
    } catch (JMSException | RuntimeException e) {
      context.logger().warn("event=jms_message_failed reason={} action=rollback", e.toString());
      try {
        session.rollback();
      } catch (JMSException rollback) {
        context.reportHealth(false, "rollback failed: " + rollback.getMessage());
      }
    }
  }

  private Map<String, Object> event(Message message) throws JMSException {
    Map<String, Object> event = new LinkedHashMap<>();
    Object body = null;
    if (message instanceof TextMessage text) {
      String t = text.getText();
      body = t;
      if (t != null && (t.startsWith("{") || t.startsWith("["))) {
        try {
          body = json.readValue(t, Object.class);
        } catch (JsonProcessingException notJson) {
          body = t;
        }
      }
    } else if (message instanceof BytesMessage bytes) {
      byte[] data = new byte[(int) bytes.getBodyLength()];
      bytes.readBytes(data);
      body = Base64.getEncoder().encodeToString(data);
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    for (Object name : Collections.list(message.getPropertyNames())) {
      properties.put((String) name, message.getObjectProperty((String) name));
    }
    event.put("body", body);
    event.put("properties", properties);
    event.put("messageId", message.getJMSMessageID());
    event.put("correlationId", message.getJMSCorrelationID());
    return event;
  }

  @Override
  public void deactivate() throws JMSException {
    try {
      if (connection != null) {
        connection.close();
      }
    } finally {
      if (factory != null) {
        factory.close();
      }
    }
  }
}
