package dev.plugboard.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.plugboard.sdk.testkit.ConnectorTestKit;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shaded jar works in a plugin class loader of its own: Jakarta Mail and Activation find
 * their providers in the jar even when the calling thread's context class loader is another one
 * (here the test's, which holds a second copy of Jakarta Mail).
 */
class EmailPluginJarIT {

  /** The shaded jar that {@code mvn package} built (set by the failsafe configuration). */
  private static final Path PLUGIN_JAR =
      Path.of(System.getProperty("plugboard.plugin.jar", "target/missing.jar"));

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetup.dynamicPort(
      new ServerSetup[] {ServerSetupTest.SMTP, ServerSetupTest.IMAP}))
      .withConfiguration(GreenMailConfiguration.aConfig().withUser("clerk@example.com", "clerk", "pw"));

  @Test
  void sendsAndReadsMailFromTheShadedJarInItsOwnClassLoader() throws Exception {
    try (URLClassLoader plugin = ConnectorTestKit.pluginClassLoader(PLUGIN_JAR)) {
      Object connector = plugin.loadClass(EmailConnector.class.getName())
          .getConstructor().newInstance();
      assertThat(connector.getClass().getClassLoader()).isSameAs(plugin);

      ConnectorTestKit.of(connector).variable("operation", "send")
          .variable("smtpHost", "127.0.0.1").variable("smtpPort", mail.getSmtp().getPort())
          .variable("security", "NONE").variable("from", "shop@example.com")
          .variable("to", "clerk@example.com").variable("subject", "From the plugin jar")
          .variable("body", "text").variable("html", "<p>html</p>")
          .variable("attachments", List.of(Map.of("fileName", "a.txt", "contentType", "text/plain",
              "content", "aGVsbG8=")))
          .execute();
      assertThat(mail.waitForIncomingEmail(5_000, 1)).isTrue();

      Object read = ConnectorTestKit.of(connector).variable("operation", "read")
          .variable("imapHost", "127.0.0.1").variable("imapPort", mail.getImap().getPort())
          .variable("security", "NONE").variable("username", "clerk").variable("password", "pw")
          .variable("includeAttachments", true).execute();
      assertThat(read.getClass().getClassLoader()).isSameAs(plugin);
      assertThat(read.toString()).contains("From the plugin jar").contains("aGVsbG8=");
    }
  }
}
