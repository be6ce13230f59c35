package dev.plugboard.rpa.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Artifacts (logs, screenshots) bots upload for an item, on disk under
 * {@code <artifactsDir>/<itemId>/<name>}. Names are plain file names (letters, digits, dot,
 * dash, underscore; no leading dot), so nothing can be written outside the item's folder.
 */
public final class ArtifactStore {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");
  private static final Pattern ITEM = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final Path root;
  private final long maxSize;

  /**
   * @param root the artifacts folder
   * @param maxSize the largest artifact in bytes
   */
  public ArtifactStore(Path root, long maxSize) {
    this.root = root.toAbsolutePath().normalize();
    this.maxSize = maxSize;
  }

  /**
   * Stores an artifact, replacing one of the same name.
   *
   * @param itemId the item
   * @param name the file name
   * @param body the content
   * @return the stored artifact
   */
  public RpaApi.Artifact store(String itemId, String name, InputStream body) {
    Path dir = itemDir(itemId);
    checkName(name);
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".upload-", ".tmp");
      long size = 0;
      try (OutputStream out = Files.newOutputStream(tmp)) {
        byte[] buf = new byte[64 * 1024];
        for (int n; (n = body.read(buf)) > 0; ) {
          size += n;
          if (size > maxSize) {
            throw new RpaException(413, "ARTIFACT_TOO_LARGE", "Artifact '" + name + "' of item '"
                + itemId + "' is larger than " + maxSize + " bytes (plugboard.rpa.max-artifact-size)");
          }
          out.write(buf, 0, n);
        }
      } catch (RuntimeException | IOException e) {
        Files.deleteIfExists(tmp);
        throw e;
      }
      Path target = dir.resolve(name);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return new RpaApi.Artifact(name, size, target.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not store artifact '" + name + "' of item '" + itemId
          + "' under " + dir, e);
    }
  }

  /**
   * The artifacts of an item.
   *
   * @param itemId the item
   * @return the artifacts, by name
   */
  public List<RpaApi.Artifact> list(String itemId) {
    Path dir = itemDir(itemId);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted()
          .map(p -> new RpaApi.Artifact(p.getFileName().toString(), sizeOf(p), p.toString()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list artifacts under " + dir, e);
    }
  }

  /**
   * The file of an artifact.
   *
   * @param itemId the item
   * @param name the name
   * @return the path (may not exist)
   */
  public Path file(String itemId, String name) {
    checkName(name);
    return itemDir(itemId).resolve(name);
  }

  private Path itemDir(String itemId) {
    if (itemId == null || !ITEM.matcher(itemId).matches()) {
      throw new RpaException(400, "INVALID_ITEM_ID", "Item id '" + itemId + "' is not an item id");
    }
    return root.resolve(itemId);
  }

  private static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new RpaException(400, "INVALID_ARTIFACT_NAME", "Artifact name '" + name + "' is not"
          + " allowed: use 1-128 letters, digits, '.', '-' or '_', not starting with '.'");
    }
  }

  private static long sizeOf(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return -1;
    }
  }
}
