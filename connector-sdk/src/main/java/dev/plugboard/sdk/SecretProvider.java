package dev.plugboard.sdk;

import java.util.Optional;

/**
 * A source of secret values for {@code {{secrets.NAME}}} placeholders.
 *
 * <p>The runtime ships providers for environment variables with a prefix and for a folder of
 * files; more are added with {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/dev.plugboard.sdk.SecretProvider} entry on the runtime's class path).
 * The runtime asks providers in order of {@link #order()} and takes the first value found.
 */
public interface SecretProvider {

  /**
   * Looks up one secret.
   *
   * @param name the name inside the placeholder, for example {@code SLACK_TOKEN}
   * @return the value, or empty when this provider does not know the name
   */
  Optional<String> getSecret(String name);

  /**
   * The provider's position; lower is asked first.
   *
   * @return the order, 0 by default
   */
  default int order() {
    return 0;
  }
}
