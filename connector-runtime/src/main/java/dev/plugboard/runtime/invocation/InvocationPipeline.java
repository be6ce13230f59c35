package dev.plugboard.runtime.invocation;

/**
 * The one path every engine and the invoke API use to execute an outbound connector:
 * secrets → bind → validate → execute with a timeout → result mapping (FEEL) → error mapping
 * (FEEL) → an {@link Outcome}. It never throws for a connector's failure; every failure is an
 * {@link Outcome.Failed} or {@link Outcome.BpmnErrorThrown}.
 */
public interface InvocationPipeline {

  /**
   * Executes a connector once.
   *
   * @param request the job
   * @return what to tell the engine
   */
  Outcome invoke(InvocationRequest request);
}
