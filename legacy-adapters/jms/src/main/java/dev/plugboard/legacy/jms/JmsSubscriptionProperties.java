package dev.plugboard.legacy.jms;

import dev.plugboard.sdk.Secret;
import dev.plugboard.sdk.TemplateGroup;
import dev.plugboard.sdk.TemplateProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Properties of the JMS queue/topic subscription (an inbound connector).
 *
 * @param brokerUrl ActiveMQ Artemis URL
 * @param username the user
 * @param password the password (a secret)
 * @param destinationType queue or topic
 * @param destination the name
 * @param selector an optional JMS message selector
 * @param subscriptionName topic only: a durable shared subscription name; empty for a non-durable one
 */
@TemplateGroup(id = "broker", label = "Broker")
@TemplateGroup(id = "subscription", label = "Subscription")
public record JmsSubscriptionProperties(
    @TemplateProperty(group = "broker", label = "Broker URL", placeholder = "tcp://broker.example.com:61616")
    @NotBlank String brokerUrl,
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
    String subscriptionName) {

  @Override
  public String toString() {
    return "JmsSubscriptionProperties[" + brokerUrl + " " + destinationType + " " + destination + "]";
  }
}
