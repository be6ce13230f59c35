package dev.plugboard.it.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import dev.plugboard.it.LocalServices;
import dev.plugboard.it.RuntimeProcess;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Another JMS provider added to a running runtime without rebuilding or reloading the
 * {@code legacy-jms} plugin: the RabbitMQ JMS client's jars are copied into the runtime's
 * {@code drivers/jms/rabbitmq/} while it runs, and the next invocation of {@code plugboard:jms:1}
 * with {@code com.rabbitmq.jms.admin.RMQConnectionFactory} sends to the real RabbitMQ on
 * localhost:5672 (skipped when it is absent, failing under {@code CI=true}).
 */
class LegacyJmsProviderFolderTest {

  static final String FACTORY = "com.rabbitmq.jms.admin.RMQConnectionFactory";
  static RuntimeProcess runtime;
  static final String QUEUE = "plugboard-it-jms-" + UUID.randomUUID();

  @BeforeAll
  static void start() {
    LocalServices.require("RabbitMQ", "localhost", 5672);
    runtime = RuntimeProcess.builder("legacy-jms-providers")
        .withPlugin(LegacyInbound.plugin("legacy-jms"))
        .env("PLUGBOARD_SECRET_IT_RABBIT_PASSWORD", "guest")
        .start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (runtime != null) {
      runtime.close();
    }
    try (com.rabbitmq.client.Connection c = rabbit().newConnection()) {
      c.createChannel().queueDelete(QUEUE);
    } catch (Exception ignored) {
      // RabbitMQ absent: the test was skipped and created nothing
    }
  }

  static ConnectionFactory rabbit() throws Exception {
    ConnectionFactory f = new ConnectionFactory();
    f.setUri("amqp://guest:guest@localhost:5672");
    return f;
  }

  static HttpResponse<String> send() throws Exception {
    String variables = LegacyInbound.JSON.writeValueAsString(Map.of(
        "connectionFactoryClass", FACTORY,
        "connectionFactoryProperties", Map.of("host", "localhost", "port", 5672),
        "username", "guest",
        "password", "{{secrets.IT_RABBIT_PASSWORD}}",
        "operation", "SEND",
        "destinationType", "QUEUE",
        "destination", QUEUE,
        "body", Map.of("orderId", "o-1")));
    return runtime.postJson("/api/connectors/plugboard:jms:1/invoke", "{\"variables\": " + variables + "}");
  }

  @Test
  void aProviderDroppedIntoTheRunningRuntimesFolderIsUsedByTheNextInvocation() throws Exception {
    HttpResponse<String> before = send();
    assertThat(before.statusCode()).as(before.body()).isNotEqualTo(200);
    assertThat(before.body()).contains("INVALID_INPUT").contains(FACTORY).contains("drivers/jms")
        .contains("providers there: none");

    Path target = Files.createDirectories(runtime.workDir().resolve("drivers/jms/rabbitmq"));
    Path jars = Path.of(System.getProperty("plugboard.test.jmsProviders", "target/jms-providers"), "rabbitmq");
    try (Stream<Path> files = Files.list(jars)) {
      for (Path jar : files.toList()) {
        Files.copy(jar, target.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }

    HttpResponse<String> sent = send();
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    assertThat(LegacyInbound.JSON.readTree(sent.body()).toString()).contains("messageId");
    try (com.rabbitmq.client.Connection c = rabbit().newConnection()) {
      Channel ch = c.createChannel();
      await().atMost(Duration.ofSeconds(30)).until(() -> ch.queueDeclarePassive(QUEUE).getMessageCount() == 1);
    }
    assertThat(runtime.log()).contains("event=jms_provider_loaded provider=rabbitmq jars=2");
  }
}
