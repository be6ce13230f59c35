package dev.plugboard.connectors.mqtt;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.sdk.Connector;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.CorrelationResult;
import dev.plugboard.sdk.InboundConnector;
import dev.plugboard.sdk.InboundContext;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Subscribes to an MQTT topic (QoS 1, persistent session, manual acknowledgement) and starts or
 * correlates one process event per message.
 *
 * <p>The PUBACK is sent only after the engine took the message. A message the engine does not
 * take is tried again up to {@code maxAttempts} times (1 s apart), then published to the
 * dead-letter topic with the reason and acknowledged. A runtime killed between receive and
 * correlate never acknowledged: the broker delivers the message again to the same client id when
 * it reconnects.
 */
@Connector(type = "plugboard:mqtt-inbound:1", name = "MQTT subscription",
    description = "Starts or continues a process for each message on an MQTT topic",
    category = "Inbound", keywords = {"mqtt", "iot", "inbound"})
public class MqttSubscription implements InboundConnector<MqttProperties> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private MqttClient client;

  @Override
  public void activate(MqttProperties p, InboundContext context) throws Exception {
    try {
      client = new MqttClient(p.brokerUrl(), p.clientId(), new MemoryPersistence());
    } catch (IllegalArgumentException e) {
      throw new ConnectorException("INVALID_INPUT", "Broker URL '" + p.brokerUrl()
          + "' is not a tcp://, ssl:// or ws:// URL");
    }
    MqttConnectOptions o = new MqttConnectOptions();
    // A persistent session keeps unacknowledged and new QoS 1 messages while we are away.
    o.setCleanSession(false);
    o.setAutomaticReconnect(true);
    if (p.username() != null && !p.username().isBlank()) {
      o.setUserName(p.username());
      o.setPassword(p.password() == null ? new char[0] : p.password().toCharArray());
    }
    client.setManualAcks(true);
    MqttClient c = client;
    client.setCallback(new MqttCallback() {
      @Override
      public void connectionLost(Throwable cause) {
        context.reportHealth(false, "connection lost: " + cause.getClass().getSimpleName());
      }

      @Override
      public void messageArrived(String topic, MqttMessage message) throws Exception {
        handle(c, p, context, topic, message);
      }

      @Override
      public void deliveryComplete(IMqttDeliveryToken token) {}
    });
    try {
      client.connect(o);
      client.subscribe(p.topic(), 1);
    } catch (MqttException e) {
      throw new ConnectorException("CONNECTION_FAILED", "Cannot subscribe to '" + p.topic()
          + "' at " + p.brokerUrl() + ": " + e.getMessage());
    }
    context.reportHealth(true, "subscribed to " + p.topic());
  }

  void handle(MqttClient c, MqttProperties p, InboundContext context, String topic,
      MqttMessage message) throws Exception {
    Object payload;
    try {
      payload = JSON.readValue(message.getPayload(), Object.class);
    } catch (java.io.IOException e) {
      deadLetter(c, p, topic, message, "INVALID_JSON: " + e.getMessage());
      c.messageArrivedComplete(message.getId(), message.getQos());
      return;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("body", payload);
    m.put("topic", topic);
    m.put("duplicate", message.isDuplicate());
    m.put("messageId", message.getId());
    String reason = null;
    for (int attempt = 1; attempt <= p.maxAttempts(); attempt++) {
      // An exception here leaves the message unacknowledged: Paho drops the connection and the
      // broker delivers it again after the reconnect.
      CorrelationResult r = context.correlate(Map.of("message", m));
      if (r.accepted() || r instanceof CorrelationResult.ActivationConditionNotMet) {
        c.messageArrivedComplete(message.getId(), message.getQos());
        return;
      }
      if (r instanceof CorrelationResult.InvalidInput i) {
        reason = "INVALID_INPUT: " + i.reason();
        break;
      }
      reason = "NOT_CORRELATED: " + (r instanceof CorrelationResult.NotCorrelated n
          ? n.reason() : r.toString());
      if (attempt < p.maxAttempts()) {
        Thread.sleep(1000L); // backoff between attempts: no condition to wait on
      }
    }
    deadLetter(c, p, topic, message, reason);
    c.messageArrivedComplete(message.getId(), message.getQos());
  }

  private static void deadLetter(MqttClient c, MqttProperties p, String topic,
      MqttMessage message, String reason) throws Exception {
    Map<String, Object> dead = new LinkedHashMap<>();
    dead.put("reason", reason);
    dead.put("topic", topic);
    dead.put("payload", new String(message.getPayload(), StandardCharsets.UTF_8));
    MqttMessage out = new MqttMessage(JSON.writeValueAsBytes(dead));
    out.setQos(1);
    // Published from the callback thread: Paho allows publish there, but not a blocking wait for
    // its own PUBACK, hence the asynchronous token.
    c.getTopic(p.deadLetterTopic()).publish(out);
  }

  @Override
  public void deactivate() throws Exception {
    if (client != null) {
      try {
        client.disconnect(5_000);
      } catch (MqttException e) {
        client.disconnectForcibly(1_000, 1_000);
      }
      client.close();
    }
  }
}
