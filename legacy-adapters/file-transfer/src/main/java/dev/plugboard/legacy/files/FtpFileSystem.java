package dev.plugboard.legacy.files;

import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.RetryableException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.TrustManagerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.FTPReply;
import org.apache.commons.net.ftp.FTPSClient;

/** FTP and FTPS (explicit TLS) over Apache Commons Net: one control connection per invocation. */
final class FtpFileSystem implements RemoteFileSystem {

  private final FTPClient ftp;
  private final String where;

  private FtpFileSystem(FTPClient ftp, String where) {
    this.ftp = ftp;
    this.where = where;
  }

  static FtpFileSystem open(FileTransferInput in) {
    String where = in.host() + ":" + in.effectivePort();
    FTPClient ftp = in.protocol() == Protocol.FTPS ? ftps(in) : new FTPClient();
    Duration timeout = Duration.ofSeconds(in.timeoutSeconds());
    ftp.setConnectTimeout((int) timeout.toMillis());
    ftp.setDefaultTimeout((int) timeout.toMillis());
    ftp.setDataTimeout(timeout);
    try {
      ftp.connect(in.host(), in.effectivePort());
      if (!FTPReply.isPositiveCompletion(ftp.getReplyCode())) {
        throw new IOException("the server answered " + ftp.getReplyString().strip());
      }
    } catch (javax.net.ssl.SSLException e) {
      disconnect(ftp);
      throw new ConnectorException("TLS_FAILED", "The TLS handshake with the FTPS server " + where
          + " failed: " + e.getMessage() + ". If the server's certificate is self-signed or from a"
          + " private CA, put it (PEM) in 'tlsCertificate'; its name must match the host.");
    } catch (IOException e) {
      disconnect(ftp);
      throw new RetryableException("CONNECTION_FAILED", "Cannot connect to the FTP server " + where
          + ": " + e.getMessage() + ". Check host and port and that the server runs.", null, e);
    }
    try {
      if (ftp instanceof FTPSClient ftps) {
        ftps.execPBSZ(0);
        ftps.execPROT("P"); // encrypt the data connections too, not only the login
      }
      if (!ftp.login(in.username(), in.password() == null ? "" : in.password())) {
        String reply = ftp.getReplyString().strip();
        disconnect(ftp);
        throw new ConnectorException("AUTH_FAILED", "The FTP server " + where + " refused user '"
            + in.username() + "' (" + reply + "). Check the user and the password secret.");
      }
      ftp.setFileType(FTP.BINARY_FILE_TYPE);
      if (in.passiveMode()) {
        ftp.enterLocalPassiveMode();
      }
      return new FtpFileSystem(ftp, where);
    } catch (IOException e) {
      disconnect(ftp);
      throw new RetryableException("CONNECTION_FAILED", "The FTP server " + where
          + " dropped the connection during login: " + e.getMessage(), null, e);
    }
  }

