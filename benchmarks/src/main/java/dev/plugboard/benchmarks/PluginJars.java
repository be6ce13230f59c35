package dev.plugboard.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Finds the catalog's plugin jars and writes variants of them with another version. */
final class PluginJars {

  private PluginJars() {}

  /**
   * The plugin jar of a catalog module: {@code dist/plugins/<artifact>-*.jar}, else the module's
   * own {@code target/} (shaded jar, not the {@code original-} one).
   *
   * @param repo the repository root
   * @param artifactId the plugin's artifact id, for example {@code plugboard-connector-http}
   * @param module the module folder, for example {@code connectors-catalog/http}
   * @return the jar, if built
   */
  static Optional<Path> find(Path repo, String artifactId, String module) throws IOException {
    List<Path> candidates = new ArrayList<>();
    for (Path dir : List.of(repo.resolve("dist/plugins"), repo.resolve(module).resolve("target"))) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        files.filter(p -> {
          String n = p.getFileName().toString();
          // the version follows the artifact id: plugboard-connector-http-0.1.0.jar, but not
          // plugboard-connector-http-polling-0.1.0.jar
          return n.startsWith(artifactId + "-") && n.length() > artifactId.length() + 1
              && Character.isDigit(n.charAt(artifactId.length() + 1)) && n.endsWith(".jar")
              && !n.endsWith("-sources.jar") && !n.endsWith("-javadoc.jar");
        }).sorted().forEach(candidates::add);
      }
      if (!candidates.isEmpty()) {
        return Optional.of(candidates.get(candidates.size() - 1));
      }
    }
    return Optional.empty();
  }

  /** The {@code Plugin-Id} of a plugin jar. */
  static String pluginId(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest m = file.getManifest();
      String id = m == null ? null : m.getMainAttributes().getValue("Plugin-Id");
      if (id == null) {
        throw new IOException(jar + " has no Plugin-Id in its manifest: not a plugin jar");
      }
      return id;
    }
  }

  /**
   * Writes a copy of a plugin jar whose manifest says {@code Plugin-Version: version}: a distinct
   * plugin version for the runtime (distinct SHA-256, distinct PF4J id), same code.
   *
   * @param jar the original
   * @param target the file to write
   * @param version the new {@code Plugin-Version}
   * @return {@code target}
   */
  static Path withVersion(Path jar, Path target, String version) throws IOException {
    try (JarFile in = new JarFile(jar.toFile());
        OutputStream raw = Files.newOutputStream(target)) {
      Manifest manifest = new Manifest(in.getManifest());
      manifest.getMainAttributes().put(new Attributes.Name("Plugin-Version"), version);
      try (JarOutputStream out = new JarOutputStream(raw, manifest)) {
        for (Enumeration<JarEntry> it = in.entries(); it.hasMoreElements(); ) {
          JarEntry e = it.nextElement();
          String name = e.getName();
          if (name.equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
            continue;
          }
          out.putNextEntry(new JarEntry(name));
          if (!e.isDirectory()) {
            try (InputStream data = in.getInputStream(e)) {
              data.transferTo(out);
            }
          }
          out.closeEntry();
        }
      }
    }
    return target;
  }
}
