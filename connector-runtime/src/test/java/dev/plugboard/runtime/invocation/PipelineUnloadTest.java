package dev.plugboard.runtime.invocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plugboard.runtime.feel.FeelEvaluator;
import dev.plugboard.runtime.invocation.fixtures.InMemoryConnectorRegistry;
import dev.plugboard.runtime.metrics.ConnectorMetrics;
import dev.plugboard.runtime.secrets.SecretResolver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * After a connector is removed from the registry, nothing the pipeline keeps (binder cache,
 * validator, worker threads, MDC, metrics, FEEL) holds its class loader.
 */
class PipelineUnloadTest {

  /** Loads the test fixtures itself, like a plugin class loader; everything else from the parent. */
  static final class FixtureLoader extends ClassLoader {
    FixtureLoader(ClassLoader parent) {
      super(parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("dev.plugboard.runtime.invocation.fixtures.")
          || name.endsWith("InMemoryConnectorRegistry")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
            byte[] bytes = in.readAllBytes();
            c = defineClass(name, bytes, 0, bytes.length);
          } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
          }
        }
        return c;
      }
    }
  }

  @Test
  void removingAConnectorLetsItsClassLoaderBeCollected() throws Exception {
    DefaultCamelContext camel = new DefaultCamelContext();
    camel.start();
    InMemoryConnectorRegistry registry = new InMemoryConnectorRegistry(camel);
    DefaultInvocationPipeline pipeline = new DefaultInvocationPipeline(registry,
        camel.createProducerTemplate(), new FeelEvaluator(), new SecretResolver(List.of(), 4),
        new ConnectorMetrics(new SimpleMeterRegistry()), InvocationProperties.defaults());
    try {
      WeakReference<ClassLoader> loader = loadRunAndRemove(registry, pipeline);
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
        System.gc();
        return loader.get() == null;
      });
    } finally {
      pipeline.destroy();
      camel.stop();
    }
  }

  private static WeakReference<ClassLoader> loadRunAndRemove(InMemoryConnectorRegistry registry,
      DefaultInvocationPipeline pipeline) throws Exception {
    FixtureLoader loader = new FixtureLoader(PipelineUnloadTest.class.getClassLoader());
    Class<?> type = loader.loadClass("dev.plugboard.runtime.invocation.fixtures.EchoConnector");
    assertThat(type.getClassLoader()).isSameAs(loader);
    registry.register(type.getConstructor().newInstance());
    for (int i = 0; i < 5; i++) {
      Outcome ok = pipeline.invoke(new InvocationRequest("test:echo:1",
          Map.of("text", "x" + i, "apiKey", "k-" + i), Map.of("resultExpression", "={t: response.text}"), "j", null));
      assertThat(ok).isInstanceOf(Outcome.Completed.class);
    }
    Outcome invalid = pipeline.invoke(new InvocationRequest("test:echo:1", Map.of("times", 0), Map.of(), "j", null));
    assertThat(((Outcome.Failed) invalid).code()).isEqualTo("INVALID_INPUT");
    registry.remove("test:echo:1");
    assertThat(pipeline.preparedCount()).isZero();
    return new WeakReference<>(loader);
  }
}
