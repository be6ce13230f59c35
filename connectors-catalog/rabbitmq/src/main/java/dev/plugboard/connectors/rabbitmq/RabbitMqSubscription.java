package dev.plugboard.connectors.rabbitmq;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.plugboard.sdk.Connector;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.CorrelationResult;
import dev.plugboard.sdk.InboundConnector;
import dev.plugboard.sdk.InboundContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Consumes a RabbitMQ queue and starts or correlates one process event per message.
 *
 * <p>A message is acknowledged only after the engine took it (started, correlated, already
 * correlated, or ignored by the activation condition). A message the engine did not take is
 * published again with header {@code x-plugboard-attempts} raised, and after
 * {@code maxAttempts} goes to the dead-letter queue with {@code x-plugboard-reason}; a payload
 * that can never fit (not JSON, no correlation key) goes there at once. A runtime killed between
 * receive and correlate never acknowledged the message: the broker delivers it again, and the
 * message id expression (e.g. {@code =message.messageId}) keeps a redelivery after a committed
 * correlation from counting twice.
 */
@Connector(type = "plugboard:rabbitmq-inbound:1", name = "RabbitMQ subscription",
    description = "Starts or continues a process for each message of a RabbitMQ queue",
    category = "Inbound", keywords = {"rabbitmq", "amqp", "queue", "inbound"})
public class RabbitMqSubscription implements InboundConnector<RabbitMqProperties> {

  static final String ATTEMPTS = "x-plugboard-attempts";
  static final String REASON = "x-plugboard-reason";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Connection connection;
  private Channel channel;

  @Override
  public void activate(RabbitMqProperties p, InboundContext context) throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    try {
      factory.setUri(p.uri());
    } catch (Exception e) {
      throw new ConnectorException("INVALID_INPUT", "Broker URI '" + p.uri()
          + "' is not an amqp:// or amqps:// URI");
    }
    if (p.username() != null && !p.username().isBlank()) {
      factory.setUsername(p.username());
      factory.setPassword(p.password() == null ? "" : p.password());
    }
    factory.setAutomaticRecoveryEnabled(true);
    try {
      connection = factory.newConnection("plugboard-inbound-" + p.queue());
    } catch (IOException | java.util.concurrent.TimeoutException e) {
      throw new ConnectorException("CONNECTION_FAILED", "Cannot connect to RabbitMQ at "
          + p.uri() + ": " + e.getMessage() + "; check the URI, user and password");
    }
    channel = connection.createChannel();
    channel.queueDeclare(p.deadLetterQueue(), true, false, false, null);
    channel.queueDeclare(p.queue(), true, false, false, null);
    channel.basicQos(p.prefetch());
    // Republished and dead-lettered copies are confirmed by the broker before the original is
    // acknowledged, so a broker failure cannot lose them.
    channel.confirmSelect();
    Channel ch = channel;
    channel.basicConsume(p.queue(), false, new DefaultConsumer(ch) {
      @Override
      public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props,
          byte[] body) throws IOException {
        deliver(ch, p, context, env, props, body);
      }
    });
    context.reportHealth(true, "consuming " + p.queue());
    context.logger().info("rabbitmq subscription started queue={} dlq={}", p.queue(),
        p.deadLetterQueue());
  }

  void deliver(Channel ch, RabbitMqProperties p, InboundContext context, Envelope env,
      AMQP.BasicProperties props, byte[] body) throws IOException {
    long tag = env.getDeliveryTag();
    Map<String, Object> headers = props.getHeaders() == null ? new HashMap<>()
        : new HashMap<>(props.getHeaders());
    int attempts = headers.get(ATTEMPTS) instanceof Number n ? n.intValue() : 0;
    Object payload;
    try {
      payload = JSON.readValue(body, Object.class);
    } catch (IOException e) {
      deadLetter(ch, p, props, headers, body, attempts, "INVALID_JSON: " + e.getMessage());
      ch.basicAck(tag, false);
      return;
    }
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("body", payload);
    Map<String, Object> plainHeaders = new LinkedHashMap<>();
    headers.forEach((k, v) -> plainHeaders.put(k, v == null ? null : v.toString()));
    message.put("headers", plainHeaders);
    message.put("messageId", props.getMessageId());
    message.put("routingKey", env.getRoutingKey());
    message.put("redelivered", env.isRedeliver());
    CorrelationResult r;
    try {
      r = context.correlate(Map.of("message", message));
    } catch (RuntimeException e) {
      // Not acknowledged: the broker redelivers it.
      ch.basicNack(tag, false, true);
      return;
    }
    if (r.accepted() || r instanceof CorrelationResult.ActivationConditionNotMet) {
      ch.basicAck(tag, false);
    } else if (r instanceof CorrelationResult.InvalidInput i) {
      deadLetter(ch, p, props, headers, body, attempts + 1, "INVALID_INPUT: " + i.reason());
      ch.basicAck(tag, false);
    } else {
      String reason = r instanceof CorrelationResult.NotCorrelated n ? n.reason() : r.toString();
      if (attempts + 1 >= p.maxAttempts()) {
        deadLetter(ch, p, props, headers, body, attempts + 1, "NOT_CORRELATED: " + reason);
      } else {
        headers.put(ATTEMPTS, attempts + 1);
        ch.basicPublish("", p.queue(), props.builder().headers(headers).deliveryMode(2).build(),
            body);
        confirm(ch);
      }
      ch.basicAck(tag, false);
    }
  }

  private void deadLetter(Channel ch, RabbitMqProperties p, AMQP.BasicProperties props,
      Map<String, Object> headers, byte[] body, int attempts, String reason) throws IOException {
    headers.put(ATTEMPTS, attempts);
    headers.put(REASON, reason.length() > 1000 ? reason.substring(0, 1000) : reason);
    headers.put("x-plugboard-queue", p.queue());
    ch.basicPublish("", p.deadLetterQueue(), props.builder().headers(headers).deliveryMode(2)
        .build(), body);
    confirm(ch);
  }

  private static void confirm(Channel ch) throws IOException {
    try {
      ch.waitForConfirmsOrDie(10_000);
    } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IOException("broker did not confirm the republished message", e);
    }
  }

  @Override
  public void deactivate() throws Exception {
    if (connection != null) {
      // Unacknowledged messages go back to the queue when the connection closes.
      connection.close(5_000);
    }
  }
}
