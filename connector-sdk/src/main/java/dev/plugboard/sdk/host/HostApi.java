package dev.plugboard.sdk.host;

import java.util.List;

/**
 * The packages a plugin shares with its host: the runtime loads these from its own class path
 * (when it has the class) so that plugin and host agree on the types they exchange; everything
 * else comes from the plugin's jar first. The runtime's plugin class loader and the test kit's
 * {@link dev.plugboard.sdk.testkit.ConnectorTestKit#pluginClassLoader} both follow this list, so
 * a plugin test sees the class loading of production.
 */
public final class HostApi {

  /** Package prefixes that come from the host: SDK, Camel core, Jackson, Bean Validation, SLF4J. */
  public static final List<String> PACKAGES = List.of(
      "dev.plugboard.sdk.",
      "org.apache.camel.",
      "com.fasterxml.jackson.",
      "jakarta.validation.",
      "org.slf4j.");

  private HostApi() {}

  /**
   * Whether a class belongs to the host API.
   *
   * @param className a binary class name
   * @return true when one of {@link #PACKAGES} is its prefix
   */
  public static boolean isHostApi(String className) {
    for (String prefix : PACKAGES) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
