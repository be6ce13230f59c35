package dev.plugboard.runtime.secrets;

import dev.plugboard.sdk.SecretProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secrets from a folder of files, the way Kubernetes mounts a Secret: the file name is the secret
 * name, the content its value (one trailing newline trimmed). Files are read on each lookup, so a
 * rotated secret (Kubernetes swaps a symbolic link) is used from the next invocation on.
 */
public final class FileSecretProvider implements SecretProvider {

  private static final Logger LOG = LoggerFactory.getLogger(FileSecretProvider.class);
  /** Names that cannot leave the folder ({@code ..}, slashes) and skip Kubernetes' dot files. */
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_\\-][A-Za-z0-9_.\\-]*");

  private final Path folder;

  /**
   * A provider over a folder.
   *
   * @param folder the folder; it may not exist (yet)
   */
  public FileSecretProvider(Path folder) {
    this.folder = folder.toAbsolutePath().normalize();
  }

  /**
   * The folder read.
   *
   * @return the absolute folder
   */
  public Path folder() {
    return folder;
  }

  @Override
  public Optional<String> getSecret(String name) {
    if (!SAFE_NAME.matcher(name).matches() || name.contains("..")) {
      return Optional.empty();
    }
    Path file = folder.resolve(name);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      String value = Files.readString(file, StandardCharsets.UTF_8);
      if (value.endsWith("\r\n")) {
        value = value.substring(0, value.length() - 2);
      } else if (value.endsWith("\n")) {
        value = value.substring(0, value.length() - 1);
      }
      return Optional.of(value);
    } catch (IOException e) {
      LOG.warn("secret file unreadable secret={} file={} error={}", name, file, e.getClass().getSimpleName());
      return Optional.empty();
    }
  }

  @Override
  public int order() {
    return 200;
  }
}
