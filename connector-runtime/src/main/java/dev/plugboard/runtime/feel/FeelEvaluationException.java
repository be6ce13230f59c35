package dev.plugboard.runtime.feel;

/** A FEEL expression that does not parse or does not evaluate; the message names the failure. */
public class FeelEvaluationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * A failed evaluation.
   *
   * @param message what failed, including the FEEL engine's reason
   */
  public FeelEvaluationException(String message) {
    super(message);
  }
}
