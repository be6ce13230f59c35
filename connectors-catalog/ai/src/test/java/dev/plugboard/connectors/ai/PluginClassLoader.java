package dev.plugboard.connectors.ai;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A class loader shaped like the runtime's plugin loader: host APIs (SDK, Jackson, SLF4J, Bean
 * Validation, Camel) from the test's class path, everything else only from the shaded plugin jar.
 */
final class PluginClassLoader {

  private static final List<String> HOST_PACKAGES = List.of("dev.plugboard.sdk.",
      "com.fasterxml.jackson.", "org.slf4j.", "jakarta.validation.", "org.apache.camel.");

  private PluginClassLoader() {}

  static URLClassLoader forBuiltJar() throws Exception {
    Path jar = Path.of(System.getProperty("plugboard.plugin.jar", "target/missing.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("plugin jar " + jar + " not found: run mvn verify");
    }
    ClassLoader host = PluginClassLoader.class.getClassLoader();
    ClassLoader hostApis = new ClassLoader("host-apis", ClassLoader.getPlatformClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (HOST_PACKAGES.stream().anyMatch(name::startsWith)) {
          return host.loadClass(name);
        }
        return super.loadClass(name, resolve);
      }
    };
    return new URLClassLoader("plugin", new URL[] {jar.toUri().toURL()}, hostApis);
  }
}
