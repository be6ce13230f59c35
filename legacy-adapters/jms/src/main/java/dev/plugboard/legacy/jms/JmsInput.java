package dev.plugboard.legacy.jms;

import dev.plugboard.sdk.FeelMode;
import dev.plugboard.sdk.PropertyType;
import dev.plugboard.sdk.Secret;
import dev.plugboard.sdk.TemplateGroup;
import dev.plugboard.sdk.TemplateProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.Map;

/**
 * Input of the JMS connector.
 *
 * @param brokerUrl ActiveMQ Artemis URL, e.g. {@code tcp://broker:61616}
 * @param connectionFactoryClass another provider's {@code jakarta.jms.ConnectionFactory} class
 * @param connectionFactoryProperties bean properties set on that factory
 * @param username the user
 * @param password the password (a secret)
 * @param operation send or request-reply
 * @param destinationType queue or topic
 * @param destination the queue or topic name
 * @param body the message body: text, or a context/list sent as JSON text
 * @param properties message properties
 * @param correlationId the JMS correlation id (request-reply: generated when empty)
 * @param replyTo request-reply: a named reply queue; empty for a temporary queue
 * @param timeoutSeconds request-reply: how long to wait for the reply
 * @param persistent persistent delivery (default true)
 * @param timeToLiveSeconds message expiry; 0 never
 */
@TemplateGroup(id = "broker", label = "Broker")
@TemplateGroup(id = "message", label = "Message")
@TemplateGroup(id = "advanced", label = "Advanced")
public record JmsInput(
    @TemplateProperty(group = "broker", label = "Broker URL", placeholder = "tcp://broker.example.com:61616",
        description = "ActiveMQ Artemis (core protocol). For another provider leave it empty and set the"
            + " connection factory class under Advanced.")
    String brokerUrl,

    @TemplateProperty(group = "advanced", label = "Connection factory class",
        description = "Another JMS 3 (jakarta.jms) provider, e.g. com.ibm.mq.jakarta.jms.MQConnectionFactory;"
            + " its jar must be in the runtime's drivers folder")
    String connectionFactoryClass,

    @TemplateProperty(group = "advanced", label = "Connection factory properties", feel = FeelMode.REQUIRED,
        description = "Bean properties of that factory, e.g. {hostName: \"mq\", port: 1414, queueManager: \"QM1\"}")
    Map<String, Object> connectionFactoryProperties,

    @TemplateProperty(group = "broker", label = "User")
    String username,

    @TemplateProperty(group = "broker", label = "Password", description = "Use a secret: {{secrets.JMS_PASSWORD}}")
    @Secret String password,

    @TemplateProperty(group = "message", label = "Operation", defaultValue = "SEND")
    @NotNull JmsOperation operation,

    @TemplateProperty(group = "message", label = "Destination type", defaultValue = "QUEUE")
    @NotNull DestinationType destinationType,

    @TemplateProperty(group = "message", label = "Destination", placeholder = "orders.incoming")
    @NotBlank String destination,

    @TemplateProperty(group = "message", label = "Body", type = PropertyType.TEXT, feel = FeelMode.OPTIONAL,
        description = "Text, or a FEEL context/list sent as JSON text")
    Object body,

    @TemplateProperty(group = "message", label = "Message properties", feel = FeelMode.REQUIRED)
    Map<String, Object> properties,

    @TemplateProperty(group = "message", label = "Correlation id")
    String correlationId,

    @TemplateProperty(group = "message", label = "Reply queue",
        description = "Empty: a temporary queue. Named: the reply is picked by correlation id",
        conditionProperty = "operation", conditionEquals = "REQUEST_REPLY")
    String replyTo,

    @TemplateProperty(group = "message", label = "Reply timeout (seconds)", defaultValue = "30",
        conditionProperty = "operation", conditionEquals = "REQUEST_REPLY")
    @Min(1) @Max(3600) Integer timeoutSeconds,

    @TemplateProperty(group = "advanced", label = "Persistent delivery", defaultValue = "true")
    Boolean persistent,

    @TemplateProperty(group = "advanced", label = "Time to live (seconds)", defaultValue = "0")
    @Min(0) Long timeToLiveSeconds) {

  /** Applies defaults. */
  public JmsInput {
    connectionFactoryProperties = connectionFactoryProperties == null ? Map.of() : connectionFactoryProperties;
    properties = properties == null ? Map.of() : properties;
    timeoutSeconds = timeoutSeconds == null ? 30 : timeoutSeconds;
    persistent = persistent == null || persistent;
    timeToLiveSeconds = timeToLiveSeconds == null ? 0L : timeToLiveSeconds;
  }

  @Override
  public String toString() {
    return "JmsInput[broker=" + (brokerUrl != null ? brokerUrl : connectionFactoryClass) + ", user=" + username
        + ", operation=" + operation + ", " + destinationType + " " + destination + "]";
  }
}
