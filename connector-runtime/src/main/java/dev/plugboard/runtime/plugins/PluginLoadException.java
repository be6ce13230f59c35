package dev.plugboard.runtime.plugins;

/**
 * A jar that could not become an active plugin, with the state it ends in and a message for the
 * operator (what went wrong, with which input, what to do).
 */
public final class PluginLoadException extends Exception {

  private final PluginState state;

  /**
   * A refusal or failure.
   *
   * @param state {@link PluginState#REFUSED} or {@link PluginState#FAILED}
   * @param message the operator's message
   * @param cause the cause, may be {@code null}
   */
  public PluginLoadException(PluginState state, String message, Throwable cause) {
    super(message, cause);
    this.state = state;
  }

  /**
   * A refusal.
   *
   * @param message the operator's message
   * @return the exception
   */
  public static PluginLoadException refused(String message) {
    return new PluginLoadException(PluginState.REFUSED, message, null);
  }

  /**
   * The state the jar ends in.
   *
   * @return REFUSED or FAILED
   */
  public PluginState state() {
    return state;
  }
}
