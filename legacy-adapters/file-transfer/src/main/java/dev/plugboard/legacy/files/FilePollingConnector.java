package dev.plugboard.legacy.files;

import dev.plugboard.sdk.Connector;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.CorrelationResult;
import dev.plugboard.sdk.InboundContext;
import dev.plugboard.sdk.PollingConnector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.client.SshClient;

/**
 * Polls an SFTP/FTP folder for files and hands each to the engine (start a process or correlate
 * a message); the file is archived or deleted only after the engine accepted it.
 *
 * <p>Each event carries {@code fileName}, {@code path}, {@code size}, {@code modified} and, unless
 * turned off, {@code content} (text or Base64). A file whose correlation may succeed later
 * (engine unreachable, no instance waiting yet) stays and is offered again on every poll; one
 * refused for good is moved to the error folder with a {@code <name>.reason.txt} beside it, or
 * skipped while this activation lives. Hidden files and the uploader's
 * {@code .part} temporaries are never picked up.
 */
@Connector(type = "plugboard:file-poller:1", name = "SFTP / FTP folder poller",
    description = "Start a process (or correlate a message) for each new file in an SFTP, FTP or FTPS folder.",
    category = "Legacy", icon = "icons/file-transfer.svg",
    keywords = {"sftp", "ftp", "poll", "inbound", "file", "folder", "edi"})
public class FilePollingConnector implements PollingConnector<FilePollingProperties> {

  private FilePollingProperties properties;
  private SshClient ssh;
  private final Set<String> refused = ConcurrentHashMap.newKeySet();
  /** Files offered and not correlated yet (no waiting instance, engine away): logged once. */
  private final Set<String> waiting = ConcurrentHashMap.newKeySet();

  /** For the runtime; one instance per activation. */
  public FilePollingConnector() {}

  @Override
  public void activate(FilePollingProperties properties, InboundContext context) {
    // Paths are checked at activation: a bad folder fails here, not on every poll.
    RemotePaths paths = new RemotePaths(properties.rootDirectory());
    paths.resolve(properties.folder());
    if (properties.archiveFolder() != null && !properties.archiveFolder().isBlank()) {
      paths.resolve(properties.archiveFolder());
    }
    if (properties.errorFolder() != null && !properties.errorFolder().isBlank()) {
      paths.resolve(properties.errorFolder());
    }
    this.properties = properties;
    if (properties.protocol() == Protocol.SFTP) {
      ssh = SshClient.setUpDefaultClient();
      ssh.setServerKeyVerifier(HostKeyCheck.VERIFIER);
      ssh.start();
    }
  }

  @Override
  public Duration interval(FilePollingProperties p) {
    return Duration.ofSeconds(p.intervalSeconds());
  }

  @Override
  public void poll(InboundContext context) throws IOException {
    FilePollingProperties p = properties;
    RemotePaths paths = new RemotePaths(p.rootDirectory());
    String folder = paths.resolve(p.folder());
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + p.pattern());
    FileTransferInput connection = p.connection();
    try (RemoteFileSystem fs = p.protocol() == Protocol.SFTP
        ? SftpFileSystem.open(ssh, connection) : FtpFileSystem.open(connection)) {
      List<RemoteFile> files = fs.list(folder).stream()
          .filter(f -> !f.directory() && !f.name().startsWith(".") && matcher.matches(Path.of(f.name())))
          .filter(f -> !refused.contains(f.path()))
          .sorted(Comparator.comparing(RemoteFile::name))
          .toList();
      for (RemoteFile file : files) {
        if (file.size() > p.maxBytes()) {
          refuse(fs, paths, file, context, "it has " + file.size() + " bytes, more than maxBytes " + p.maxBytes());
          continue;
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("fileName", file.name());
        event.put("path", file.path());
        event.put("size", file.size());
        event.put("modified", file.modified());
        if (p.includeContent()) {
          byte[] bytes = fs.read(file.path(), p.maxBytes());
          event.put("content", p.encoding() == ContentEncoding.BASE64
              ? Base64.getEncoder().encodeToString(bytes) : new String(bytes, StandardCharsets.UTF_8));
        }
        CorrelationResult result = context.correlate(event);
        if (result.accepted()) {
          // Acknowledge only now: archive or delete the file the engine has taken.
          if (p.archiveFolder() != null && !p.archiveFolder().isBlank()) {
            String target = paths.resolve(p.archiveFolder() + "/" + file.name());
            fs.createFolders(RemotePaths.parent(target));
            fs.rename(file.path(), target, true);
          } else {
            fs.delete(file.path());
          }
          waiting.remove(file.path());
          context.logger().info("event=file_correlated path={} result={}", file.path(), result);
        } else if (result instanceof CorrelationResult.NotCorrelated nc) {
          // Also when no instance waits yet: files often arrive before the process reaches its
          // catch event, and a file left in the folder costs nothing. Logged once per file.
          if (waiting.add(file.path())) {
            context.logger().warn("event=file_not_correlated path={} reason={} retry=every_poll", file.path(), nc.reason());
          }
        } else {
          refuse(fs, paths, file, context, "the process refused it: " + result);
        }
      }
      context.reportHealth(true, "polling " + p.protocol() + " " + p.host() + folder);
    } catch (ConnectorException e) {
      context.reportHealth(false, e.code() + ": " + e.getMessage());
      throw e;
    }
  }

  private void refuse(RemoteFileSystem fs, RemotePaths paths, RemoteFile file, InboundContext context, String why)
      throws IOException {
    if (properties.errorFolder() != null && !properties.errorFolder().isBlank()) {
      String target = paths.resolve(properties.errorFolder() + "/" + file.name());
      fs.createFolders(RemotePaths.parent(target));
      fs.rename(file.path(), target, true);
      // The reason beside the file, for whoever empties the error folder; a new failure replaces it.
      String reasonFile = target + ".reason.txt";
      if (fs.stat(reasonFile).isPresent()) {
        fs.delete(reasonFile);
      }
      fs.write(reasonFile, ("Refused " + Instant.now() + " from " + file.path() + ": " + why + "\n")
          .getBytes(StandardCharsets.UTF_8));
      context.logger().warn("event=file_refused path={} movedTo={} reason={}", file.path(), target, why);
    } else {
      refused.add(file.path());
      context.logger().warn("event=file_refused path={} reason={} action=skipped_until_reactivation", file.path(), why);
    }
  }

  @Override
  public void deactivate() {
    if (ssh != null) {
      ssh.stop();
      ssh = null;
    }
  }
}
