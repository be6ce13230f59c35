package dev.plugboard.legacy.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.sdk.ConnectorException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The providers folder: lookup by class name, reload on change, ambiguity, an absent folder. */
class ProviderJarsTest {

  @TempDir Path folder;

  static void jar(Path file, String... entries) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
      for (String e : entries) {
        jar.putNextEntry(new JarEntry(e));
        jar.write(e.getBytes());
        jar.closeEntry();
      }
    }
  }

  @Test
  void aClassIsFoundInItsProviderFolderAndAChangedJarGetsANewClassLoader() throws Exception {
    jar(folder.resolve("acme/acme-jms.jar"), "com/acme/jms/AcmeConnectionFactory.class");
    jar(folder.resolve("acme/acme-transport.jar"), "com/acme/net/Transport.class");
    jar(folder.resolve("other-all-in-one.jar"), "org/other/OtherFactory.class");
    try (ProviderJars providers = new ProviderJars(folder)) {
      assertThat(providers.providers()).extracting(ProviderJars.Provider::name)
          .containsExactly("acme", "other-all-in-one.jar");
      ProviderJars.Loaded acme = providers.find("com.acme.jms.AcmeConnectionFactory");
      assertThat(acme.provider().name()).isEqualTo("acme");
      assertThat(acme.provider().jars()).hasSize(2);
      assertThat(providers.find("com.acme.jms.AcmeConnectionFactory")).isSameAs(acme);
      assertThat(providers.find("org.other.OtherFactory").provider().name()).isEqualTo("other-all-in-one.jar");
      assertThat(providers.find("com.ibm.mq.jakarta.jms.MQConnectionFactory")).isNull();

      // The operator replaces the client jar with a newer one: a new loader, without a restart.
      jar(folder.resolve("acme/acme-jms.jar"), "com/acme/jms/AcmeConnectionFactory.class", "com/acme/jms/New.class");
      ProviderJars.Loaded updated = providers.find("com.acme.jms.AcmeConnectionFactory");
      assertThat(updated).isNotSameAs(acme);
      assertThat(updated.loader()).isNotSameAs(acme.loader());
    }
  }

  @Test
  void aClassInTwoProvidersIsRefusedNamingBoth() throws Exception {
    jar(folder.resolve("one/a.jar"), "com/x/Factory.class");
    jar(folder.resolve("two/b.jar"), "com/x/Factory.class");
    try (ProviderJars providers = new ProviderJars(folder)) {
      assertThatThrownBy(() -> providers.find("com.x.Factory"))
          .isInstanceOf(ConnectorException.class)
          .hasMessageContaining("[one, two]")
          .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("INVALID_INPUT"));
    }
  }

  @Test
  void anAbsentFolderHasNoProviders() {
    try (ProviderJars providers = new ProviderJars(folder.resolve("missing"))) {
      assertThat(providers.providers()).isEmpty();
      assertThat(providers.find("com.x.Factory")).isNull();
    }
  }
}
