package dev.plugboard.templates.generator;

/**
 * A connector class cannot be turned into element templates: a broken or contradictory
 * annotation. The message names the class (and the field, where there is one), what is wrong and
 * how to fix it, so that a build can show it as is.
 */
public final class TemplateDefinitionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * A new exception.
   *
   * @param message what is wrong, naming the class and field
   */
  public TemplateDefinitionException(String message) {
    super(message);
  }

  /**
   * A new exception with a cause.
   *
   * @param message what is wrong, naming the class and field
   * @param cause the underlying problem
   */
  public TemplateDefinitionException(String message, Throwable cause) {
    super(message, cause);
  }
}
