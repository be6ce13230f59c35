package dev.plugboard.runtime.plugins;

/** Told about every state change of a plugin version (metrics, logs, benchmarks, UI). */
@FunctionalInterface
public interface PluginStateListener {

  /**
   * A plugin version changed state.
   *
   * @param plugin the plugin after the change
   * @param previous the state before, {@code null} for a new entry
   */
  void stateChanged(PluginInfo plugin, PluginState previous);
}
