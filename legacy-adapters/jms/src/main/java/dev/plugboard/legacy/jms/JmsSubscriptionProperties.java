package dev.plugboard.legacy.jms;

import dev.plugboard.sdk.FeelMode;
import dev.plugboard.sdk.Secret;
import dev.plugboard.sdk.TemplateGroup;
import dev.plugboard.sdk.TemplateProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.Map;

/**
 * Properties of the JMS queue/topic subscription (an inbound connector).
 *
 * @param brokerUrl ActiveMQ Artemis URL; empty when {@code connectionFactoryClass} is given
 * @param connectionFactoryClass another provider's {@code jakarta.jms.ConnectionFactory} class
 * @param connectionFactoryProperties bean properties set on that factory
 * @param username the user
 * @param password the password (a secret)
 * @param destinationType queue or topic
 * @param destination the name
 * @param selector an optional JMS message selector
 * @param subscriptionName topic only: a durable shared subscription name; empty for a non-durable one
 * @param maxAttempts deliveries of one message before it goes to the dead-letter queue
 * @param deadLetterQueue where a message the engine refused goes, with the reason; default {@code <destination>.dlq}
 */
@TemplateGroup(id = "broker", label = "Broker")
@TemplateGroup(id = "subscription", label = "Subscription")
@TemplateGroup(id = "advanced", label = "Advanced")
public record JmsSubscriptionProperties(
    @TemplateProperty(group = "broker", label = "Broker URL", placeholder = "tcp://broker.example.com:61616",
        description = "ActiveMQ Artemis (core protocol). For another provider leave it empty and set the"
            + " connection factory class under Advanced.")
    String brokerUrl,
    @TemplateProperty(group = "advanced", label = "Connection factory class",
        description = "Another JMS 3 (jakarta.jms) provider, e.g. com.rabbitmq.jms.admin.RMQConnectionFactory;"
            + " its client jars must be in the runtime's JMS providers folder")
    String connectionFactoryClass,
    @TemplateProperty(group = "advanced", label = "Connection factory properties", feel = FeelMode.REQUIRED,
        description = "Bean properties of that factory, e.g. {host: \"mq\", port: 5672}")
    Map<String, Object> connectionFactoryProperties,
    @TemplateProperty(group = "broker", label = "User") String username,
    @TemplateProperty(group = "broker", label = "Password") @Secret String password,
    @TemplateProperty(group = "subscription", label = "Destination type", defaultValue = "QUEUE")
    @NotNull DestinationType destinationType,
    @TemplateProperty(group = "subscription", label = "Destination", placeholder = "orders.incoming")
    @NotBlank String destination,
    @TemplateProperty(group = "subscription", label = "Message selector", placeholder = "region = 'EU'")
    String selector,
    @TemplateProperty(group = "subscription", label = "Durable subscription name",
        description = "Topic only: keeps messages while the runtime is away; empty for a non-durable subscription",
        conditionProperty = "destinationType", conditionEquals = "TOPIC")
    String subscriptionName,
    @TemplateProperty(group = "subscription", label = "Attempts before dead-lettering", defaultValue = "3",
        description = "Deliveries of a message the engine does not take (no waiting instance, engine away)"
            + " before it goes to the dead-letter queue; keep it below the broker's own redelivery limit")
    @Min(1) @Max(100) Integer maxAttempts,
    @TemplateProperty(group = "subscription", label = "Dead-letter queue",
        description = "Refused messages go here with the reason in the property plugboardReason;"
            + " empty: <destination>.dlq")
    String deadLetterQueue) {

  /** Applies defaults. */
  public JmsSubscriptionProperties {
    connectionFactoryProperties = connectionFactoryProperties == null ? Map.of() : connectionFactoryProperties;
    maxAttempts = maxAttempts == null ? 3 : maxAttempts;
    deadLetterQueue = deadLetterQueue == null || deadLetterQueue.isBlank()
        ? (destination == null ? null : destination + ".dlq") : deadLetterQueue;
  }

  @Override
  public String toString() {
    return "JmsSubscriptionProperties[" + (brokerUrl != null && !brokerUrl.isBlank() ? brokerUrl : connectionFactoryClass)
        + " " + destinationType + " " + destination + ", maxAttempts=" + maxAttempts
        + ", deadLetterQueue=" + deadLetterQueue + "]";
  }
}
