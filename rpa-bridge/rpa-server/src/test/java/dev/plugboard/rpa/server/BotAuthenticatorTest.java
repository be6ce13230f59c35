package dev.plugboard.rpa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BotAuthenticatorTest {

  @TempDir Path secrets;

  @Test
  void eachTokenFormFindsItsBotAndUnknownTokensFindNone() throws Exception {
    Files.writeString(secrets.resolve("FILE_TOKEN"), "from-file\n");
    BotAuthenticator auth = new BotAuthenticator(List.of(
        new RpaProperties.Bot("hashed", HexFormat.of().formatHex(BotAuthenticator.sha256("h-token")),
            null, List.of("a")),
        new RpaProperties.Bot("env", null, "{{secrets.ENV_TOKEN}}", List.of("b")),
        new RpaProperties.Bot("file", null, "{{ secrets.FILE_TOKEN }}", List.of("c")),
        new RpaProperties.Bot("plain", null, "plain-token", List.of("d"))),
        Map.of("PLUGBOARD_SECRET_ENV_TOKEN", "from-env"), "PLUGBOARD_SECRET_", secrets);

    assertThat(auth.authenticate("h-token")).get().extracting(RpaProperties.Bot::id).isEqualTo("hashed");
    assertThat(auth.authenticate("from-env")).get().extracting(RpaProperties.Bot::id).isEqualTo("env");
    assertThat(auth.authenticate("from-file")).get().extracting(RpaProperties.Bot::id).isEqualTo("file");
    assertThat(auth.authenticate("plain-token")).get().extracting(RpaProperties.Bot::id).isEqualTo("plain");
    assertThat(auth.authenticate("nope")).isEmpty();
    assertThat(auth.authenticate("")).isEmpty();
    assertThat(auth.authenticate(null)).isEmpty();
  }

  @Test
  void aMissingSecretOrBadDigestStopsStartWithWhatToDo() {
    assertThatThrownBy(() -> new BotAuthenticator(List.of(
        new RpaProperties.Bot("b1", null, "{{secrets.MISSING}}", List.of())), Map.of(),
        "PLUGBOARD_SECRET_", secrets))
        .hasMessageContaining("PLUGBOARD_SECRET_MISSING").hasMessageContaining("b1");
    assertThatThrownBy(() -> new BotAuthenticator(List.of(
        new RpaProperties.Bot("b2", "xyz", null, List.of())), Map.of(), "P_", secrets))
        .hasMessageContaining("64 hex digits");
    assertThatThrownBy(() -> new BotAuthenticator(List.of(
        new RpaProperties.Bot("b3", null, "t", List.of()),
        new RpaProperties.Bot("b3", null, "u", List.of())), Map.of(), "P_", secrets))
        .hasMessageContaining("used twice");
  }

  @Test
  void aBotPrintsNoToken() {
    assertThat(new RpaProperties.Bot("b", "abc", "secret-value", List.of("q")).toString())
        .doesNotContain("secret-value").doesNotContain("abc");
  }
}
