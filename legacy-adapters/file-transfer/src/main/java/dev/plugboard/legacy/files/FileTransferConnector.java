package dev.plugboard.legacy.files;

import dev.plugboard.sdk.Connector;
import dev.plugboard.sdk.ConnectorContext;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.OutboundConnector;
import dev.plugboard.sdk.RetryableException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * Uploads, downloads, lists, moves, renames and deletes files on SFTP, FTP and FTPS servers,
 * confined to a root folder.
 *
 * <p>Uses the protocol libraries directly (Apache MINA SSHD, Apache Commons Net) rather than
 * camel-ftp: the connector must check host keys with its own rules and name the fingerprint in
 * the error, refuse paths before connecting, and write through a temporary name; camel-ftp's
 * JSch-based SFTP and its component discovery would get in the way of all three.
 *
 * <p>Error codes: {@code PATH_OUTSIDE_ROOT}, {@code SFTP_HOST_KEY_UNKNOWN},
 * {@code SFTP_HOST_KEY_CHANGED}, {@code AUTH_FAILED}, {@code CONNECTION_FAILED} (retryable),
 * {@code FILE_NOT_FOUND}, {@code FILE_EXISTS}, {@code FILE_TOO_LARGE}, {@code PERMISSION_DENIED},
 * {@code TLS_FAILED}, {@code TRANSFER_FAILED} (retryable), {@code INVALID_INPUT}.
 */
@Connector(type = "plugboard:file-transfer:1", name = "SFTP / FTP file transfer",
    description = "Upload, download, list, move, rename and delete files on an SFTP, FTP or FTPS server.",
    category = "Legacy", icon = "icons/file-transfer.svg",
    keywords = {"sftp", "ftp", "ftps", "ssh", "file", "upload", "download", "edi"},
    timeout = "PT120S")
