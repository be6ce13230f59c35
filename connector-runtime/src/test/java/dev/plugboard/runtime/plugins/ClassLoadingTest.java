package dev.plugboard.runtime.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.runtime.registry.RegisteredConnector;
import dev.plugboard.sdk.Connector;
import dev.plugboard.sdk.OutboundConnector;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassLoadingTest {

  @TempDir Path dir;
  @TempDir Path work;
  PluginTestHost t;

  @BeforeEach
  void start() {
    t = new PluginTestHost(dir, work);
  }

  @AfterEach
  void stop() {
    t.close();
  }

  private static TestPluginJars withLibrary(String id, String type, String libraryVersion) {
    String pkg = "t." + id;
    return TestPluginJars.plugin(id, "1.0.0")
        .source("dev.plugboard.testlib.SharedLib", """
            package dev.plugboard.testlib;
            public final class SharedLib {
              public static String version() { return "%s"; }
            }
            """.formatted(libraryVersion))
        .connector(pkg + ".Lib", TestPluginJars.functionConnector(pkg, "Lib", type,
            "dev.plugboard.testlib.SharedLib.version()"));
  }

  @Test
  void twoPluginsBundlingDifferentVersionsOfOneLibraryBothWork() throws Exception {
    assertThat(t.host.loadFile(withLibrary("liba", "test:liba:1", "lib-1.0").writeTo(dir)).state())
        .isEqualTo(PluginState.ACTIVE);
    assertThat(t.host.loadFile(withLibrary("libb", "test:libb:1", "lib-2.0").writeTo(dir)).state())
        .isEqualTo(PluginState.ACTIVE);

    assertThat(t.invoke("test:liba:1", "")).isEqualTo("lib-1.0");
    assertThat(t.invoke("test:libb:1", "")).isEqualTo("lib-2.0");
    // the host's own copy of the library is untouched
    assertThat(dev.plugboard.testlib.SharedLib.version()).isEqualTo("host");
  }

  @Test
  void hostApisComeFromTheHostEvenWhenAPluginBundlesACopy() throws Exception {
    // A plugin that wrongly shades the SDK's annotation still sees the host's: no ClassCastException.
    Path jar = TestPluginJars.plugin("shady", "1.0.0")
        .connector("t.shady.Shady",
            TestPluginJars.functionConnector("t.shady", "Shady", "test:shady:1", "\"ok\""))
        .source("dev.plugboard.sdk.Extra", "package dev.plugboard.sdk; public class Extra {}")
        .writeTo(dir);

    assertThat(t.host.loadFile(jar).state()).isEqualTo(PluginState.ACTIVE);

    RegisteredConnector c = t.registry.find("test:shady:1").orElseThrow();
    assertThat(c.instance()).isInstanceOf(OutboundConnector.class);
    assertThat(c.classLoader().loadClass(Connector.class.getName())).isSameAs(Connector.class);
    assertThat(c.classLoader().loadClass("org.apache.camel.CamelContext"))
        .isSameAs(org.apache.camel.CamelContext.class);
    assertThat(c.classLoader().loadClass("com.fasterxml.jackson.databind.ObjectMapper"))
        .isSameAs(com.fasterxml.jackson.databind.ObjectMapper.class);
    // a host-API package class the host lacks falls back to the plugin's copy
    assertThat(c.classLoader().loadClass("dev.plugboard.sdk.Extra").getClassLoader())
        .isSameAs(c.classLoader());
    assertThat(t.invoke("test:shady:1", "")).isEqualTo("ok");
  }
}
