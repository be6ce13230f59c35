package dev.plugboard.runtime.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad jar is refused or failed with a message that says why, is listed with that
 * message, and changes nothing else: the healthy plugin keeps serving, no route or class loader
 * stays behind.
 */
class BadPluginJarsTest {

  @TempDir static Path dir;
  @TempDir static Path work;
  static PluginTestHost t;

  @BeforeAll
  static void healthyPlugin() throws Exception {
    t = new PluginTestHost(dir, work);
    PluginInfo ok = t.host.loadFile(TestPluginJars.plugin("healthy", "1.0.0")
        .connector("t.ok.Ok", TestPluginJars.routeConnector("t.ok", "Ok", "test:ok:1", "ok"))
        .withTemplates("test:ok:1")
        .writeTo(dir));
    assertThat(ok.state()).isEqualTo(PluginState.ACTIVE);
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private static PluginInfo load(Path jar) throws Exception {
    PluginInfo info = t.host.loadFile(jar);
    // nothing else changed
    assertThat(t.invoke("test:ok:1", "x")).isEqualTo("ok");
    assertThat(t.camel.getRoutes()).extracting(r -> r.getRouteId())
        .containsExactly("healthy-1.0.0-test-ok-1");
    assertThat(t.registry.all()).hasSize(1);
    assertThat(t.host.list()).filteredOn(p -> p.state() == PluginState.ACTIVE).hasSize(1);
    assertThat(t.host.list()).contains(info);
    try (var files = Files.list(work)) {
      assertThat(files.filter(f -> f.toString().endsWith(".jar"))).hasSize(1);
    }
    return info;
  }

  @Test
  void randomBytesNamedJarAreRefused() throws Exception {
    byte[] noise = new byte[4096];
    new Random(7).nextBytes(noise);
    Path jar = Files.write(dir.resolve("noise.jar"), noise);

    PluginInfo info = load(jar);

    assertThat(info.state()).isEqualTo(PluginState.REFUSED);
    assertThat(info.file()).isEqualTo("noise.jar");
    assertThat(info.lastError()).contains("'noise.jar'", "not a jar (zip) file");
  }

  @Test
  void aJarWithoutPluginDescriptorIsRefused() throws Exception {
    Path jar = TestPluginJars.plugin("x", "1.0.0").withoutManifest()
        .connector("t.nod.Nod", TestPluginJars.routeConnector("t.nod", "Nod", "test:nod:1", "n"))
        .writeTo(dir, "no-descriptor.jar");

    PluginInfo info = load(jar);

    assertThat(info.state()).isEqualTo(PluginState.REFUSED);
    assertThat(info.lastError()).contains("no PF4J plugin descriptor", "Plugin-Id",
        "plugin-parent");
  }

  @Test
  void aPluginThatNeedsANewerSdkIsRefused() throws Exception {
    Path jar = TestPluginJars.plugin("future", "1.0.0").manifest("Plugin-Requires", ">=2.0.0")
        .connector("t.fut.Fut", TestPluginJars.routeConnector("t.fut", "Fut", "test:fut:1", "f"))
        .writeTo(dir);

    PluginInfo info = load(jar);

    assertThat(info.state()).isEqualTo(PluginState.REFUSED);
    assertThat(info.id()).isEqualTo("future");
    assertThat(info.lastError()).contains("requires SDK '>=2.0.0'",
        "this runtime provides SDK 0.1.0");
  }

  @Test
  void aPluginWhoseStartThrowsFails() throws Exception {
    Path jar = TestPluginJars.plugin("boom", "1.0.0").manifest("Plugin-Class", "t.boom.BoomPlugin")
        .source("t.boom.BoomPlugin", """
            package t.boom;
            public class BoomPlugin extends org.pf4j.Plugin {
              public void start() { throw new IllegalStateException("no licence key configured"); }
            }
            """)
        .connector("t.boom.Boom", TestPluginJars.routeConnector("t.boom", "Boom", "test:boom:1", "b"))
        .writeTo(dir);

    PluginInfo info = load(jar);

    assertThat(info.state()).isEqualTo(PluginState.FAILED);
    assertThat(info.lastError()).contains("failed to start", "t.boom.BoomPlugin",
        "no licence key configured");
  }

  @Test
  void aPluginWhoseConnectorConstructorThrowsFails() throws Exception {
    Path jar = TestPluginJars.plugin("ctor", "1.0.0")
        .connector("t.ctor.Ctor", """
            package t.ctor;
            import dev.plugboard.sdk.*;
            @Connector(type = "test:ctor:1", name = "Ctor")
            public class Ctor implements OutboundConnector<Ctor.In, String> {
              public record In(String text) {}
              public Ctor() { throw new IllegalArgumentException("missing endpoint setting"); }
              public String execute(In in, ConnectorContext c) { return "never"; }
            }
            """)
        .writeTo(dir);

    PluginInfo info = load(jar);

    assertThat(info.state()).isEqualTo(PluginState.FAILED);
    assertThat(info.lastError()).contains("constructor of connector t.ctor.Ctor",
        "test:ctor:1", "missing endpoint setting");
  }

  @Test
  void aPluginWithAnInvalidTemplateIsRefusedWithTheValidatorsMessages() throws Exception {
    Path jar = TestPluginJars.plugin("badtpl", "1.0.0")
        .connector("t.tpl.Tpl", TestPluginJars.routeConnector("t.tpl", "Tpl", "test:tpl:1", "t"))
        .resource("META-INF/element-templates/camunda8/tpl.json", """
            {"$schema": "https://unpkg.com/@camunda/zeebe-element-templates-json-schema/resources/schema.json",
             "name": "Dropdown without choices", "id": "test:tpl:1", "version": 1,
             "appliesTo": ["bpmn:Task"], "elementType": {"value": "bpmn:ServiceTask"},
             "properties": [{"id": "mode", "label": "Mode", "type": "Dropdown",
                             "binding": {"type": "zeebe:input", "name": "mode"}}]}
            """)
        .writeTo(dir);

    PluginInfo info = load(jar);

    assertThat(info.state()).isEqualTo(PluginState.REFUSED);
    assertThat(info.lastError()).contains("invalid element templates",
        "META-INF/element-templates/camunda8/tpl.json", "template 'test:tpl:1' v1",
        "property 'mode'");
    assertThat(t.templates.all(dev.plugboard.runtime.templates.TemplateFlavor.CAMUNDA8))
        .extracting(n -> n.get("id").asText()).containsExactly("test:ok:1");
  }

  @Test
  void aSecondPluginClaimingATakenConnectorTypeIsRefusedNamingBoth() throws Exception {
    Path jar = TestPluginJars.plugin("thief", "1.0.0")
        .connector("t.thief.Thief",
            TestPluginJars.routeConnector("t.thief", "Thief", "test:ok:1", "stolen"))
        .writeTo(dir);

    PluginInfo info = load(jar);

    assertThat(info.state()).isEqualTo(PluginState.REFUSED);
    assertThat(info.lastError()).contains("Plugin 'thief'", "test:ok:1", "t.thief.Thief",
        "already provided by plugin 'healthy' version 1.0.0", "t.ok.Ok");
  }

  @Test
  void aJarWithoutConnectorListIsRefused() throws Exception {
    Path jar = TestPluginJars.plugin("empty", "1.0.0").withoutConnectorList()
        .connector("t.emp.Emp", TestPluginJars.routeConnector("t.emp", "Emp", "test:emp:1", "e"))
        .writeTo(dir);

    PluginInfo info = load(jar);

    assertThat(info.state()).isEqualTo(PluginState.REFUSED);
    assertThat(info.lastError()).contains("META-INF/plugboard/connectors");
  }

  @Test
  void aListedClassThatIsNoConnectorIsRefused() throws Exception {
    Path jar = TestPluginJars.plugin("notconn", "1.0.0")
        .connector("t.nc.Plain", "package t.nc; public class Plain {}")
        .writeTo(dir);

    PluginInfo info = load(jar);

    assertThat(info.state()).isEqualTo(PluginState.REFUSED);
    assertThat(info.lastError()).contains("t.nc.Plain", "not annotated with @Connector");
  }

  @Test
  void aFailedJarIsListedOnceAndForgottenWhenItsFileIsDeleted() throws Exception {
    Path jar = Files.write(dir.resolve("junk.jar"), new byte[] {1, 2, 3});
    load(jar);
    load(jar);
    assertThat(t.host.list()).filteredOn(p -> "junk.jar".equals(p.file())).hasSize(1);

    t.host.fileRemoved(jar);

    assertThat(t.host.list()).noneMatch(p -> "junk.jar".equals(p.file()));
  }
}
