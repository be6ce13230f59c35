package dev.plugboard.rpa.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the RPA bot API ({@code plugboard.rpa.*}).
 *
 * @param enabled whether the bot API is served (only with the embedded Operaton engine)
 * @param bots the bots allowed to call the API, each with its own token and capabilities
 * @param artifactsDir where uploaded artifacts are stored, one folder per item
 * @param maxArtifactSize the largest artifact a bot may upload
 * @param maxWait the longest long-poll a fetch may ask for
 * @param defaultLockDuration the lock of a fetched item when the bot asks for none
 * @param maxLockDuration the longest lock (or heartbeat extension) a bot may ask for
 * @param defaultRetries retries of an item whose task sets none, before a technical failure
 *     becomes an incident
 * @param retryBackoff wait before a technically failed item is offered again, unless the bot
 *     says otherwise
 * @param candidateWindow how many available items a fetch looks at, highest priority first, to
 *     find those of the bot's capabilities
 */
@ConfigurationProperties("plugboard.rpa")
public record RpaProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue List<Bot> bots,
    @DefaultValue("./data/rpa-artifacts") Path artifactsDir,
    @DefaultValue("10MB") DataSize maxArtifactSize,
    @DefaultValue("PT60S") Duration maxWait,
    @DefaultValue("PT5M") Duration defaultLockDuration,
    @DefaultValue("PT1H") Duration maxLockDuration,
    @DefaultValue("3") int defaultRetries,
    @DefaultValue("PT30S") Duration retryBackoff,
    @DefaultValue("500") int candidateWindow) {

  /**
   * One bot.
   *
   * @param id the bot id (also the engine's worker id, prefixed {@code rpa:})
   * @param tokenSha256 the hex SHA-256 of the bot's token (preferred: no token in the config)
   * @param token the bot's token, typically a {@code {{secrets.NAME}}} placeholder
   * @param capabilities the queues this bot serves
   */
  public record Bot(String id, String tokenSha256, String token, List<String> capabilities) {
    public Bot {
      capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
    }

    @Override
    public String toString() {
      // Never print a token, not even its hash.
      return "Bot[id=" + id + ", capabilities=" + capabilities + "]";
    }
  }
}
