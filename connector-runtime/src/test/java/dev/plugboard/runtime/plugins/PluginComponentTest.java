package dev.plugboard.runtime.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin that brings its own Camel component: registered by the host, gone at unload. */
class PluginComponentTest {

  @TempDir Path staging;
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

  static TestPluginJars withComponent(String id, String version, String type) {
    String pkg = "t." + id.replace('-', '_');
    return TestPluginJars.plugin(id, version)
        .source("t.comp.PlugEchoComponent", """
            package t.comp;
            import java.util.Map;
            import org.apache.camel.*;
            import org.apache.camel.support.*;
            public class PlugEchoComponent extends DefaultComponent {
              protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
                PlugEchoComponent component = this;
                return new DefaultEndpoint(uri, this) {
                  public Producer createProducer() {
                    return new DefaultProducer(this) {
                      public void process(Exchange exchange) {
                        String version = new String(readVersion());
                        exchange.getMessage().setBody("component " + version + ": "
                            + exchange.getMessage().getBody(String.class));
                      }
                    };
                  }
                  public Consumer createConsumer(Processor processor) {
                    throw new UnsupportedOperationException("producer only");
                  }
                };
              }
              static byte[] readVersion() {
                try (var in = PlugEchoComponent.class.getResourceAsStream("/version.txt")) {
                  return in.readAllBytes();
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              }
            }
            """)
        .resource("META-INF/services/org/apache/camel/component/plugecho",
            "class=t.comp.PlugEchoComponent\n")
        .resource("version.txt", version)
        .connector(pkg + ".Via", """
            package %1$s;
            import dev.plugboard.sdk.*;
            @Connector(type = "%2$s", name = "Via component")
            public class Via extends RouteConnector<java.util.Map<String, Object>, String> {
              public void configure() {
                from(input()).setBody(simple("${body[text]}")).to("plugecho:x");
              }
            }
            """.formatted(pkg, type));
  }

  @Test
  void aPluginsOwnComponentIsRegisteredTakenOverByItsNextVersionAndRemovedWithIt()
      throws Exception {
    assertThat(t.host.loadFile(withComponent("comp", "1.0.0", "test:comp:1").writeTo(staging))
        .state()).isEqualTo(PluginState.ACTIVE);
    assertThat(t.invoke("test:comp:1", "a")).isEqualTo("component 1.0.0: a");
    WeakReference<ClassLoader> v1 =
        new WeakReference<>(t.registry.find("test:comp:1").orElseThrow().classLoader());

    PluginInfo v2 = t.host.loadFile(withComponent("comp", "1.1.0", "test:comp:1").writeTo(staging));

    assertThat(v2.state()).as(v2.lastError()).isEqualTo(PluginState.ACTIVE);
    assertThat(t.invoke("test:comp:1", "b")).isEqualTo("component 1.1.0: b");
    org.awaitility.Awaitility.await().until(() -> t.host.list().size() == 1);
    assertThat(LeakTest.collected(v1, Duration.ofSeconds(10))).isTrue();

    PluginInfo thief = t.host.loadFile(withComponent("other", "1.0.0", "test:other:1")
        .writeTo(staging));
    assertThat(thief.state()).isEqualTo(PluginState.REFUSED);
    assertThat(thief.lastError()).contains("Camel component 'plugecho'",
        "already provided by plugin 'comp' version 1.1.0");

    WeakReference<ClassLoader> current =
        new WeakReference<>(t.registry.find("test:comp:1").orElseThrow().classLoader());
    t.host.remove("comp");
    assertThat(t.camel.getComponentNames()).doesNotContain("plugecho");
    assertThat(LeakTest.collected(current, Duration.ofSeconds(10))).isTrue();
  }
}
