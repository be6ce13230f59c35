package dev.plugboard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginJarsTest {

  @TempDir
  Path repo;

  @Test
  void aPluginWhoseNameExtendsAnotherIsNotMistakenForIt() throws Exception {
    Path dist = Files.createDirectories(repo.resolve("dist/plugins"));
    Files.createFile(dist.resolve("plugboard-connector-http-0.1.0-SNAPSHOT.jar"));
    Files.createFile(dist.resolve("plugboard-connector-http-polling-0.1.0-SNAPSHOT.jar"));

    assertThat(PluginJars.find(repo, "plugboard-connector-http", "connectors-catalog/http"))
        .contains(dist.resolve("plugboard-connector-http-0.1.0-SNAPSHOT.jar"));
  }
}
