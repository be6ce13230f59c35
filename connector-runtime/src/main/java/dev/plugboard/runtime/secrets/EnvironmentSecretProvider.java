package dev.plugboard.runtime.secrets;

import dev.plugboard.sdk.SecretProvider;
import java.util.Map;
import java.util.Optional;

/**
 * Secrets from environment variables with a prefix: {@code PLUGBOARD_SECRET_SLACK_TOKEN} provides
 * {@code {{secrets.SLACK_TOKEN}}}. Variables without the prefix are never exposed, so a
 * placeholder cannot read {@code PATH} or a database password of the host.
 */
public final class EnvironmentSecretProvider implements SecretProvider {

  private final String prefix;
  private final Map<String, String> environment;

  /**
   * A provider over an environment.
   *
   * @param prefix the name prefix, for example {@code PLUGBOARD_SECRET_}
   * @param environment the variables, usually {@link System#getenv()}
   */
  public EnvironmentSecretProvider(String prefix, Map<String, String> environment) {
    this.prefix = prefix;
    this.environment = environment;
  }

  @Override
  public Optional<String> getSecret(String name) {
    return Optional.ofNullable(environment.get(prefix + name));
  }

  /**
   * The values of every prefixed variable, so that they can be masked before first use.
   *
   * @return the secret values by name
   */
  public Map<String, String> all() {
    Map<String, String> result = new java.util.TreeMap<>();
    environment.forEach((k, v) -> {
      if (k.startsWith(prefix) && k.length() > prefix.length()) {
        result.put(k.substring(prefix.length()), v);
      }
    });
    return result;
  }

  @Override
  public int order() {
    return 100;
  }
}
