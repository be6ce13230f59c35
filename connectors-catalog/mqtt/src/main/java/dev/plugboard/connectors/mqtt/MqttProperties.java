package dev.plugboard.connectors.mqtt;

import dev.plugboard.sdk.Secret;
import dev.plugboard.sdk.TemplateGroup;
import dev.plugboard.sdk.TemplateProperty;
import jakarta.validation.constraints.NotBlank;

/**
 * The element properties of an MQTT subscription.
 *
 * @param brokerUrl broker, e.g. {@code tcp://localhost:1883} ({@code ssl://} for TLS)
 * @param clientId the client id of the persistent session: keep it stable, so that messages
 *     that arrive while the runtime is down are delivered when it is back
 * @param username user name
 * @param password password, as {@code {{secrets.NAME}}}
 * @param topic topic filter to subscribe to (QoS 1)
 * @param maxAttempts correlation attempts before a message goes to the dead-letter topic
 * @param deadLetterTopic where failed messages go as {@code {"reason","topic","payload"}}
 */
@TemplateGroup(id = "broker", label = "Broker")
public record MqttProperties(
    @TemplateProperty(group = "broker", label = "Broker URL",
        defaultValue = "tcp://localhost:1883") String brokerUrl,
    @NotBlank @TemplateProperty(group = "broker", label = "Client id") String clientId,
    @TemplateProperty(group = "broker", label = "User name") String username,
    @Secret @TemplateProperty(group = "broker", label = "Password") String password,
    @NotBlank @TemplateProperty(group = "broker", label = "Topic") String topic,
    @TemplateProperty(group = "broker", label = "Attempts before dead-lettering",
        defaultValue = "3") Integer maxAttempts,
    @TemplateProperty(group = "broker", label = "Dead-letter topic",
        defaultValue = "plugboard/dead-letter") String deadLetterTopic) {

  /** Fills defaults. */
  public MqttProperties {
    brokerUrl = brokerUrl == null || brokerUrl.isBlank() ? "tcp://localhost:1883" : brokerUrl;
    maxAttempts = maxAttempts == null || maxAttempts < 1 ? 3 : maxAttempts;
    deadLetterTopic = deadLetterTopic == null || deadLetterTopic.isBlank()
        ? "plugboard/dead-letter" : deadLetterTopic;
  }

  @Override
  public String toString() {
    return "MqttProperties[brokerUrl=" + brokerUrl + ", clientId=" + clientId + ", topic="
        + topic + "]";
  }
}
