package dev.plugboard.testlib;

/**
 * A "library" on the host's class path that test plugins also bundle in their own version, to
 * show that a plugin's copy wins over the host's (plugin-first for everything but host APIs).
 */
public final class SharedLib {

  private SharedLib() {}

  /**
   * Which copy answered.
   *
   * @return "host"
   */
  public static String version() {
    return "host";
  }
}
