package dev.plugboard.rpa.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the bot a bearer token belongs to. Tokens are kept only as SHA-256 digests and compared
 * in constant time; a configured {@code token} may be a {@code {{secrets.NAME}}} placeholder,
 * resolved like the runtime's secrets (environment variable {@code <prefix>NAME}, else the file
 * {@code <folder>/NAME}).
 */
public final class BotAuthenticator {

  private static final Logger log = LoggerFactory.getLogger(BotAuthenticator.class);
  private static final Pattern SECRET = Pattern.compile("^\\{\\{\\s*secrets\\.([A-Za-z0-9_.-]+)\\s*}}$");

  private record Entry(byte[] digest, RpaProperties.Bot bot) {}

  private final List<Entry> entries = new ArrayList<>();

  /**
   * @param bots the configured bots
   * @param env the environment (for secret placeholders)
   * @param secretPrefix the environment prefix of secrets
   * @param secretFolder the folder of secret files
   * @throws IllegalStateException when a bot has no usable token, or two bots share an id
   */
  public BotAuthenticator(List<RpaProperties.Bot> bots, Map<String, String> env,
      String secretPrefix, Path secretFolder) {
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (RpaProperties.Bot bot : bots) {
      if (bot.id() == null || bot.id().isBlank()) {
        throw new IllegalStateException("plugboard.rpa.bots: a bot has no id; give each bot an id");
      }
      if (!ids.add(bot.id())) {
        throw new IllegalStateException("plugboard.rpa.bots: bot id '" + bot.id()
            + "' is used twice; bot ids must be unique");
      }
      entries.add(new Entry(digestOf(bot, env, secretPrefix, secretFolder), bot));
    }
    log.info("RPA bots configured count={} bots={}", bots.size(), bots);
  }

  /**
   * The bot of a token.
   *
   * @param token the bearer token
   * @return the bot, or empty when no bot has this token
   */
  public Optional<RpaProperties.Bot> authenticate(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    byte[] digest = sha256(token);
    RpaProperties.Bot found = null;
    for (Entry e : entries) {
      // Every entry is compared, so the time taken does not tell which bot was close.
      if (MessageDigest.isEqual(e.digest(), digest)) {
        found = e.bot();
      }
    }
    return Optional.ofNullable(found);
  }

  private static byte[] digestOf(RpaProperties.Bot bot, Map<String, String> env, String prefix,
      Path folder) {
    if (bot.tokenSha256() != null && !bot.tokenSha256().isBlank()) {
      try {
        byte[] d = HexFormat.of().parseHex(bot.tokenSha256().trim().toLowerCase());
        if (d.length == 32) {
          return d;
        }
      } catch (IllegalArgumentException ignored) {
        // reported below
      }
      throw new IllegalStateException("plugboard.rpa.bots: token-sha256 of bot '" + bot.id()
          + "' is not 64 hex digits; compute it with `printf %s \"$TOKEN\" | sha256sum`");
    }
    if (bot.token() == null || bot.token().isBlank()) {
      throw new IllegalStateException("plugboard.rpa.bots: bot '" + bot.id() + "' has neither"
          + " token-sha256 nor token; set one (token may be a {{secrets.NAME}} placeholder)");
    }
    Matcher m = SECRET.matcher(bot.token().trim());
    if (!m.matches()) {
      return sha256(bot.token());
    }
    String name = m.group(1);
    String value = env.get(prefix + name);
    if (value == null) {
      Path file = folder.resolve(name);
      try {
        if (Files.isRegularFile(file)) {
          value = Files.readString(file, StandardCharsets.UTF_8);
          if (value.endsWith("\n")) {
            value = value.substring(0, value.length() - 1);
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException("plugboard.rpa.bots: secret file of bot '" + bot.id()
            + "' unreadable: " + file, e);
      }
    }
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException("plugboard.rpa.bots: the token of bot '" + bot.id()
          + "' is secret '" + name + "', which is not set; set environment variable " + prefix
          + name + " or create the file " + folder.resolve(name));
    }
    return sha256(value);
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
