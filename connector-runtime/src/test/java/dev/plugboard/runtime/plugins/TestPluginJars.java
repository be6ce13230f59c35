package dev.plugboard.runtime.plugins;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds plugin jars at test time: compiles Java sources against the test class path and writes a
 * jar with a PF4J MANIFEST, {@code META-INF/plugboard/connectors} and element templates, so
 * runtime tests need no other module's build. Reusable by every runtime test:
 *
 * <pre>{@code
 * Path jar = TestPluginJars.plugin("echo", "1.0.0")
 *     .connector("t.echo.Echo", TestPluginJars.functionConnector("t.echo", "Echo", "test:echo:1", "\"v1\""))
 *     .withTemplates("test:echo:1")
 *     .writeTo(dir);
 * }</pre>
 *
 * Compiled classes are cached per set of sources, so building the same plugin again is cheap.
 */
public final class TestPluginJars {

  private static final Map<String, Map<String, byte[]>> COMPILED = new ConcurrentHashMap<>();

  private final Map<String, String> manifest = new LinkedHashMap<>();
  private final Map<String, String> sources = new LinkedHashMap<>();
  private final List<String> connectors = new ArrayList<>();
  private final Map<String, byte[]> resources = new LinkedHashMap<>();
  private boolean writeManifest = true;
  private boolean writeConnectorList = true;

  private TestPluginJars(String id, String version) {
    manifest.put("Plugin-Id", id);
    manifest.put("Plugin-Version", version);
    manifest.put("Plugin-Requires", ">=0.1.0 & <1.0.0");
    manifest.put("Plugin-Provider", "dev.plugboard.test");
  }

  /**
   * A plugin with an id and a version.
   *
   * @param id Plugin-Id
   * @param version Plugin-Version
   * @return the builder
   */
  public static TestPluginJars plugin(String id, String version) {
    return new TestPluginJars(id, version);
  }

  /**
   * Sets or removes ({@code null}) a MANIFEST attribute, for example {@code Plugin-Requires} or
   * {@code Plugin-Class}.
   *
   * @param name the attribute
   * @param value its value
   * @return this
   */
  public TestPluginJars manifest(String name, String value) {
    if (value == null) {
      manifest.remove(name);
    } else {
      manifest.put(name, value);
    }
    return this;
  }

  /**
   * Writes no MANIFEST at all.
   *
   * @return this
   */
  public TestPluginJars withoutManifest() {
    writeManifest = false;
    return this;
  }

  /**
   * Writes no {@code META-INF/plugboard/connectors}.
   *
   * @return this
   */
  public TestPluginJars withoutConnectorList() {
    writeConnectorList = false;
    return this;
  }

  /**
   * Adds a class (not listed as a connector): a library class, a plugin class, an input record.
   *
   * @param className the fully qualified name
   * @param source its Java source
   * @return this
   */
  public TestPluginJars source(String className, String source) {
    sources.put(className, source);
    return this;
  }

  /**
   * Adds a connector class and lists it in {@code META-INF/plugboard/connectors}.
   *
   * @param className the fully qualified name
   * @param source its Java source
   * @return this
   */
  public TestPluginJars connector(String className, String source) {
    sources.put(className, source);
    connectors.add(className);
    return this;
  }

