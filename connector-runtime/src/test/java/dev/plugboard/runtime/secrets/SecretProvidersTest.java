package dev.plugboard.runtime.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.sdk.SecretProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretProvidersTest {

  @TempDir Path folder;

  @AfterEach
  void forget() {
    SecretMasker.clear();
  }

  @Test
  void environmentProviderReadsOnlyPrefixedVariables() {
    EnvironmentSecretProvider env = new EnvironmentSecretProvider("PLUGBOARD_SECRET_",
        Map.of("PLUGBOARD_SECRET_SLACK_TOKEN", "xoxb-1", "DB_PASSWORD", "hidden", "PLUGBOARD_SECRET_", "x"));
    assertThat(env.getSecret("SLACK_TOKEN")).contains("xoxb-1");
    assertThat(env.getSecret("DB_PASSWORD")).isEmpty();
    assertThat(env.all()).containsOnlyKeys("SLACK_TOKEN");
  }

  @Test
  void fileProviderTrimsOneTrailingNewlineAndSeesChanges() throws Exception {
    FileSecretProvider files = new FileSecretProvider(folder);
    Files.writeString(folder.resolve("API_KEY"), "first\n");
    assertThat(files.getSecret("API_KEY")).contains("first");
    Files.writeString(folder.resolve("API_KEY"), "second\r\n");
    assertThat(files.getSecret("API_KEY")).contains("second");
    Files.writeString(folder.resolve("MULTI"), "line1\nline2\n\n");
    assertThat(files.getSecret("MULTI")).contains("line1\nline2\n");
    assertThat(files.getSecret("MISSING")).isEmpty();
  }

  @Test
  void fileProviderNeverLeavesItsFolder() throws Exception {
    Path inner = Files.createDirectory(folder.resolve("secrets"));
    Files.writeString(folder.resolve("outside"), "nope");
    FileSecretProvider files = new FileSecretProvider(inner);
    assertThat(files.getSecret("../outside")).isEmpty();
    assertThat(files.getSecret("..")).isEmpty();
    assertThat(files.getSecret("/etc/passwd")).isEmpty();
  }

  @Test
  void resolverAsksProvidersInOrderAndSurvivesABrokenOne() {
    SecretProvider broken = new SecretProvider() {
      @Override public Optional<String> getSecret(String name) { throw new IllegalStateException("vault down"); }
      @Override public int order() { return 1; }
    };
    SecretProvider second = new SecretProvider() {
      @Override public Optional<String> getSecret(String name) { return Optional.of("from-second"); }
      @Override public int order() { return 300; }
    };
    EnvironmentSecretProvider env = new EnvironmentSecretProvider("P_", Map.of("P_A", "from-env"));
    SecretResolver resolver = new SecretResolver(List.of(second, env, broken), 4);
    assertThat(resolver.find("A")).contains("from-env");
    assertThat(resolver.find("B")).contains("from-second");
    // Environment secrets are masked before their first use.
    assertThat(SecretMasker.mask("value from-env here")).isEqualTo("value **** here");
  }

  @Test
  void runtimeResolverUsesEnvironmentFolderAndServiceLoaderProviders() throws Exception {
    Files.writeString(folder.resolve("FILE_SECRET"), "from-file\n");
    SecretResolver resolver = new SecretResolver(new SecretsProperties("PLUGBOARD_SECRET_", folder, 4));
    assertThat(resolver.find("FILE_SECRET")).contains("from-file");
    assertThat(resolver.find("FROM_SPI")).contains("spi-value");
    assertThat(resolver.providers()).extracting(p -> p.getClass().getSimpleName())
        .containsExactly("EnvironmentSecretProvider", "FileSecretProvider", "SpiTestSecretProvider");
  }

  @Test
  void maskerMasksLongestValuesFirstAndSkipsTooShortOnes() {
    SecretMasker.minLength(4);
    SecretMasker.register(List.of("abcd", "abcdef", "xy"));
    assertThat(SecretMasker.mask("abcdef abcd xy")).isEqualTo("**** **** xy");
    assertThat(SecretMasker.mask("one-off secret", List.of("one-off"))).isEqualTo("**** secret");
    assertThat(SecretMasker.mask(null)).isNull();
    assertThat(SecretMasker.maskDeep(Map.of("a", List.of("x abcd", 1), "abcdef", true)))
        .isEqualTo(Map.of("a", List.of("x ****", 1), "****", true));
  }
}