public class FileTransferConnector
    implements OutboundConnector<FileTransferInput, FileTransferResult>, AutoCloseable {

  private SshClient ssh;

  /** For the runtime. */
  public FileTransferConnector() {}

  @Override
  public FileTransferResult execute(FileTransferInput in, ConnectorContext context) {
    RemotePaths paths = new RemotePaths(in.rootDirectory());
    // Every path is checked before anything touches the server.
    String path = paths.resolve(in.path());
    String target = switch (in.operation()) {
      case MOVE -> paths.resolve(required(in.targetPath(), "targetPath", "the new path"));
      case RENAME -> renameTarget(path, in.targetPath());
      default -> null;
    };
    byte[] upload = in.operation() == FileOperation.UPLOAD ? decode(in) : null;
    long started = System.nanoTime();
    try (RemoteFileSystem fs = open(in)) {
      FileTransferResult result = run(fs, in, paths, path, target, upload);
      context.logger().info("event=file_transfer protocol={} host={} operation={} path={} durationMs={}",
          in.protocol(), in.host(), in.operation(), path, (System.nanoTime() - started) / 1_000_000);
      return result;
    } catch (SftpException e) {
      throw translate(e, in, path);
    } catch (IOException e) {
      throw new RetryableException("TRANSFER_FAILED", in.operation() + " of " + path + " on "
          + in.host() + " failed: " + e.getMessage(), null, e);
    }
  }

  private FileTransferResult run(RemoteFileSystem fs, FileTransferInput in, RemotePaths paths,
      String path, String target, byte[] upload) throws IOException {
    String where = in.protocol() + " server " + in.host();
    switch (in.operation()) {
      case UPLOAD -> {
        Optional<RemoteFile> existing = fs.stat(path);
        if (existing.isPresent() && (existing.get().directory() || !in.overwrite())) {
          throw exists(path, where, existing.get().directory());
        }
        String folder = RemotePaths.parent(path);
        fs.createFolders(folder);
        // Readers never see a half-written file: write a hidden temporary name, then rename.
        String temp = (folder.equals("/") ? "" : folder) + "/." + RemotePaths.name(path) + "."
            + UUID.randomUUID().toString().substring(0, 8) + ".part";
        try {
          fs.write(temp, upload);
          fs.rename(temp, path, in.overwrite());
        } catch (IOException | RuntimeException e) {
          try {
            fs.delete(temp);
          } catch (IOException | RuntimeException cleanup) {
            e.addSuppressed(cleanup);
          }
          throw e;
        }
        return new FileTransferResult(relative(paths, path), (long) upload.length, null, null, null, null);
      }
      case DOWNLOAD -> {
        RemoteFile file = existingFile(fs, path, where);
        if (file.size() > in.maxBytes()) {
          throw tooLarge(path, file.size(), in.maxBytes());
        }
        byte[] bytes = fs.read(path, in.maxBytes());
        String content = in.encoding() == ContentEncoding.BASE64
            ? Base64.getEncoder().encodeToString(bytes) : new String(bytes, StandardCharsets.UTF_8);
        return new FileTransferResult(relative(paths, path), (long) bytes.length, content, in.encoding(), null, null);
      }
      case LIST -> {
        Optional<RemoteFile> folder = fs.stat(path);
        if (folder.isEmpty() || !folder.get().directory()) {
          throw new ConnectorException("FILE_NOT_FOUND", "The folder " + path + " does not exist on the "
              + where + (folder.isPresent() ? " (it is a file)" : "") + ".");
        }
        List<RemoteFile> files = fs.list(path).stream()
            .map(f -> new RemoteFile(f.name(), relative(paths, f.path()), f.directory(), f.size(), f.modified()))
            .toList();
        return new FileTransferResult(relative(paths, path), null, null, null, files, null);
      }
      case MOVE, RENAME -> {
        existingFile(fs, path, where);
        Optional<RemoteFile> existing = fs.stat(target);
        if (existing.isPresent() && (existing.get().directory() || !in.overwrite())) {
          throw exists(target, where, existing.get().directory());
        }
        fs.createFolders(RemotePaths.parent(target));
        fs.rename(path, target, in.overwrite());
        return new FileTransferResult(relative(paths, path), null, null, null, null, relative(paths, target));
      }
      case DELETE -> {
        existingFile(fs, path, where);
        fs.delete(path);
        return new FileTransferResult(relative(paths, path), null, null, null, null, null);
      }
      default -> throw new IllegalStateException("unknown operation " + in.operation());
    }
  }

  private RemoteFileSystem open(FileTransferInput in) {
    return switch (in.protocol()) {
      case SFTP -> SftpFileSystem.open(sshClient(), in);
      case FTP, FTPS -> FtpFileSystem.open(in);
    };
  }

  private synchronized SshClient sshClient() {
    if (ssh == null) {
      SshClient client = SshClient.setUpDefaultClient();
      client.setServerKeyVerifier(HostKeyCheck.VERIFIER);
      client.start();
      ssh = client;
    }
    return ssh;
  }

  private static RemoteFile existingFile(RemoteFileSystem fs, String path, String where) throws IOException {
    Optional<RemoteFile> file = fs.stat(path);
    if (file.isEmpty()) {
      throw new ConnectorException("FILE_NOT_FOUND", "The file " + path + " does not exist on the "
          + where + ". Check the path (it is relative to the root folder) or list the folder.");
    }
    if (file.get().directory()) {
      throw new ConnectorException("INVALID_INPUT", path + " on the " + where
          + " is a folder; this operation needs a file.");
    }
    return file.get();
  }

  private static ConnectorException exists(String path, String where, boolean directory) {
    return new ConnectorException("FILE_EXISTS", "The " + where + " already has "
        + (directory ? "a folder " : "a file ") + path + "."
        + (directory ? "" : " Set 'overwrite' to replace it, or choose another name."));
  }

  private static ConnectorException tooLarge(String path, long size, long max) {
    return new ConnectorException("FILE_TOO_LARGE", "The file " + path + " has " + size
        + " bytes, more than 'maxBytes' (" + max + "). Raise 'maxBytes' or process the file in another way.");
  }

  private static String renameTarget(String path, String newName) {
    String name = required(newName, "targetPath", "the new file name");
    if (name.contains("/") || name.equals("..") || name.equals(".")) {
      throw new ConnectorException("INVALID_INPUT", "RENAME takes a file name in 'targetPath', not a"
          + " path ('" + name + "'); use MOVE to put the file into another folder.");
    }
    String folder = RemotePaths.parent(path);
    return (folder.equals("/") ? "" : folder) + "/" + name;
  }

  private static String required(String value, String field, String what) {
    if (value == null || value.isBlank()) {
      throw new ConnectorException("INVALID_INPUT", "'" + field + "' is empty; give " + what + ".");
    }
    return value.strip();
  }

  private static byte[] decode(FileTransferInput in) {
    String content = in.content() == null ? "" : in.content();
    if (in.encoding() == ContentEncoding.BASE64) {
      try {
        return Base64.getMimeDecoder().decode(content);
      } catch (IllegalArgumentException e) {
        throw new ConnectorException("INVALID_INPUT", "'content' is not valid Base64 (" + e.getMessage()
            + "); send Base64 or set 'encoding' to TEXT.");
      }
    }
    return content.getBytes(StandardCharsets.UTF_8);
  }

  private static String relative(RemotePaths paths, String absolute) {
    String root = paths.root();
    if (root.equals("/")) {
      return absolute;
    }
    return absolute.length() == root.length() ? "/" : absolute.substring(root.length());
  }

  private static ConnectorException translate(SftpException e, FileTransferInput in, String path) {
    return switch (e.getStatus()) {
      case SftpConstants.SSH_FX_NO_SUCH_FILE, SftpConstants.SSH_FX_NO_SUCH_PATH ->
          new ConnectorException("FILE_NOT_FOUND", path + " does not exist on " + in.host() + ": " + e.getMessage());
      case SftpConstants.SSH_FX_PERMISSION_DENIED ->
          new ConnectorException("PERMISSION_DENIED", "User '" + in.username() + "' may not "
              + in.operation().name().toLowerCase() + " " + path + " on " + in.host() + ": " + e.getMessage());
      case SftpConstants.SSH_FX_FILE_ALREADY_EXISTS ->
          new ConnectorException("FILE_EXISTS", path + " already exists on " + in.host() + ".");
      default -> new RetryableException("TRANSFER_FAILED", in.operation() + " of " + path + " on "
          + in.host() + " failed: " + e.getMessage(), null, e);
    };
  }

  /**
   * Reads a stream, refusing more than {@code max} bytes.
   *
   * @param in the stream
   * @param max the limit
   * @param path the file, for the message
   * @return the bytes
   * @throws IOException when reading fails
   */
  static byte[] readLimited(InputStream in, long max, String path) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    long total = 0;
    for (int n; (n = in.read(buf)) > 0; ) {
      total += n;
      if (total > max) {
        throw tooLarge(path, total, max);
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  /** Stops the shared SSH client; the runtime calls this when the plugin stops. */
  @Override
  public synchronized void close() {
    if (ssh != null) {
      ssh.stop();
      ssh = null;
    }
  }
}
