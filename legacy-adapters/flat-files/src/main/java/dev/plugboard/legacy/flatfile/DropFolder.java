package dev.plugboard.legacy.flatfile;

import dev.plugboard.sdk.ConnectorException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * A folder on the runtime's machine that the connector may read and write, and nothing outside
 * it. Paths are normalized and checked before any file is touched; symbolic links that lead out
 * are refused as well. Writes go to a hidden temporary name first and are renamed into place.
 */
final class DropFolder {

  private final Path root;

  DropFolder(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  Path root() {
    return root;
  }

  Path resolve(String path) {
    if (path == null || path.isBlank()) {
      throw new ConnectorException("INVALID_INPUT", "'path' is empty; give a file path inside the drop folder.");
    }
    if (path.indexOf('\0') >= 0) {
      throw new ConnectorException("INVALID_INPUT", "'path' contains a NUL character.");
    }
    String relative = path.replace('\\', '/');
    while (relative.startsWith("/")) {
      relative = relative.substring(1);
    }
    Path resolved;
    try {
      resolved = root.resolve(relative).normalize();
    } catch (InvalidPathException e) {
      throw new ConnectorException("INVALID_INPUT", "'path' " + path + " is not a valid path: " + e.getReason());
    }
    if (!resolved.startsWith(root) || resolved.equals(root)) {
      throw outside(path);
    }
    try {
      // A symbolic link inside the folder must not lead outside it either.
      Path existing = resolved;
      while (existing != null && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      if (existing != null && Files.exists(root) && !existing.toRealPath().startsWith(root.toRealPath())) {
        throw outside(path);
      }
    } catch (IOException e) {
      throw new ConnectorException("FILE_ACCESS_FAILED", "Cannot check " + path + ": " + e.getMessage());
    }
    return resolved;
  }

  private ConnectorException outside(String path) {
    return new ConnectorException("PATH_OUTSIDE_ROOT", "The path '" + path
        + "' leads outside the drop folder; use a path inside it (relative to the drop folder).");
  }

  byte[] read(Path file, long maxBytes, String shown) {
    if (!Files.isRegularFile(file)) {
      throw new ConnectorException("FILE_NOT_FOUND", "The file " + shown
          + " does not exist in the drop folder" + (Files.isDirectory(file) ? " (it is a folder)" : "") + ".");
    }
    try {
      long size = Files.size(file);
      if (size > maxBytes) {
        throw new ConnectorException("FILE_TOO_LARGE", "The file " + shown + " has " + size
            + " bytes, more than 'maxBytes' (" + maxBytes + ").");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ConnectorException("FILE_ACCESS_FAILED", "Cannot read " + shown + ": " + e.getMessage());
    }
  }

  void write(Path file, byte[] content, boolean overwrite, String shown) {
    if (Files.isDirectory(file) || (!overwrite && Files.exists(file))) {
      throw new ConnectorException("FILE_EXISTS", "The drop folder already has " + shown
          + ". Set 'overwrite' to replace it, or choose another name.");
    }
    Path temp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID().toString().substring(0, 8) + ".part");
    try {
      Files.createDirectories(file.getParent());
      Files.write(temp, content);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw new ConnectorException("FILE_ACCESS_FAILED", "Cannot write " + shown + ": " + e.getMessage());
    }
  }
}
