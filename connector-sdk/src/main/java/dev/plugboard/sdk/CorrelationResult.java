package dev.plugboard.sdk;

/**
 * The outcome of {@link InboundContext#correlate}: one of a closed set of cases, so that a
 * connector can map each to its own protocol (an HTTP status, an ack or a nack).
 */
public sealed interface CorrelationResult {

  /**
   * Whether the event reached the engine (or already had): acknowledge it.
   *
   * @return true for {@link ProcessStarted}, {@link MessageCorrelated} and
   *     {@link AlreadyCorrelated}
   */
  default boolean accepted() {
    return this instanceof ProcessStarted
        || this instanceof MessageCorrelated
        || this instanceof AlreadyCorrelated;
  }

  /**
   * A new process instance was started.
   *
   * @param processInstanceId the engine's id of the new instance
   */
  record ProcessStarted(String processInstanceId) implements CorrelationResult {}

  /**
   * The message was correlated to a waiting process instance.
   *
   * @param processInstanceId the engine's id of the instance, or empty when the engine does not
   *     tell (Camunda 8 publishes messages)
   */
  record MessageCorrelated(String processInstanceId) implements CorrelationResult {}

  /**
   * An event with the same message id was already correlated; nothing changed (deduplication).
   *
   * @param messageId the message id
   */
  record AlreadyCorrelated(String messageId) implements CorrelationResult {}

  /** The activation condition was false for this event; nothing changed. */
  record ActivationConditionNotMet() implements CorrelationResult {}

  /**
   * The event does not fit the element's expressions (for example the correlation key is
   * missing); nothing changed.
   *
   * @param reason what is wrong, naming the expression or field
   */
  record InvalidInput(String reason) implements CorrelationResult {}

  /**
   * The engine did not take the event: no instance waits for the correlation key, or the engine
   * is unreachable; nothing changed.
   *
   * @param reason what went wrong
   * @param retryable whether delivering the same event again later may succeed
   */
  record NotCorrelated(String reason, boolean retryable) implements CorrelationResult {}
}
