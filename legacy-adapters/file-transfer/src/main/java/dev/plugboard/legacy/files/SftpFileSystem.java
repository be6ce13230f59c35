package dev.plugboard.legacy.files;

import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.RetryableException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/** SFTP over Apache MINA SSHD's client: one session and SFTP channel per invocation. */
final class SftpFileSystem implements RemoteFileSystem {

  private final ClientSession session;
  private final SftpClient sftp;

  private SftpFileSystem(ClientSession session, SftpClient sftp) {
    this.session = session;
    this.sftp = sftp;
  }

  static SftpFileSystem open(SshClient client, FileTransferInput in) {
    Duration timeout = Duration.ofSeconds(in.timeoutSeconds());
    String where = in.host() + ":" + in.effectivePort();
    HostKeyCheck check = new HostKeyCheck(in.host(), in.effectivePort(), in.hostKeyFingerprints(),
        in.knownHostsFile(), in.strictHostKeyChecking());
    ClientSession session = null;
    try {
      session = client.connect(in.username(), in.host(), in.effectivePort(),
          AttributeRepository.ofKeyValuePair(HostKeyCheck.ATTRIBUTE, check)).verify(timeout).getSession();
      if (in.password() != null && !in.password().isEmpty()) {
        session.addPasswordIdentity(in.password());
      }
      if (in.privateKey() != null && !in.privateKey().isBlank()) {
        for (KeyPair pair : keys(in)) {
          session.addPublicKeyIdentity(pair);
        }
      }
      session.auth().verify(timeout);
      SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
      return new SftpFileSystem(session, sftp);
    } catch (IOException e) {
      closeQuietly(session);
      HostKeyCheck.Verdict verdict = check.verdict();
      if (verdict == HostKeyCheck.Verdict.UNKNOWN) {
        throw new ConnectorException("SFTP_HOST_KEY_UNKNOWN", "The SFTP server " + where
            + " presented a host key that is not trusted: " + check.presentedKeyType() + " "
            + check.presentedFingerprint() + ". If this is the server's key (ask its operator),"
            + " add " + check.presentedFingerprint() + " to 'hostKeyFingerprints' or the host to "
            + check.knownHosts() + ".");
      }
      if (verdict == HostKeyCheck.Verdict.CHANGED) {
        throw new ConnectorException("SFTP_HOST_KEY_CHANGED", "The SFTP server " + where
            + " presented a host key (" + check.presentedKeyType() + " " + check.presentedFingerprint()
            + ") that differs from the one in " + check.knownHosts()
            + ". Someone may be intercepting the connection; confirm the new key with the server's"
            + " operator before updating the known_hosts entry.");
      }
      if (session != null && session.isAuthenticated() == false && isAuthFailure(e)) {
        throw new ConnectorException("AUTH_FAILED", "The SFTP server " + where + " refused user '"
            + in.username() + "' (" + (in.privateKey() == null || in.privateKey().isBlank()
                ? "password" : "private key") + "). Check the user and the credentials secret.");
      }
      throw new RetryableException("CONNECTION_FAILED", "Cannot connect to the SFTP server " + where
          + ": " + e.getMessage() + ". Check host and port and that the server runs.", null, e);
    }
  }

  private static boolean isAuthFailure(IOException e) {
    String m = String.valueOf(e.getMessage()).toLowerCase();
    return e instanceof SshException && (m.contains("auth") || m.contains("no more authentication"));
  }

  private static Iterable<KeyPair> keys(FileTransferInput in) {
    String passphrase = in.privateKeyPassphrase();
    try (InputStream key = new ByteArrayInputStream(in.privateKey().getBytes(StandardCharsets.UTF_8))) {
      Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("privateKey"),
          key, passphrase == null || passphrase.isEmpty() ? null : FilePasswordProvider.of(passphrase));
      if (pairs == null || !pairs.iterator().hasNext()) {
        throw new ConnectorException("INVALID_INPUT",
            "'privateKey' holds no key; give an OpenSSH or PEM private key.");
      }
      return pairs;
    } catch (IOException | GeneralSecurityException e) {
      throw new ConnectorException("INVALID_INPUT", "'privateKey' cannot be read ("
          + e.getClass().getSimpleName() + "); give an OpenSSH or PEM private key and, if it is"
          + " encrypted, its passphrase.");
    }
  }

  @Override
  public Optional<RemoteFile> stat(String path) throws IOException {
    try {
      SftpClient.Attributes a = sftp.stat(path);
      return Optional.of(toFile(RemotePaths.name(path), path, a));
    } catch (SftpException e) {
      if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE || e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_PATH) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public List<RemoteFile> list(String folder) throws IOException {
    List<RemoteFile> out = new ArrayList<>();
    for (SftpClient.DirEntry e : sftp.readDir(folder)) {
      if (e.getFilename().equals(".") || e.getFilename().equals("..")) {
        continue;
      }
      String p = folder.endsWith("/") ? folder + e.getFilename() : folder + "/" + e.getFilename();
      out.add(toFile(e.getFilename(), p, e.getAttributes()));
    }
    return out;
  }

  private static RemoteFile toFile(String name, String path, SftpClient.Attributes a) {
    String modified = a.getModifyTime() == null ? null : a.getModifyTime().toInstant().toString();
    return new RemoteFile(name, path, a.isDirectory(), a.isDirectory() ? 0 : a.getSize(), modified);
  }

  @Override
  public byte[] read(String path, long maxBytes) throws IOException {
    try (InputStream in = sftp.read(path)) {
      return FileTransferConnector.readLimited(in, maxBytes, path);
    }
  }

  @Override
  public void write(String path, byte[] content) throws IOException {
    try (OutputStream out = sftp.write(path, SftpClient.OpenMode.Write, SftpClient.OpenMode.Create,
        SftpClient.OpenMode.Exclusive)) {
      out.write(content);
    }
  }

  @Override
  public void rename(String from, String to, boolean replace) throws IOException {
    if (replace) {
      OpenSSHPosixRenameExtension posix = sftp.getExtension(OpenSSHPosixRenameExtension.class);
      if (posix != null && posix.isSupported()) {
        posix.posixRename(from, to); // atomic replace where the server offers it
        return;
      }
      if (stat(to).isPresent()) {
        sftp.remove(to);
      }
    }
    sftp.rename(from, to);
  }

  @Override
  public void delete(String path) throws IOException {
    sftp.remove(path);
  }

  @Override
  public void createFolders(String folder) throws IOException {
    if (folder.equals("/") || stat(folder).isPresent()) {
      return;
    }
    createFolders(RemotePaths.parent(folder));
    sftp.mkdir(folder);
  }

  @Override
  public void close() {
    try {
      sftp.close();
    } catch (IOException ignored) {
      // the session is closed next anyway
    }
    closeQuietly(session);
  }

  private static void closeQuietly(ClientSession session) {
    if (session != null) {
      try {
        session.close();
      } catch (IOException ignored) {
        // nothing to release beyond the socket
      }
    }
  }

}
