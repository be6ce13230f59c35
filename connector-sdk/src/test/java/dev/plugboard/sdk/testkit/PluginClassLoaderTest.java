package dev.plugboard.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.probe.Probe;
import dev.plugboard.sdk.Connector;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginClassLoaderTest {

  @TempDir
  Path dir;

  @Test
  void pluginClassesComeFromTheJarAndTheSdkFromTheHost() throws Exception {
    Path jar = jarWith(Probe.class);

    try (URLClassLoader plugin = ConnectorTestKit.pluginClassLoader(jar)) {
      Class<?> probe = plugin.loadClass(Probe.class.getName());

      assertThat(probe).isNotSameAs(Probe.class);
      assertThat(probe.getClassLoader()).isSameAs(plugin);
      assertThat(probe.getMethod("sdkType").invoke(null)).isSameAs(Connector.class);
    }
  }

  @Test
  void aMissingJarIsReportedWithWhatToDo() {
    assertThatThrownBy(() -> ConnectorTestKit.pluginClassLoader(dir.resolve("nope.jar")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("nope.jar").hasMessageContaining("build it first");
  }

  private Path jarWith(Class<?> type) throws IOException {
    String entry = type.getName().replace('.', '/') + ".class";
    Path jar = dir.resolve("plugin.jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        InputStream bytes = type.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new JarEntry(entry));
      bytes.transferTo(out);
      out.closeEntry();
    }
    return jar;
  }
}
