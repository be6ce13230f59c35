package dev.plugboard.runtime.inbound;

import dev.plugboard.sdk.CorrelationResult;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.CorrelateMessageResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Correlation on a Camunda 8 cluster through {@code camunda-client-java} (Orchestration Cluster
 * REST API).
 *
 * <ul>
 *   <li>Without a message id: <b>correlate-message</b> ({@code POST /v2/messages/correlation}).
 *       The cluster answers synchronously with the instance that received or was started by the
 *       message, or 404 when no subscription matches: that becomes
 *       {@link CorrelationResult.NotCorrelated} ("no instance waits"), and the message is not
 *       buffered, so nothing changed.</li>
 *   <li>With a message id: <b>publish-message</b> ({@code POST /v2/messages/publication}) with
 *       {@code messageId} and a time to live. Zeebe rejects a second message with the same name,
 *       correlation key and id while the first is buffered (HTTP 409): that is
 *       {@link CorrelationResult.AlreadyCorrelated}. Publishing does not tell whether an instance
 *       waited: the answer is {@link CorrelationResult.MessageCorrelated} (or
 *       {@link CorrelationResult.ProcessStarted} for start events) with an empty instance id, and
 *       the message stays buffered for the time to live, so an instance that arrives later still
 *       gets it.</li>
 * </ul>
 *
 * <p>Deduplication therefore needs no database: the cluster remembers a message id for the time to
 * live ({@code plugboard.inbound.camunda8.message-ttl}); a replay after that is correlated again.
 */
public final class Camunda8MessageCorrelator implements MessageCorrelator {

  private final CamundaClient client;
  private final Duration messageTtl;

  /**
   * Creates the correlator.
   *
   * @param client the Camunda client
   * @param messageTtl how long a message with an id stays buffered, i.e. how long its id is
   *     remembered for deduplication
   * @throws IllegalArgumentException when the time to live is not positive: Zeebe keeps no
   *     message id without buffering, so deduplication would silently stop
   */
  public Camunda8MessageCorrelator(CamundaClient client, Duration messageTtl) {
    if (messageTtl == null || messageTtl.isNegative() || messageTtl.isZero()) {
      throw new IllegalArgumentException("plugboard.inbound.camunda8.message-ttl=" + messageTtl
          + " must be positive: it is how long the cluster remembers a message id (without"
          + " buffering, Zeebe does not deduplicate); use for example PT1H");
    }
    this.client = client;
    this.messageTtl = messageTtl;
  }

  @Override
  public boolean deduplicatesMessageIds() {
    return true;
  }

  @Override
  public CorrelationResult correlate(InboundElement element, String correlationKey,
      String messageId, Map<String, Object> variables) {
    return messageId == null
        ? correlate(element, correlationKey, variables)
        : publish(element, correlationKey, messageId, variables);
  }

  private CorrelationResult correlate(InboundElement element, String correlationKey,
      Map<String, Object> variables) {
    var named = client.newCorrelateMessageCommand().messageName(element.messageName());
    var command = correlationKey == null ? named.withoutCorrelationKey()
        : named.correlationKey(correlationKey);
    CorrelateMessageResponse r;
    try {
      r = command.variables(variables).send().join();
    } catch (ClientHttpException e) {
      if (e.code() == 404) {
        return new CorrelationResult.NotCorrelated(element.kind().starts()
            ? "The cluster has no message start event for message '" + element.messageName()
                + "' (process '" + element.processDefinitionKey() + "' not deployed?)"
            : "No process instance waits for message '" + element.messageName()
                + "' with correlation key '" + correlationKey + "'", false);
      }
      throw new IllegalStateException(describe(e), e);
    }
    String instance = r.getProcessInstanceKey() == null ? "" : r.getProcessInstanceKey().toString();
    return element.kind().starts() ? new CorrelationResult.ProcessStarted(instance)
        : new CorrelationResult.MessageCorrelated(instance);
  }

  private CorrelationResult publish(InboundElement element, String correlationKey,
      String messageId, Map<String, Object> variables) {
    var named = client.newPublishMessageCommand().messageName(element.messageName());
    var command = correlationKey == null ? named.withoutCorrelationKey()
        : named.correlationKey(correlationKey);
    try {
      command.messageId(messageId).timeToLive(messageTtl).variables(variables).send().join();
    } catch (ClientHttpException e) {
      if (e.code() == 409) {
        return new CorrelationResult.AlreadyCorrelated(messageId);
      }
      throw new IllegalStateException(describe(e), e);
    }
    // Published and buffered: the cluster does not say which instance took it.
    return element.kind().starts() ? new CorrelationResult.ProcessStarted("")
        : new CorrelationResult.MessageCorrelated("");
  }

  private static String describe(ClientHttpException e) {
    String detail = e instanceof ProblemException p && p.details() != null
        && p.details().getDetail() != null ? p.details().getDetail() : e.getMessage();
    return "Camunda 8 cluster answered HTTP " + e.code() + ": " + detail;
  }
}
