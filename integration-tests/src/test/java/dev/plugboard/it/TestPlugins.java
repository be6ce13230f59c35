package dev.plugboard.it;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Plugin jars built at test time from classes compiled with this module's tests, laid out like
 * the ones {@code plugin-parent} builds: PF4J descriptor in the MANIFEST and
 * {@code META-INF/plugboard/connectors}.
 */
public final class TestPlugins {

  private TestPlugins() {}

  /**
   * The echo plugin ({@code it:echo:1}, {@link dev.plugboard.it.plugin.EchoConnector}).
   *
   * @param version the Plugin-Version
   * @return the jar under {@code target/test-plugins/}
   */
  public static Path echoPlugin(String version) {
    return build("it-echo", version, "dev/plugboard/it/plugin",
        List.of("dev.plugboard.it.plugin.EchoConnector"));
  }

  /**
   * Stand-ins for the catalog's HTTP and e-mail connectors (types {@code plugboard:http:1} and
   * {@code plugboard:email:1}), for tests of the example processes while the real jars are not
   * built.
   *
   * @return the jar under {@code target/test-plugins/}
   */
  public static Path catalogStandIns() {
    return build("it-catalog-standins", "1.0.0", "dev/plugboard/it/standin", List.of(
        "dev.plugboard.it.standin.StandInHttpConnector",
        "dev.plugboard.it.standin.StandInEmailConnector"));
  }

  /**
   * Builds a plugin jar from compiled test classes.
   *
   * @param id the Plugin-Id
   * @param version the Plugin-Version
   * @param packagePath the class folder to include, such as {@code dev/plugboard/it/plugin}
   * @param connectorClasses the connector classes listed in {@code META-INF/plugboard/connectors}
   * @return the jar
   */
  public static Path build(String id, String version, String packagePath,
      List<String> connectorClasses) {
    Path classes = Path.of("target", "test-classes").toAbsolutePath();
    Path jar = Path.of("target", "test-plugins", id + "-" + version + ".jar").toAbsolutePath();
    Manifest mf = new Manifest();
    Attributes a = mf.getMainAttributes();
    a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    a.putValue("Plugin-Id", id);
    a.putValue("Plugin-Version", version);
    a.putValue("Plugin-Requires", "0.1.0");
    a.putValue("Plugin-Description", "Test plugin built by the integration tests");
    try {
      Files.createDirectories(jar.getParent());
      try (OutputStream out = Files.newOutputStream(jar);
          JarOutputStream j = new JarOutputStream(out, mf);
          Stream<Path> files = Files.walk(classes.resolve(packagePath))) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
          j.write(Files.readAllBytes(f));
          j.closeEntry();
        }
        j.putNextEntry(new JarEntry("META-INF/plugboard/connectors"));
        j.write((String.join("\n", connectorClasses) + "\n").getBytes(StandardCharsets.UTF_8));
        j.closeEntry();
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not build plugin " + jar, e);
    }
  }
}
