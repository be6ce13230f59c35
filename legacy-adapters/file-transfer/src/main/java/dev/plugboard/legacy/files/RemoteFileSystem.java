package dev.plugboard.legacy.files;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The few file operations the connector needs, over one open connection (SFTP or FTP). Paths
 * are absolute server paths already confined to the root by {@link RemotePaths}. Failures are
 * {@link dev.plugboard.sdk.ConnectorException}s with the connector's codes, or IOExceptions the
 * connector turns into {@code TRANSFER_FAILED}.
 */
interface RemoteFileSystem extends AutoCloseable {

  /** Size and kind of a path, or empty when it does not exist. */
  Optional<RemoteFile> stat(String path) throws IOException;

  /** The entries of a folder (without {@code .} and {@code ..}). */
  List<RemoteFile> list(String folder) throws IOException;

  /** Reads a whole file. */
  byte[] read(String path, long maxBytes) throws IOException;

  /** Writes a new file (the caller picks a fresh temporary name). */
  void write(String path, byte[] content) throws IOException;

  /** Renames; the caller has checked that the target does not exist or may be replaced. */
  void rename(String from, String to, boolean replace) throws IOException;

  /** Deletes a file. */
  void delete(String path) throws IOException;

  /** Creates a folder and its missing parents. */
  void createFolders(String folder) throws IOException;

  @Override
  void close();
}
