package dev.plugboard.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Copies the plugin's final (shaded) jar into {@code plugboard.dist.dir}, where the runtime
 * picks up the repository's plugins; older jars of the same artifact there are removed so that
 * one plugin id is present once. Does nothing when the property is not set.
 */
@Mojo(name = "dist", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class DistMojo extends AbstractMojo {

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  /** The folder to copy the jar into; nothing is copied when it is not set. */
  @Parameter(property = "plugboard.dist.dir")
  private File distDirectory;

  @Override
  public void execute() throws MojoExecutionException {
    if (distDirectory == null || "pom".equals(project.getPackaging())) {
      return;
    }
    File jar = project.getArtifact().getFile();
    if (jar == null || !jar.isFile()) {
      getLog().warn("plugboard: no jar to copy for " + project.getArtifactId()
          + "; run the package phase");
      return;
    }
    Path dir = distDirectory.toPath();
    Pattern sameArtifact = Pattern.compile(Pattern.quote(project.getArtifactId()) + "-\\d.*\\.jar");
    try {
      Files.createDirectories(dir);
      try (Stream<Path> files = Files.list(dir)) {
        for (Path p : (Iterable<Path>) files::iterator) {
          String name = p.getFileName().toString();
          if (sameArtifact.matcher(name).matches() && !name.equals(jar.getName())) {
            Files.delete(p);
          }
        }
      }
      Path target = dir.resolve(jar.getName());
      Files.copy(jar.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
      getLog().info("plugboard: plugin=" + project.getArtifactId() + " copied to " + target);
    } catch (IOException e) {
      throw new MojoExecutionException("cannot copy " + jar + " to " + dir + ": " + e.getMessage(),
          e);
    }
  }
}
