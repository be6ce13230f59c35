package dev.plugboard.legacy.files;

import dev.plugboard.sdk.FeelMode;
import dev.plugboard.sdk.PropertyType;
import dev.plugboard.sdk.Secret;
import dev.plugboard.sdk.TemplateGroup;
import dev.plugboard.sdk.TemplateProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Input of the SFTP/FTP connector.
 *
 * @param protocol SFTP, FTP or FTPS
 * @param host the server's host name
 * @param port the server's port; 22 for SFTP, 21 for FTP(S) when empty
 * @param username the login
 * @param password the password (a secret), or empty with a private key
 * @param privateKey SFTP: an OpenSSH or PEM private key (a secret)
 * @param privateKeyPassphrase the private key's passphrase (a secret)
 * @param hostKeyFingerprints SFTP: accepted server key fingerprints ({@code SHA256:...}), comma separated
 * @param knownHostsFile SFTP: a known_hosts file on the runtime's machine
 * @param strictHostKeyChecking SFTP: refuse servers whose key is not known (default true)
 * @param rootDirectory every path is confined to this folder
 * @param operation what to do
 * @param path the file or folder, relative to the root
 * @param targetPath MOVE: the new path; RENAME: the new name
 * @param content UPLOAD: the content
 * @param encoding how content is carried (text or Base64)
 * @param overwrite UPLOAD, MOVE, RENAME: replace an existing target
 * @param maxBytes DOWNLOAD: refuse larger files
 * @param timeoutSeconds connect and read timeout
 * @param passiveMode FTP: passive data connections (default true)
 * @param tlsCertificate FTPS: a PEM certificate to trust (a self-signed server or a private CA)
 */
@TemplateGroup(id = "server", label = "Server")
@TemplateGroup(id = "auth", label = "Authentication")
@TemplateGroup(id = "operation", label = "Operation")
@TemplateGroup(id = "advanced", label = "Advanced")
public record FileTransferInput(
    @TemplateProperty(group = "server", label = "Protocol", defaultValue = "SFTP")
    @NotNull Protocol protocol,

    @TemplateProperty(group = "server", label = "Host", placeholder = "sftp.example.com")
    @NotBlank String host,

    @TemplateProperty(group = "server", label = "Port", description = "Empty: 22 for SFTP, 21 for FTP and FTPS")
    @Min(1) @Max(65535) Integer port,

    @TemplateProperty(group = "server", label = "Root folder", defaultValue = "/",
        description = "Every path is resolved inside this folder; a path that leads outside is refused")
    String rootDirectory,

    @TemplateProperty(group = "auth", label = "User")
    @NotBlank String username,

    @TemplateProperty(group = "auth", label = "Password", description = "Use a secret: {{secrets.SFTP_PASSWORD}}")
    @Secret String password,

    @TemplateProperty(group = "auth", label = "Private key", type = PropertyType.TEXT,
        description = "SFTP: an OpenSSH or PEM private key; use a secret: {{secrets.SFTP_KEY}}",
        conditionProperty = "protocol", conditionEquals = "SFTP")
    @Secret String privateKey,

    @TemplateProperty(group = "auth", label = "Private key passphrase",
        conditionProperty = "protocol", conditionEquals = "SFTP")
    @Secret String privateKeyPassphrase,

    @TemplateProperty(group = "auth", label = "Host key fingerprints",
        description = "SFTP: the server key fingerprints to trust, e.g. SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8"
            + " (comma separated). The error for an unknown key tells the fingerprint.",
        conditionProperty = "protocol", conditionEquals = "SFTP")
    String hostKeyFingerprints,

    @TemplateProperty(group = "auth", label = "known_hosts file",
        description = "SFTP: a known_hosts file on the runtime's machine; default ~/.ssh/known_hosts",
        conditionProperty = "protocol", conditionEquals = "SFTP")
    String knownHostsFile,

    @TemplateProperty(group = "auth", label = "Check the host key", defaultValue = "true",
        description = "SFTP: refuse a server whose key is not known. Turn off only for tests.",
        conditionProperty = "protocol", conditionEquals = "SFTP")
    Boolean strictHostKeyChecking,

    @TemplateProperty(group = "operation", label = "Operation", defaultValue = "UPLOAD")
    @NotNull FileOperation operation,

    @TemplateProperty(group = "operation", label = "Path", placeholder = "outbox/invoice-4711.csv",
        description = "Relative to the root folder (a folder for List)")
    @NotBlank String path,

    @TemplateProperty(group = "operation", label = "Target",
        description = "Move: the new path inside the root; Rename: the new file name",
        conditionProperty = "operation", conditionEquals = {"MOVE", "RENAME"})
    String targetPath,

    @TemplateProperty(group = "operation", label = "Content", type = PropertyType.TEXT, feel = FeelMode.OPTIONAL,
        conditionProperty = "operation", conditionEquals = "UPLOAD")
    String content,

    @TemplateProperty(group = "operation", label = "Content encoding", defaultValue = "TEXT",
        conditionProperty = "operation", conditionEquals = {"UPLOAD", "DOWNLOAD"})
    ContentEncoding encoding,

    @TemplateProperty(group = "operation", label = "Overwrite an existing file", defaultValue = "false",
        conditionProperty = "operation", conditionEquals = {"UPLOAD", "MOVE", "RENAME"})
    Boolean overwrite,

    @TemplateProperty(group = "advanced", label = "Largest download (bytes)", defaultValue = "10485760")
    @Min(1) Long maxBytes,

    @TemplateProperty(group = "advanced", label = "Timeout (seconds)", defaultValue = "30")
    @Min(1) @Max(600) Integer timeoutSeconds,

    @TemplateProperty(group = "advanced", label = "FTP passive mode", defaultValue = "true",
        conditionProperty = "protocol", conditionEquals = {"FTP", "FTPS"})
    Boolean passiveMode,

    @TemplateProperty(group = "auth", label = "Trusted TLS certificate", type = PropertyType.TEXT,
        description = "FTPS: the server's (or its CA's) PEM certificate when the JDK's trust store does not"
            + " know it; the host name is checked either way",
        conditionProperty = "protocol", conditionEquals = "FTPS")
    String tlsCertificate) {

  /** Applies defaults. */
  public FileTransferInput {
    rootDirectory = rootDirectory == null || rootDirectory.isBlank() ? "/" : rootDirectory;
    strictHostKeyChecking = strictHostKeyChecking == null || strictHostKeyChecking;
    encoding = encoding == null ? ContentEncoding.TEXT : encoding;
    overwrite = overwrite != null && overwrite;
    maxBytes = maxBytes == null ? 10L * 1024 * 1024 : maxBytes;
    timeoutSeconds = timeoutSeconds == null ? 30 : timeoutSeconds;
    passiveMode = passiveMode == null || passiveMode;
  }

  /** The port, or the protocol's default. */
  public int effectivePort() {
    return port != null ? port : protocol == Protocol.SFTP ? 22 : 21;
  }

  @Override
  public String toString() {
    // Credentials never appear in a log line or an error message.
    return "FileTransferInput[" + protocol + "://" + username + "@" + host + ":" + effectivePort()
        + rootDirectory + ", operation=" + operation + ", path=" + path + "]";
  }
}
