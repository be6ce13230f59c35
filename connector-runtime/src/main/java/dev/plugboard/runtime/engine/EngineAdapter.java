package dev.plugboard.runtime.engine;

import java.util.Set;

/**
 * A BPMN engine the runtime executes connector tasks for. Exactly one adapter is active, chosen by
 * {@code plugboard.engine} ({@code operaton}, the default, or {@code camunda8}); the beans of the
 * other engine are not created.
 *
 * <p>An adapter subscribes to the connector types of the {@link
 * dev.plugboard.runtime.registry.ConnectorRegistry} as they come and go, hands each job to the
 * one {@link dev.plugboard.runtime.invocation.InvocationPipeline}, and reports the
 * {@link dev.plugboard.runtime.invocation.Outcome} back to its engine: complete with variables,
 * throw a BPMN error, or fail with retries and backoff.
 */
public interface EngineAdapter {

  /**
   * The engine's name as set in {@code plugboard.engine}.
   *
   * @return {@code operaton} or {@code camunda8}
   */
  String name();

  /**
   * The connector types this adapter currently fetches jobs for.
   *
   * @return a snapshot
   */
  Set<String> subscribedTypes();
}
