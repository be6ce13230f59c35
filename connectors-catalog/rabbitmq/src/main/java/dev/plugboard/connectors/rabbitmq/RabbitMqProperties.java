package dev.plugboard.connectors.rabbitmq;

import dev.plugboard.sdk.Secret;
import dev.plugboard.sdk.TemplateGroup;
import dev.plugboard.sdk.TemplateProperty;
import jakarta.validation.constraints.NotBlank;

/**
 * The element properties of a RabbitMQ subscription.
 *
 * @param uri broker URI, e.g. {@code amqp://localhost:5672} (no trailing slash: {@code /vhost} selects a virtual host)
 * @param username user name
 * @param password password, as {@code {{secrets.NAME}}}
 * @param queue the queue to consume (declared durable when missing)
 * @param maxAttempts correlation attempts before a message goes to the dead-letter queue
 * @param deadLetterQueue where failed messages go, with the reason in header
 *     {@code x-plugboard-reason}; default {@code <queue>.dlq}
 * @param prefetch unacknowledged messages in flight
 */
@TemplateGroup(id = "broker", label = "Broker")
public record RabbitMqProperties(
    @TemplateProperty(group = "broker", label = "Broker URI",
        defaultValue = "amqp://localhost:5672") String uri,
    @TemplateProperty(group = "broker", label = "User name") String username,
    @Secret @TemplateProperty(group = "broker", label = "Password") String password,
    @NotBlank @TemplateProperty(group = "broker", label = "Queue") String queue,
    @TemplateProperty(group = "broker", label = "Attempts before dead-lettering",
        defaultValue = "3") Integer maxAttempts,
    @TemplateProperty(group = "broker", label = "Dead-letter queue") String deadLetterQueue,
    @TemplateProperty(group = "broker", label = "Prefetch", defaultValue = "10") Integer prefetch) {

  /** Fills defaults. */
  public RabbitMqProperties {
    uri = uri == null || uri.isBlank() ? "amqp://localhost:5672" : uri;
    maxAttempts = maxAttempts == null || maxAttempts < 1 ? 3 : maxAttempts;
    deadLetterQueue = deadLetterQueue == null || deadLetterQueue.isBlank()
        ? queue + ".dlq" : deadLetterQueue;
    prefetch = prefetch == null || prefetch < 1 ? 10 : prefetch;
  }

  @Override
  public String toString() {
    return "RabbitMqProperties[uri=" + uri + ", username=" + username + ", queue=" + queue
        + ", maxAttempts=" + maxAttempts + ", deadLetterQueue=" + deadLetterQueue + "]";
  }
}