  private static FTPSClient ftps(FileTransferInput in) {
    FTPSClient ftps = new FTPSClient("TLS", false);
    // Check the certificate's host name, not only its chain.
    ftps.setEndpointCheckingEnabled(true);
    try {
      KeyStore store = null;
      if (in.tlsCertificate() != null && !in.tlsCertificate().isBlank()) {
        store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(
            new ByteArrayInputStream(in.tlsCertificate().strip().getBytes(StandardCharsets.US_ASCII)))) {
          store.setCertificateEntry("trusted-" + i++, c);
        }
        if (i == 0) {
          throw new GeneralSecurityException("no certificate in the PEM text");
        }
      }
      // Commons Net's default trust manager only checks validity dates: use the JDK's chain
      // validation (its trust store, or the given certificate) instead.
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      ftps.setTrustManager(tmf.getTrustManagers()[0]);
    } catch (GeneralSecurityException | IOException e) {
      throw new ConnectorException("INVALID_INPUT", "'tlsCertificate' is not a PEM X.509 certificate ("
          + e.getMessage() + ").");
    }
    return ftps;
  }

  @Override
  public Optional<RemoteFile> stat(String path) throws IOException {
    if (path.equals("/")) {
      return Optional.of(new RemoteFile("", "/", true, 0, null));
    }
    // Listing the parent works on every server; MLST is not universal.
    String name = RemotePaths.name(path);
    for (RemoteFile f : listOrEmpty(RemotePaths.parent(path))) {
      if (f.name().equals(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  private List<RemoteFile> listOrEmpty(String folder) throws IOException {
    if (!ftp.changeWorkingDirectory(folder)) {
      return List.of();
    }
    return list(folder);
  }

  @Override
  public List<RemoteFile> list(String folder) throws IOException {
    if (!ftp.changeWorkingDirectory(folder)) {
      throw new ConnectorException("FILE_NOT_FOUND", "The folder " + folder + " does not exist on "
          + where + " (" + ftp.getReplyString().strip() + ").");
    }
    FTPFile[] files = ftp.listFiles();
    check("list " + folder);
    List<RemoteFile> out = new ArrayList<>();
    for (FTPFile f : files) {
      if (f == null || f.getName().equals(".") || f.getName().equals("..")) {
        continue;
      }
      String p = folder.endsWith("/") ? folder + f.getName() : folder + "/" + f.getName();
      String modified = f.getTimestamp() == null ? null : f.getTimestamp().toInstant().toString();
      out.add(new RemoteFile(f.getName(), p, f.isDirectory(), f.isDirectory() ? 0 : f.getSize(), modified));
    }
    return out;
  }

  @Override
  public byte[] read(String path, long maxBytes) throws IOException {
    try (InputStream in = ftp.retrieveFileStream(path)) {
      if (in == null) {
        throw new IOException("RETR refused: " + ftp.getReplyString().strip());
      }
      byte[] bytes = FileTransferConnector.readLimited(in, maxBytes, path);
      in.close();
      if (!ftp.completePendingCommand()) {
        throw new IOException("the download did not complete: " + ftp.getReplyString().strip());
      }
      return bytes;
    }
  }

  @Override
  public void write(String path, byte[] content) throws IOException {
    if (!ftp.storeFile(path, new ByteArrayInputStream(content))) {
      throw new IOException("STOR " + path + " refused: " + ftp.getReplyString().strip());
    }
  }

  @Override
  public void rename(String from, String to, boolean replace) throws IOException {
    // What RNTO does with an existing target differs between servers: remove it first.
    if (replace && stat(to).isPresent() && !ftp.deleteFile(to)) {
      throw new IOException("cannot replace " + to + ": " + ftp.getReplyString().strip());
    }
    if (!ftp.rename(from, to)) {
      throw new IOException("rename " + from + " to " + to + " refused: " + ftp.getReplyString().strip());
    }
  }

  @Override
  public void delete(String path) throws IOException {
    if (!ftp.deleteFile(path)) {
      throw new IOException("DELE " + path + " refused: " + ftp.getReplyString().strip());
    }
  }

  @Override
  public void createFolders(String folder) throws IOException {
    if (folder.equals("/") || ftp.changeWorkingDirectory(folder)) {
      return;
    }
    createFolders(RemotePaths.parent(folder));
    if (!ftp.makeDirectory(folder)) {
      throw new IOException("MKD " + folder + " refused: " + ftp.getReplyString().strip());
    }
  }

  private void check(String what) throws IOException {
    if (!FTPReply.isPositiveCompletion(ftp.getReplyCode())) {
      throw new IOException(what + " refused: " + ftp.getReplyString().strip());
    }
  }

  @Override
  public void close() {
    try {
      ftp.logout();
    } catch (IOException ignored) {
      // disconnecting below is what matters
    }
    disconnect(ftp);
  }

  private static void disconnect(FTPClient ftp) {
    if (ftp.isConnected()) {
      try {
        ftp.disconnect();
      } catch (IOException ignored) {
        // the socket is gone either way
      }
    }
  }
}
