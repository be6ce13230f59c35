package dev.plugboard.runtime.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plugboard.runtime.registry.ConnectorRegistry;
import dev.plugboard.runtime.registry.RegisteredConnector;
import dev.plugboard.runtime.templates.TemplateFlavor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginHostTest {

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

  static TestPluginJars echo(String version, String reply) {
    return TestPluginJars.plugin("echo", version)
        .connector("t.echo.Echo",
            TestPluginJars.functionConnector("t.echo", "Echo", "test:echo:1", reply))
        .withTemplates("test:echo:1");
  }

  @Test
  void aFunctionConnectorPluginWithoutPluginClassLoadsAndRuns() throws Exception {
    PluginInfo info = t.host.loadFile(echo("1.0.0", "\"v1:\" + input.text()").writeTo(dir));

    assertThat(info.state()).as(info.lastError()).isEqualTo(PluginState.ACTIVE);
    assertThat(info.id()).isEqualTo("echo");
    assertThat(info.version()).isEqualTo("1.0.0");
    assertThat(info.connectors()).containsExactly("test:echo:1");
    assertThat(info.templates()).isEqualTo(2);
    assertThat(info.loadedAt()).isNotNull();
    assertThat(t.invoke("test:echo:1", "hi")).isEqualTo("v1:hi");
    assertThat(t.templates.all(TemplateFlavor.CAMUNDA8)).hasSize(1);
    assertThat(t.templates.all(TemplateFlavor.CAMUNDA7)).hasSize(1);
    RegisteredConnector c = t.registry.find("test:echo:1").orElseThrow();
    assertThat(c.pluginId()).isEqualTo("echo");
    assertThat(c.classLoader()).isInstanceOf(HostFirstClassLoader.class);
    assertThat(t.meters.get("plugboard.plugins").tag("state", "ACTIVE").gauge().value())
        .isEqualTo(1.0);
  }

  @Test
  void unloadingClosesConnectorsThatHoldResources() throws Exception {
    // A connector with a pool or client releases it in close(): the host calls it on unload.
    Path jar = TestPluginJars.plugin("pooled", "1.0.0")
        .connector("t.pooled.Pooled", """
            package t.pooled;
            import dev.plugboard.sdk.*;
            @Connector(type = "test:pooled:1", name = "Pooled")
            public class Pooled implements OutboundConnector<Pooled.Input, String>, AutoCloseable {
              public record Input(String text) {}
              public String execute(Input input, ConnectorContext context) { return "ok"; }
              public void close() { System.setProperty("plugboard.test.pooled.closed", "yes"); }
            }
            """)
        .writeTo(dir);
    System.clearProperty("plugboard.test.pooled.closed");

    PluginInfo info = t.host.loadFile(jar);
    assertThat(info.state()).as(info.lastError()).isEqualTo(PluginState.ACTIVE);
    assertThat(t.invoke("test:pooled:1", "x")).isEqualTo("ok");
    assertThat(System.getProperty("plugboard.test.pooled.closed")).isNull();

    assertThat(t.host.remove("pooled")).isTrue();
    assertThat(System.getProperty("plugboard.test.pooled.closed")).isEqualTo("yes");
    System.clearProperty("plugboard.test.pooled.closed");
  }

  @Test
  void aRouteConnectorGetsAUniqueEntryEndpointAndPrefixedRouteIds() throws Exception {
    Path jar = TestPluginJars.plugin("routes", "2.1.0")
        .connector("t.routes.Upper",
            TestPluginJars.routeConnector("t.routes", "Upper", "test:upper:1", "${body[text].toUpperCase()}"))
        .writeTo(dir);

    PluginInfo info = t.host.loadFile(jar);

    assertThat(info.state()).as(info.lastError()).isEqualTo(PluginState.ACTIVE);
    RegisteredConnector c = t.registry.find("test:upper:1").orElseThrow();
    assertThat(c.entryEndpoint()).isEqualTo("direct:plugboard-routes-2.1.0-test-upper-1");
    assertThat(t.camel.getRoutes()).extracting(r -> r.getRouteId())
        .containsExactly("routes-2.1.0-test-upper-1");
    assertThat(t.invoke("test:upper:1", "abc")).isEqualTo("ABC");

    assertThat(t.host.remove("routes")).isTrue();
    assertThat(t.camel.getRoutes()).isEmpty();
    assertThat(t.camel.getEndpoints()).noneMatch(e -> e.getEndpointUri().contains("routes-2.1.0"));
    assertThat(t.registry.find("test:upper:1")).isEmpty();
    assertThat(t.host.list()).isEmpty();
  }

  @Test
  void aYamlRouteConnectorIsInstantiatedFromItsTemplate() throws Exception {
    String yaml = """
        - routeTemplate:
            id: greet
            parameters:
              - name: input
              - name: prefix
                defaultValue: "hello "
            from:
              uri: "{{input}}"
              steps:
                - setBody:
                    simple: "{{prefix}}${body[text]}"
        """;
    Path jar = TestPluginJars.plugin("yaml", "1.0.0")
        .connector("t.yaml.Greet", """
            package t.yaml;
            import dev.plugboard.sdk.*;
            @Connector(type = "test:greet:1", name = "Greet")
            public class Greet extends YamlRouteConnector<java.util.Map<String, Object>, String> {
              public String resource() { return "routes/greet.camel.yaml"; }
              public String templateId() { return "greet"; }
              public java.util.Map<String, Object> parameters() { return java.util.Map.of("prefix", "hi "); }
            }
            """)
        .resource("routes/greet.camel.yaml", yaml)
        .writeTo(dir);

    PluginInfo info = t.host.loadFile(jar);

    assertThat(info.state()).as(info.lastError()).isEqualTo(PluginState.ACTIVE);
    assertThat(t.invoke("test:greet:1", "Ann")).isEqualTo("hi Ann");
    assertThat(t.host.remove("yaml")).isTrue();
    assertThat(t.camel.getRoutes()).isEmpty();
  }

  @Test
  void registryListenersHearAddsReplacementsAndRemovals() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    t.registry.addListener(new ConnectorRegistry.RegistryListener() {
      @Override public void connectorAdded(RegisteredConnector c) {
        events.add("added " + c.type() + " " + c.pluginVersion());
      }

      @Override public void connectorRemoved(String type) {
        events.add("removed " + type);
      }
    });
    t.host.loadFile(echo("1.0.0", "\"v1\"").writeTo(dir));
    t.host.loadFile(echo("1.1.0", "\"v2\"").writeTo(dir));
    await().atMost(Duration.ofSeconds(5)).until(() -> t.host.list().size() == 1);
    t.host.remove("echo");

    assertThat(events).containsExactly("added test:echo:1 1.0.0", "added test:echo:1 1.1.0",
        "removed test:echo:1");
  }

  @Test
  void anOlderOrEqualVersionIsRefusedAndTheActiveOneKeepsWorking() throws Exception {
    t.host.loadFile(echo("1.2.0", "\"v12\"").writeTo(dir));

    PluginInfo same = t.host.loadFile(echo("1.2.0", "\"other\"").writeTo(work, "same.jar"));
    PluginInfo older = t.host.loadFile(echo("1.1.9", "\"older\"").writeTo(work, "older.jar"));

    assertThat(same.state()).isEqualTo(PluginState.REFUSED);
    assertThat(same.lastError()).contains("version 1.2.0 is active", "only a newer Plugin-Version");
    assertThat(older.state()).isEqualTo(PluginState.REFUSED);
    assertThat(t.invoke("test:echo:1", "x")).isEqualTo("v12");
    assertThat(t.host.list()).extracting(PluginInfo::state)
        .containsExactlyInAnyOrder(PluginState.ACTIVE, PluginState.REFUSED, PluginState.REFUSED);

    assertThat(t.host.remove("echo")).isTrue(); // the active version
    assertThat(t.host.list()).extracting(PluginInfo::state)
        .containsExactly(PluginState.REFUSED, PluginState.REFUSED);
    assertThat(t.host.remove("echo")).isTrue(); // dismisses the refused entries
    assertThat(t.host.list()).isEmpty();
    assertThat(t.host.remove("echo")).isFalse();
  }

  @Test
  void theSameJarTwiceIsNotLoadedTwice() throws Exception {
    Path jar = echo("1.0.0", "\"v1\"").writeTo(dir);
    t.host.loadFile(jar);
    Path copy = Files.copy(jar, work.resolve("copy.jar"));

    PluginInfo again = t.host.loadFile(copy);

    assertThat(again.state()).isEqualTo(PluginState.ACTIVE);
    assertThat(t.host.list()).hasSize(1);
  }

  @Test
  void removingDrainsInFlightWorkBeforeUnloading() throws Exception {
    Path jar = TestPluginJars.plugin("slow", "1.0.0")
        .connector("t.slow.Slow", TestPluginJars.functionConnector("t.slow", "Slow", "test:slow:1",
            "t.slow.Gate.pass(input.text())"))
        .source("t.slow.Gate", """
            package t.slow;
            public final class Gate {
              public static volatile boolean open;
              public static String pass(String text) throws InterruptedException {
                while (!open) { Thread.onSpinWait(); Thread.sleep(1); }
                return "done " + text;
              }
            }
            """)
        .writeTo(dir);
    t.host.loadFile(jar);
    ClassLoader loader = t.registry.find("test:slow:1").orElseThrow().classLoader();
    var result = new java.util.concurrent.CompletableFuture<Object>();
    Thread call = new Thread(() -> {
      try {
        result.complete(t.invoke("test:slow:1", "a"));
      } catch (Exception e) {
        result.completeExceptionally(e);
      }
    });
    call.start();
    await().until(() -> t.registry.find("test:slow:1").orElseThrow().inflight().count() == 1);
    Thread remover = new Thread(() -> t.host.remove("slow"));
    remover.start();

    await().until(() -> t.host.list().stream().anyMatch(p -> p.state() == PluginState.DRAINING));
    assertThat(t.registry.find("test:slow:1")).isEmpty();
    assertThat(remover.isAlive()).isTrue();
    loader.loadClass("t.slow.Gate").getField("open").set(null, true);

    assertThat(result.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("done a");
    remover.join(5000);
    assertThat(remover.isAlive()).isFalse();
    assertThat(t.host.list()).isEmpty();
  }

  @Test
  void aDrainThatPassesItsDeadlineUnloadsAnywayAndSaysSo() throws Exception {
    t.close();
    t = new PluginTestHost(PluginsProperties.defaults(dir, work)
        .withDrainDeadline(Duration.ofMillis(200)));
    t.host.loadFile(echo("1.0.0", "\"v1\"").writeTo(dir));
    RegisteredConnector c = t.registry.find("test:echo:1").orElseThrow();
    assertThat(c.inflight().enter()).isTrue(); // an execution that never ends

    assertThat(t.host.remove("echo")).isTrue();

    assertThat(t.host.list()).singleElement().satisfies(p -> {
      assertThat(p.state()).isEqualTo(PluginState.UNLOADED);
      assertThat(p.lastError()).contains("1 executions still in flight after the drain deadline");
    });
  }
}
