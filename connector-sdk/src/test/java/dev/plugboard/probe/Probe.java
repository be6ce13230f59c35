package dev.plugboard.probe;

import dev.plugboard.sdk.Connector;

/** A class outside the host API, copied into a jar by {@code PluginClassLoaderTest}. */
public final class Probe {

  /**
   * The SDK type this class sees.
   *
   * @return the {@link Connector} annotation type as resolved from this class
   */
  public static Class<?> sdkType() {
    return Connector.class;
  }
}
