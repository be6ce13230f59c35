package dev.plugboard.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the build step on freshly compiled connector sources, the way the mojo does on a plugin
 * module's {@code target/classes}.
 */
class TemplateBuildTest {

  @TempDir
  Path work;

  private final List<String> log = new ArrayList<>();

  private static final String GOOD = """
      package demo;
      import dev.plugboard.sdk.*;
      @Connector(type = "demo:echo:1", name = "Echo")
      public class EchoConnector implements OutboundConnector<EchoConnector.Input, String> {
        public record Input(@TemplateProperty(label = "Text") String text) {}
        public String execute(Input input, ConnectorContext context) { return input.text(); }
      }
      """;

  private static final String WEBHOOK = """
      package demo;
      import dev.plugboard.sdk.*;
      @Connector(type = "demo:hook:1", name = "Hook")
      public class HookConnector implements WebhookConnector<HookConnector.Props> {
        public record Props(@TemplateProperty(label = "Path") String path, @Secret String hmacKey) {}
        public void activate(Props p, InboundContext c) {}
        public String path(Props p) { return p.path(); }
        public WebhookResponse handle(WebhookRequest r, InboundContext c) { return null; }
      }
      """;

  private static final String BROKEN = """
      package demo;
      import dev.plugboard.sdk.*;
      @Connector(type = "demo:broken:1", name = "Broken")
      public class BrokenConnector implements OutboundConnector<BrokenConnector.Input, String> {
        public record Input(@TemplateProperty(type = PropertyType.DROPDOWN) String mode) {}
        public String execute(Input input, ConnectorContext context) { return ""; }
      }
      """;

  private Path compile(Map<String, String> sources) throws Exception {
    Path src = work.resolve("src");
    Path classes = work.resolve("classes");
    Files.createDirectories(classes);
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(),
        "-cp", System.getProperty("java.class.path"), "--release", "17"));
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path file = src.resolve(e.getKey().replace('.', File.separatorChar) + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue());
      args.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac.run(null, null, null, args.toArray(String[]::new))).isZero();
    return classes;
  }

  private TemplateBuild build(Path classes, Path checkedIn, boolean update, boolean ci) {
    return new TemplateBuild(classes, List.of(), getClass().getClassLoader(), checkedIn, update,
        ci, ":demo", log::add);
  }

  @Test
  void writesTheIndexAndBothFlavorsIntoTheClassesFolder() throws Exception {
    Path classes = compile(Map.of("demo.EchoConnector", GOOD));
    TemplateBuild.Result result = build(classes, work.resolve("checked-in"), false, false).run();
    assertThat(result.connectorClasses()).containsExactly("demo.EchoConnector");
    assertThat(Files.readString(classes.resolve("META-INF/plugboard/connectors")))
        .isEqualTo("demo.EchoConnector\n");
    assertThat(classes.resolve("META-INF/element-templates/camunda8/demo_echo_1-v1.json"))
        .exists();
    assertThat(classes.resolve("META-INF/element-templates/camunda7/demo_echo_1-v1.json"))
        .exists();
    // First build outside CI: the checked-in copies are written, to be committed.
    assertThat(work.resolve("checked-in/camunda8/demo_echo_1-v1.json")).exists();
    assertThat(log).anyMatch(l -> l.contains("commit them"));
  }

  @Test
  void inboundTemplatesPassTheJavaValidatorForAllFourElements() throws Exception {
    Path classes = compile(Map.of("demo.HookConnector", WEBHOOK, "demo.EchoConnector", GOOD));
    TemplateBuild.Result result = build(classes, work.resolve("checked-in"), false, false).run();
    assertThat(result.connectorClasses()).containsExactly("demo.EchoConnector", "demo.HookConnector");
    assertThat(result.templates()).hasSize(2 + 8);
    assertThat(Files.readString(classes.resolve(
        "META-INF/element-templates/camunda8/demo_hook_1.BoundaryEvent-v1.json")))
        .contains("\"bpmn:MessageEventDefinition\"")
        // The properties' own path is the webhook path: no generated inbound.path.
        .doesNotContain("inbound.path");
  }

  @Test
  void brokenConnectorFailsTheBuildNamingClassAndField() throws Exception {
    Path classes = compile(Map.of("demo.EchoConnector", GOOD, "demo.BrokenConnector", BROKEN));
    assertThatThrownBy(() -> build(classes, work.resolve("checked-in"), false, false).run())
        .isInstanceOf(TemplateBuild.Failure.class)
        .hasMessageStartingWith("Cannot generate element templates; fix the connector annotations:")
        .hasMessageContaining("demo.BrokenConnector (input demo.BrokenConnector$Input#mode)")
        .hasMessageContaining("is a Dropdown without choices");
    assertThat(classes.resolve("META-INF/plugboard/connectors")).doesNotExist();
  }

  @Test
  void driftFailsWithTheFileAndTheUpdateCommandAndUpdateRewrites() throws Exception {
    Path classes = compile(Map.of("demo.EchoConnector", GOOD));
    Path checkedIn = work.resolve("checked-in");
    build(classes, checkedIn, false, false).run();
    Path c8 = checkedIn.resolve("camunda8/demo_echo_1-v1.json");
    String original = Files.readString(c8);
    Files.writeString(c8, original.replace("\"Text\"", "\"Old text\""), StandardCharsets.UTF_8);

    assertThatThrownBy(() -> build(classes, checkedIn, false, true).run())
        .isInstanceOf(TemplateBuild.Failure.class)
        .hasMessageContaining("camunda8/demo_echo_1-v1.json: differs at line")
        .hasMessageContaining("\"label\": \"Old text\"")
        .hasMessageContaining("-Dplugboard.templates.update=true -pl :demo");

    build(classes, checkedIn, true, true).run();
    assertThat(Files.readString(c8)).isEqualTo(original);
    build(classes, checkedIn, false, true).run();
  }

  @Test
  void missingCheckedInFolderFailsUnderCi() throws Exception {
    Path classes = compile(Map.of("demo.EchoConnector", GOOD));
    assertThatThrownBy(() -> build(classes, work.resolve("nothing-here"), false, true).run())
        .isInstanceOf(TemplateBuild.Failure.class)
        .hasMessageContaining("No checked-in element templates at");
  }

  @Test
  void moduleWithoutConnectorsWritesAnEmptyIndexAndNoTemplates() throws Exception {
    Path classes = compile(Map.of("demo.Util", "package demo; public class Util {}"));
    TemplateBuild.Result result = build(classes, work.resolve("checked-in"), false, true).run();
    assertThat(result.templates()).isEmpty();
    assertThat(work.resolve("checked-in")).doesNotExist();
  }
}
