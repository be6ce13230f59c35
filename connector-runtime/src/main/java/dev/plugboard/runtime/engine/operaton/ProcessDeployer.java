package dev.plugboard.runtime.engine.operaton;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.repository.DeploymentWithDefinitions;
import org.operaton.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Deploys at start: the example processes bundled in the runtime jar ({@code processes/*.bpmn} on
 * the class path, deployment {@code plugboard-examples}) and the BPMN/DMN files of
 * {@code ./processes} (deployment {@code plugboard-processes}). Duplicate filtering deploys only
 * changed resources, so restarts (and several cluster nodes starting) create no new versions.
 * Runs before the web server starts, so a runtime that reports UP has its processes deployed.
 */
public final class ProcessDeployer implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(ProcessDeployer.class);

  private final RepositoryService repository;
  private final OperatonProperties props;

  /**
   * Creates the deployer.
   *
   * @param repository the engine's repository service
   * @param props the settings
   */
  public ProcessDeployer(RepositoryService repository, OperatonProperties props) {
    this.repository = repository;
    this.props = props;
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (props.deployExamples()) {
      deployBundled();
    }
    deployFolder(Path.of(props.processesDir()));
  }

  private void deployBundled() {
    try {
      Resource[] found = new PathMatchingResourcePatternResolver()
          .getResources("classpath*:processes/*.bpmn");
      if (found.length == 0) {
        return;
      }
      DeploymentBuilder b = repository.createDeployment().name("plugboard-examples")
          .source("plugboard").enableDuplicateFiltering(true);
      for (Resource r : found) {
        try (InputStream in = r.getInputStream()) {
          b.addInputStream(r.getFilename(), in);
        }
      }
      report("plugboard-examples", b.deployWithResult());
    } catch (IOException | RuntimeException e) {
      log.error("Deploying the bundled example processes failed error={}", e.toString(), e);
    }
  }

  private void deployFolder(Path dir) {
    if (!Files.isDirectory(dir)) {
      log.info("No process folder to deploy dir={}", dir.toAbsolutePath());
      return;
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> {
        String n = p.getFileName().toString();
        return Files.isRegularFile(p) && (n.endsWith(".bpmn") || n.endsWith(".bpmn20.xml")
            || n.endsWith(".dmn"));
      }).sorted().toList();
    } catch (IOException e) {
      log.error("Cannot read the process folder dir={} error={}", dir.toAbsolutePath(), e.toString());
      return;
    }
    if (files.isEmpty()) {
      return;
    }
    try {
      DeploymentBuilder b = repository.createDeployment().name("plugboard-processes")
          .source("plugboard").enableDuplicateFiltering(true);
      for (Path f : files) {
        b.addString(f.getFileName().toString(), Files.readString(f));
      }
      report("plugboard-processes", b.deployWithResult());
    } catch (IOException | RuntimeException e) {
      // A broken model must not stop the runtime: the error names the file and the problem.
      log.error("Deploying the processes of dir={} failed; fix the model and restart, or deploy"
          + " it from the Modeler to /engine-rest. error={}", dir.toAbsolutePath(), e.getMessage());
    }
  }

  private void report(String name, DeploymentWithDefinitions d) {
    int definitions = d.getDeployedProcessDefinitions() == null
        ? 0 : d.getDeployedProcessDefinitions().size();
    log.info("Deployed name={} deploymentId={} newProcessDefinitions={}", name, d.getId(),
        definitions);
  }
}
