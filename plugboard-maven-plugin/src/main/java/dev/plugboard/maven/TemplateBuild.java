package dev.plugboard.maven;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.sdk.Connector;
import dev.plugboard.templates.generator.Flavor;
import dev.plugboard.templates.generator.GeneratedTemplate;
import dev.plugboard.templates.generator.TemplateDefinitionException;
import dev.plugboard.templates.generator.TemplateFiles;
import dev.plugboard.templates.generator.TemplateGenerator;
import dev.plugboard.templates.validation.TemplateProblem;
import dev.plugboard.templates.validation.TemplateValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The work of the {@code generate} goal, without Maven types so that it can be tested on its own:
 * find the {@code @Connector} classes of a compiled module, write the connector index and the
 * element templates into the classes folder, validate them, and compare them with the checked-in
 * copies.
 *
 * @param classesDirectory the module's compiled classes ({@code target/classes})
 * @param classPath the module's compile class path besides the classes folder
 * @param parent the parent class loader; must see the SDK the generator uses
 * @param templatesDirectory the checked-in templates of this module (flavor folders inside)
 * @param update rewrite the checked-in copies instead of failing on drift
 * @param ci the build runs under CI: a missing checked-in folder is a failure, not a first write
 * @param moduleHint how to name this module in the update command ({@code -pl ...}), may be empty
 * @param log receives one line per notable step
 */
