package dev.plugboard.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Writes a plugin's connector index ({@code META-INF/plugboard/connectors}) and its element
 * templates ({@code META-INF/element-templates/camunda8|camunda7/*.json}) into
 * {@code target/classes}, validates the templates, and fails the build when they differ from
 * the checked-in copies in {@code plugboard.templates.dir} (rewrite those with
 * {@code -Dplugboard.templates.update=true}).
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.PROCESS_CLASSES,
    requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class GenerateMojo extends AbstractMojo {

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  /** The compiled classes to scan and to write into. */
  @Parameter(defaultValue = "${project.build.outputDirectory}", required = true)
  private File classesDirectory;

  /** The checked-in templates of this module; {@code camunda8/} and {@code camunda7/} inside. */
  @Parameter(property = "plugboard.templates.dir",
      defaultValue = "${project.basedir}/element-templates")
  private File templatesDirectory;

  /** Rewrite the checked-in templates instead of failing when they differ. */
  @Parameter(property = "plugboard.templates.update", defaultValue = "false")
  private boolean update;

  /** Skip the goal. */
  @Parameter(property = "plugboard.skip", defaultValue = "false")
  private boolean skip;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip || "pom".equals(project.getPackaging())) {
      getLog().debug("plugboard:generate skipped for " + project.getArtifactId());
      return;
    }
    List<Path> classPath = new ArrayList<>();
    try {
      for (String element : project.getCompileClasspathElements()) {
        classPath.add(Path.of(element));
      }
    } catch (DependencyResolutionRequiredException e) {
      throw new MojoExecutionException("compile class path of " + project.getArtifactId()
          + " is not resolved: " + e.getMessage(), e);
    }
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    TemplateBuild build = new TemplateBuild(classesDirectory.toPath(), classPath,
        getClass().getClassLoader(), templatesDirectory.toPath(), update, ci,
        project.getArtifactId().isEmpty() ? "" : ":" + project.getArtifactId(),
        line -> getLog().info("plugboard: " + line));
    try {
      build.run();
    } catch (TemplateBuild.Failure e) {
      throw new MojoFailureException(e.getMessage());
    }
  }
}
