package dev.plugboard.templates.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.templates.generator.fixtures.GreetingWebhook;
import dev.plugboard.templates.generator.fixtures.KitchenSinkConnector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Checks the fixtures' templates (every property kind, outbound and all four inbound elements,
 * both flavors) with the official npm validator the modeler uses, through
 * {@code tools/template-validator/validate.mjs}. The templates are written to
 * {@code target/generated-templates/} first.
 */
class DumpForValidatorTest {

  @Test
  void fixtureTemplatesPassTheOfficialValidator() throws Exception {
    Path root = Path.of("target/generated-templates");
    int n = 0;
    for (Class<?> c : new Class<?>[] {KitchenSinkConnector.class, GreetingWebhook.class}) {
      for (GeneratedTemplate t : TemplateGenerator.create().generate(c)) {
        Path file = root.resolve(t.flavor().folder()).resolve(t.fileName());
        Files.createDirectories(file.getParent());
        Files.writeString(file, t.json());
        n++;
      }
    }
    assertThat(n).isEqualTo(2 + 8);

    Path cli = Path.of("../tools/template-validator/validate.mjs").toAbsolutePath().normalize();
    Path modules = cli.getParent().resolve("node_modules");
    boolean ready = Files.isRegularFile(cli) && Files.isDirectory(modules);
    String reason = "official validator not installed: run 'npm ci --prefix tools/template-validator'"
        + " (the template-validator module does it) to check " + root.toAbsolutePath();
    if (!ready && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(reason);
    }
    Assumptions.assumeTrue(ready, reason);
    Process node;
    try {
      node = new ProcessBuilder("node", cli.toString(), root.toAbsolutePath().toString())
          .redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw e;
      }
      Assumptions.abort("node is not on the PATH: " + e.getMessage());
      return;
    }
    String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(node.exitValue()).as(out).isZero();
    assertThat(out).contains("10 templates, 0 invalid").doesNotContain("warning");
  }
}