public record TemplateBuild(
    Path classesDirectory,
    List<Path> classPath,
    ClassLoader parent,
    Path templatesDirectory,
    boolean update,
    boolean ci,
    String moduleHint,
    Consumer<String> log) {

  private static final byte[] CONNECTOR_DESCRIPTOR =
      ("L" + Connector.class.getName().replace('.', '/') + ";").getBytes(StandardCharsets.UTF_8);

  /** The build step failed; the message is meant for the build log as is. */
  public static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message);
    }
  }

  /**
   * What the step did.
   *
   * @param connectorClasses the connector classes found, sorted by name
   * @param templates the templates written
   */
  public record Result(List<String> connectorClasses, List<GeneratedTemplate> templates) {}

  /**
   * Runs the step.
   *
   * @return what was found and written
   * @throws Failure with a message that names the class, field or file and says what to do
   */
  public Result run() throws Failure {
    if (!Files.isDirectory(classesDirectory)) {
      log.accept("no classes folder " + classesDirectory + ": nothing to generate");
      return new Result(List.of(), List.of());
    }
    List<String> candidates = candidates();
    List<String> connectors = new ArrayList<>();
    List<GeneratedTemplate> templates = new ArrayList<>();
    List<String> faults = new ArrayList<>();
    try (URLClassLoader loader = new URLClassLoader(urls(), parent)) {
      TemplateGenerator generator = TemplateGenerator.create();
      for (String name : candidates) {
        Class<?> type;
        try {
          type = Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
          faults.add(name + ": cannot be loaded (" + e + "); check the module's dependencies");
          continue;
        }
        if (!type.isAnnotationPresent(Connector.class)) {
          continue;
        }
        if (Modifier.isAbstract(type.getModifiers())) {
          continue;
        }
        try {
          templates.addAll(generator.generate(type));
          connectors.add(name);
        } catch (TemplateDefinitionException e) {
          faults.add(e.getMessage());
        } catch (RuntimeException | LinkageError e) {
          faults.add(name + ": template generation failed: " + e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!faults.isEmpty()) {
      throw new Failure("Cannot generate element templates; fix the connector annotations:\n  "
          + String.join("\n  ", faults));
    }
    validate(templates);
    write(connectors, templates);
    compare(templates);
    log.accept("connectors=" + connectors.size() + " templates=" + templates.size()
        + " output=" + classesDirectory);
    return new Result(List.copyOf(connectors), List.copyOf(templates));
  }

  private List<String> candidates() {
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classesDirectory)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
        // Read the bytes first: only classes that mention @Connector are loaded.
        if (contains(Files.readAllBytes(f), CONNECTOR_DESCRIPTOR)) {
          String rel = classesDirectory.relativize(f).toString().replace('\\', '/');
          names.add(rel.substring(0, rel.length() - ".class".length()).replace('/', '.'));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    names.sort(null);
    return names;
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private URL[] urls() throws IOException {
    List<URL> urls = new ArrayList<>();
    urls.add(classesDirectory.toUri().toURL());
    for (Path p : classPath) {
      if (!p.equals(classesDirectory)) {
        urls.add(p.toUri().toURL());
      }
    }
    return urls.toArray(URL[]::new);
  }

  private void validate(List<GeneratedTemplate> templates) throws Failure {
    List<TemplateProblem> problems = new ArrayList<>();
    for (Flavor flavor : Flavor.values()) {
      List<JsonNode> nodes = templates.stream().filter(t -> t.flavor() == flavor)
          .map(t -> (JsonNode) t.template()).toList();
      if (!nodes.isEmpty()) {
        problems.addAll(TemplateValidator.create().validateAll(nodes));
      }
    }
    if (!problems.isEmpty()) {
      StringBuilder sb = new StringBuilder("Generated element templates are invalid (a modeler"
          + " would drop them); fix the connector annotations:");
      problems.forEach(p -> sb.append("\n  ").append(p));
      throw new Failure(sb.toString());
    }
  }

  private void write(List<String> connectors, List<GeneratedTemplate> templates) {
    try {
      Path index = classesDirectory.resolve(TemplateFiles.CONNECTOR_INDEX);
      Files.createDirectories(index.getParent());
      StringBuilder sb = new StringBuilder();
      connectors.forEach(c -> sb.append(c).append('\n'));
      Files.writeString(index, sb.toString(), StandardCharsets.UTF_8);
      for (Flavor flavor : Flavor.values()) {
        Path dir = classesDirectory.resolve(TemplateFiles.RESOURCE_ROOT + flavor.folder());
        if (Files.isDirectory(dir)) {
          // Files of a former build (a renamed connector) must not ship.
          try (Stream<Path> old = Files.list(dir)) {
            for (Path p : (Iterable<Path>) old.filter(p -> p.toString().endsWith(".json"))::iterator) {
              Files.delete(p);
            }
          }
        }
      }
      for (GeneratedTemplate t : templates) {
        Path file = classesDirectory.resolve(t.resourcePath());
        Files.createDirectories(file.getParent());
        Files.writeString(file, t.json(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void compare(List<GeneratedTemplate> templates) throws Failure {
    if (templates.isEmpty()) {
      return;
    }
    boolean firstTime = !Files.isDirectory(templatesDirectory);
    if (firstTime && ci) {
      throw new Failure("No checked-in element templates at " + templatesDirectory
          + ". Generate them with " + updateCommand() + " and commit the folder.");
    }
    List<String> drift = new ArrayList<>();
    try {
      for (GeneratedTemplate t : templates) {
        Path file = templatesDirectory.resolve(t.flavor().folder()).resolve(t.fileName());
        String generated = t.json();
        String checkedIn = Files.isRegularFile(file)
            ? Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n") : null;
        if (generated.equals(checkedIn)) {
          continue;
        }
        if (update || firstTime) {
          Files.createDirectories(file.getParent());
          Files.writeString(file, generated, StandardCharsets.UTF_8);
          log.accept("wrote checked-in template " + file);
        } else {
          drift.add(t.flavor().folder() + "/" + t.fileName() + ": "
              + (checkedIn == null ? "missing (a new template or version)"
                  : firstDifference(checkedIn, generated)));
        }
      }
      reportOthers(templates);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (firstTime) {
      log.accept("first build: wrote the checked-in templates to " + templatesDirectory
          + "; commit them");
    }
    if (!drift.isEmpty()) {
      throw new Failure("Element templates differ from the checked-in copies in "
          + templatesDirectory + ":\n  " + String.join("\n  ", drift)
          + "\nIf the change is intended (raise @Connector(version) when the form changes),"
          + " update them with " + updateCommand() + " and commit the files.");
    }
  }

  /** Checked-in files this build did not produce: older versions, or left-overs. */
  private void reportOthers(List<GeneratedTemplate> templates) throws IOException {
    TreeSet<String> produced = new TreeSet<>();
    templates.forEach(t -> produced.add(t.flavor().folder() + "/" + t.fileName()));
    for (Flavor flavor : Flavor.values()) {
      Path dir = templatesDirectory.resolve(flavor.folder());
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        files.map(p -> flavor.folder() + "/" + p.getFileName())
            .filter(n -> n.endsWith(".json") && !produced.contains(n))
            .sorted()
            .forEach(n -> log.accept("kept checked-in template not produced by this build"
                + " (an older version, or a removed connector: delete it then): " + n));
      }
    }
  }

  private String updateCommand() {
    return "'mvn process-classes -Dplugboard.templates.update=true"
        + (moduleHint == null || moduleHint.isEmpty() ? "" : " -pl " + moduleHint + " -am") + "'";
  }

  private static String firstDifference(String expected, String actual) {
    String[] a = expected.split("\n", -1);
    String[] b = actual.split("\n", -1);
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      String x = i < a.length ? a[i] : "<end of file>";
      String y = i < b.length ? b[i] : "<end of file>";
      if (!x.equals(y)) {
        return "differs at line " + (i + 1) + ": checked in " + x.strip() + " | generated "
            + y.strip();
      }
    }
    return "differs";
  }
}
