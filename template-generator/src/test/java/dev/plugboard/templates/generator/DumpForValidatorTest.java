package dev.plugboard.templates.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.templates.generator.fixtures.GreetingWebhook;
import dev.plugboard.templates.generator.fixtures.KitchenSinkConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Writes the fixtures' templates to {@code target/generated-templates/} so that the official npm
 * validator can check them ({@code node tools/template-validator/validate.mjs
 * template-generator/target/generated-templates}).
 */
class DumpForValidatorTest {

  @Test
  void writesFixtureTemplatesForTheOfficialValidator() throws Exception {
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
  }
}
