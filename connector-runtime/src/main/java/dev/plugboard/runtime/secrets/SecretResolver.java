package dev.plugboard.runtime.secrets;

import dev.plugboard.sdk.SecretProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Looks secrets up in every {@link SecretProvider}, lowest {@link SecretProvider#order()} first:
 * the environment ({@code PLUGBOARD_SECRET_*}, order 100), the secrets folder (order 200), and
 * providers found with {@link ServiceLoader} on the runtime's class path.
 */
@Component
public class SecretResolver {

  private static final Logger LOG = LoggerFactory.getLogger(SecretResolver.class);

  private final List<SecretProvider> providers;

  /**
   * The runtime's resolver, configured by {@code plugboard.secrets.*}.
   *
   * @param properties the settings
   */
  @Autowired
  public SecretResolver(SecretsProperties properties) {
    this(standardProviders(properties), properties.minMaskedLength());
    LOG.info("secret providers envPrefix={} folder={} providers={}", properties.envPrefix(),
        properties.folder().toAbsolutePath().normalize(),
        providers.stream().map(p -> p.getClass().getSimpleName()).toList());
  }

  /**
   * A resolver over given providers (tests, benchmarks).
   *
   * @param providers the providers, in any order
   * @param minMaskedLength shortest value masked in logs
   */
  public SecretResolver(List<SecretProvider> providers, int minMaskedLength) {
    List<SecretProvider> sorted = new ArrayList<>(providers);
    sorted.sort(Comparator.comparingInt(SecretProvider::order));
    this.providers = List.copyOf(sorted);
    SecretMasker.minLength(minMaskedLength);
    for (SecretProvider p : sorted) {
      if (p instanceof EnvironmentSecretProvider env) {
        // Mask them before first use, in case a connector logs one that it read some other way.
        env.all().forEach((name, value) -> {
          if (!SecretMasker.maskable(value)) {
            LOG.warn("secret too short to be masked in logs secret={} minLength={}", name, minMaskedLength);
          }
        });
        SecretMasker.register(env.all().values());
      }
    }
  }

  private static List<SecretProvider> standardProviders(SecretsProperties properties) {
    List<SecretProvider> list = new ArrayList<>();
    list.add(new EnvironmentSecretProvider(properties.envPrefix(), System.getenv()));
    list.add(new FileSecretProvider(properties.folder()));
    for (SecretProvider p : ServiceLoader.load(SecretProvider.class, SecretResolver.class.getClassLoader())) {
      list.add(p);
    }
    return list;
  }

  /**
   * Finds a secret.
   *
   * @param name the secret name
   * @return the value of the first provider that knows it
   */
  public Optional<String> find(String name) {
    for (SecretProvider p : providers) {
      Optional<String> value;
      try {
        value = p.getSecret(name);
      } catch (RuntimeException e) {
        // A broken provider must not hide the others, and its message may hold a value.
        LOG.warn("secret provider failed provider={} secret={} error={}",
            p.getClass().getName(), name, e.getClass().getSimpleName());
        continue;
      }
      if (value.isPresent()) {
        return value;
      }
    }
    return Optional.empty();
  }

  /**
   * The providers in the order they are asked.
   *
   * @return the providers
   */
  public List<SecretProvider> providers() {
    return providers;
  }
}