  /**
   * Adds a resource.
   *
   * @param path the jar entry
   * @param content its text
   * @return this
   */
  public TestPluginJars resource(String path, String content) {
    resources.put(path, content.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /**
   * Adds a valid Camunda 8 and Camunda 7 template for a connector type (template id = type).
   *
   * @param type the connector type
   * @return this
   */
  public TestPluginJars withTemplates(String type) {
    String file = type.replace(':', '-');
    resource("META-INF/element-templates/camunda8/" + file + ".json", camunda8Template(type, 1));
    resource("META-INF/element-templates/camunda7/" + file + ".json", camunda7Template(type, 1));
    return this;
  }

  /**
   * A valid Camunda 8 template for a connector type.
   *
   * @param type the connector type (also the template id)
   * @param version the template version
   * @return the JSON
   */
  public static String camunda8Template(String type, int version) {
    return """
        {"$schema": "https://unpkg.com/@camunda/zeebe-element-templates-json-schema/resources/schema.json",
         "name": "Test %1$s", "id": "%1$s", "version": %2$d,
         "appliesTo": ["bpmn:Task"], "elementType": {"value": "bpmn:ServiceTask"},
         "properties": [
           {"type": "Hidden", "value": "%1$s", "binding": {"type": "zeebe:taskDefinition", "property": "type"}},
           {"label": "Text", "type": "String", "feel": "optional", "binding": {"type": "zeebe:input", "name": "text"}}
         ]}
        """.formatted(type, version);
  }

  /**
   * A valid Camunda 7 template for a connector type.
   *
   * @param type the connector type (also the template id)
   * @param version the template version
   * @return the JSON
   */
  public static String camunda7Template(String type, int version) {
    return """
        {"$schema": "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json",
         "name": "Test %1$s", "id": "%1$s", "version": %2$d,
         "appliesTo": ["bpmn:ServiceTask"],
         "properties": [
           {"type": "Hidden", "value": "external", "binding": {"type": "property", "name": "camunda:type"}},
           {"type": "Hidden", "value": "%1$s", "binding": {"type": "property", "name": "camunda:topic"}},
           {"label": "Text", "type": "String", "binding": {"type": "camunda:inputParameter", "name": "text"}}
         ]}
        """.formatted(type, version);
  }

  /**
   * Source of a function connector whose input is {@code record Input(String text)} and whose
   * output is a string expression (it may use {@code input.text()}).
   *
   * @param pkg the package
   * @param simpleName the class name
   * @param type the connector type
   * @param resultExpression a Java expression of type String
   * @return the source
   */
  public static String functionConnector(String pkg, String simpleName, String type,
      String resultExpression) {
    return """
        package %1$s;
        import dev.plugboard.sdk.*;
        @Connector(type = "%3$s", name = "%2$s")
        public class %2$s implements OutboundConnector<%2$s.Input, String> {
          public record Input(String text) {}
          public String execute(Input input, ConnectorContext context) throws Exception {
            return %4$s;
          }
        }
        """.formatted(pkg, simpleName, type, resultExpression);
  }

  /**
   * Source of a Java DSL route connector: {@code from(input()).setBody(simple(expression))}.
   *
   * @param pkg the package
   * @param simpleName the class name
   * @param type the connector type
   * @param simpleExpression a Camel Simple expression for the reply body
   * @return the source
   */
  public static String routeConnector(String pkg, String simpleName, String type,
      String simpleExpression) {
    return """
        package %1$s;
        import dev.plugboard.sdk.*;
        @Connector(type = "%3$s", name = "%2$s")
        public class %2$s extends RouteConnector<java.util.Map<String, Object>, String> {
          public void configure() {
            from(input()).setBody(simple("%4$s"));
          }
        }
        """.formatted(pkg, simpleName, type, simpleExpression);
  }

  /**
   * Builds the jar's bytes.
   *
   * @return the jar
   */
  public byte[] bytes() {
    Map<String, byte[]> classes = compile();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JarOutputStream jar = writeManifest ? new JarOutputStream(out, manifest())
        : new JarOutputStream(out)) {
      for (Map.Entry<String, byte[]> c : classes.entrySet()) {
        put(jar, c.getKey(), c.getValue());
      }
      if (writeConnectorList && !connectors.isEmpty()) {
        put(jar, PluginHost.CONNECTORS_FILE,
            (String.join("\n", connectors) + "\n").getBytes(StandardCharsets.UTF_8));
      }
      for (Map.Entry<String, byte[]> r : resources.entrySet()) {
        put(jar, r.getKey(), r.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Writes the jar as {@code <id>-<version>.jar} into a folder (via a temporary name and an atomic
   * move, as a careful operator would; see {@link #writeSlowlyTo} for the other kind).
   *
   * @param dir the folder
   * @return the jar
   */
  public Path writeTo(Path dir) {
    return writeTo(dir, manifest.getOrDefault("Plugin-Id", "plugin") + "-"
        + manifest.getOrDefault("Plugin-Version", "0") + ".jar");
  }

  /**
   * Writes the jar under a name into a folder (atomically).
   *
   * @param dir the folder
   * @param name the file name
   * @return the jar
   */
  public Path writeTo(Path dir, String name) {
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve("." + name + ".tmp");
      Files.write(tmp, bytes());
      Path target = dir.resolve(name);
      Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Manifest manifest() {
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.forEach((k, v) -> m.getMainAttributes().putValue(k, v));
    return m;
  }

  private static void put(JarOutputStream jar, String name, byte[] content) throws IOException {
    jar.putNextEntry(new JarEntry(name));
    jar.write(content);
    jar.closeEntry();
  }

  private Map<String, byte[]> compile() {
    if (sources.isEmpty()) {
      return Map.of();
    }
    return COMPILED.computeIfAbsent(sources.toString(), k -> doCompile(sources));
  }

  private static Map<String, byte[]> doCompile(Map<String, String> sources) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("Tests need a JDK (javax.tools compiler), not a JRE");
    }
    try {
      Path work = Files.createTempDirectory("plugboard-test-plugin");
      Path src = work.resolve("src");
      Path out = work.resolve("classes");
      Files.createDirectories(out);
      List<File> files = new ArrayList<>();
      for (Map.Entry<String, String> s : sources.entrySet()) {
        Path file = src.resolve(s.getKey().replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, s.getValue());
        files.add(file.toFile());
      }
      ByteArrayOutputStream errors = new ByteArrayOutputStream();
      try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null,
          StandardCharsets.UTF_8)) {
        Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromFiles(files);
        List<String> options = List.of("-d", out.toString(), "-cp", classPath(),
            "-proc:none", "--release", "17", "-nowarn");
        OutputStreamWriterHolder w = new OutputStreamWriterHolder(errors);
        boolean ok = javac.getTask(w.writer, fm, null, options, null, units).call();
        w.writer.flush();
        if (!ok) {
          throw new IllegalStateException("Test plugin sources do not compile:\n" + errors);
        }
      }
      Map<String, byte[]> classes = new LinkedHashMap<>();
      try (Stream<Path> walk = Files.walk(out)) {
        for (Path p : walk.filter(Files::isRegularFile).toList()) {
          classes.put(out.relativize(p).toString().replace(File.separatorChar, '/'),
              Files.readAllBytes(p));
        }
      }
      return classes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class OutputStreamWriterHolder {
    final java.io.Writer writer;

    OutputStreamWriterHolder(OutputStream out) {
      writer = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
    }
  }

  /**
   * The class path plugin sources compile against: the jars of the host APIs (found by class,
   * since surefire may hide the real class path in a manifest-only jar). Only those: javac
   * indexing the whole test class path costs seconds per plugin.
   */
  private static String classPath() {
    Set<String> entries = new LinkedHashSet<>();
    for (Class<?> api : new Class<?>[] {
        dev.plugboard.sdk.Connector.class,
        org.apache.camel.builder.RouteBuilder.class,
        org.apache.camel.CamelContext.class,
        org.apache.camel.util.ObjectHelper.class,
        org.apache.camel.support.DefaultComponent.class,
        com.fasterxml.jackson.databind.JsonNode.class,
        com.fasterxml.jackson.core.JsonParser.class,
        com.fasterxml.jackson.annotation.JsonProperty.class,
        jakarta.validation.constraints.NotNull.class,
        org.slf4j.Logger.class,
        org.pf4j.Plugin.class}) {
      try {
        entries.add(Path.of(api.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString());
      } catch (URISyntaxException | NullPointerException e) {
        // a class without a code source (the JDK's): nothing to add
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
