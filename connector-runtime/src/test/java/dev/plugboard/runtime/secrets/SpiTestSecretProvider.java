package dev.plugboard.runtime.secrets;

import dev.plugboard.sdk.SecretProvider;
import java.util.Optional;

/** Registered in the test class path's META-INF/services: proves ServiceLoader discovery. */
public class SpiTestSecretProvider implements SecretProvider {

  @Override
  public Optional<String> getSecret(String name) {
    return name.equals("FROM_SPI") ? Optional.of("spi-value") : Optional.empty();
  }

  @Override
  public int order() {
    return 500;
  }
}
