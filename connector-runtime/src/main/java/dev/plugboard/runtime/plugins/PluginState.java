package dev.plugboard.runtime.plugins;

/** Where a plugin version is in its life. */
public enum PluginState {
  /** Being verified, loaded, started and registered. */
  LOADING,
  /** Its connectors take work. */
  ACTIVE,
  /** Replaced or removed: takes no new work, finishing what is in flight. */
  DRAINING,
  /** It could be loaded but did not work (its start or a connector constructor threw). */
  FAILED,
  /**
   * Not accepted: not a plugin jar, failed verification, needs a newer SDK, invalid templates, a
   * connector type another plugin owns, or a version not newer than the active one.
   */
  REFUSED,
  /** Unloaded; listed only when something is worth reporting (a leaked thread). */
  UNLOADED
}
