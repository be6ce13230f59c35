package dev.plugboard.legacy.files;

import dev.plugboard.sdk.PropertyType;
import dev.plugboard.sdk.Secret;
import dev.plugboard.sdk.TemplateGroup;
import dev.plugboard.sdk.TemplateProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Properties of the SFTP/FTP folder poller (an inbound connector).
 *
 * @param protocol SFTP, FTP or FTPS
 * @param host the server
 * @param port the port (default by protocol)
 * @param rootDirectory every folder is confined to this one
 * @param username the login
 * @param password the password (a secret)
 * @param privateKey SFTP private key (a secret)
 * @param privateKeyPassphrase its passphrase (a secret)
 * @param hostKeyFingerprints trusted SFTP host key fingerprints
 * @param knownHostsFile a known_hosts file
 * @param strictHostKeyChecking refuse unknown host keys (default true)
 * @param folder the folder to watch, relative to the root
 * @param pattern a glob for file names, e.g. {@code *.csv}
 * @param archiveFolder where a correlated file is moved; empty: it is deleted
 * @param errorFolder where a file the engine refused for good is moved; empty: it stays and is skipped
 * @param includeContent whether the content goes into the event
 * @param encoding content as text or Base64
 * @param maxBytes larger files are skipped (and reported)
 * @param intervalSeconds seconds between polls
 * @param timeoutSeconds connect and read timeout
 * @param passiveMode FTP passive mode
 */
@TemplateGroup(id = "server", label = "Server")
@TemplateGroup(id = "auth", label = "Authentication")
@TemplateGroup(id = "polling", label = "Polling")
public record FilePollingProperties(
    @TemplateProperty(group = "server", label = "Protocol", defaultValue = "SFTP") @NotNull Protocol protocol,
    @TemplateProperty(group = "server", label = "Host") @NotBlank String host,
    @TemplateProperty(group = "server", label = "Port") @Min(1) @Max(65535) Integer port,
    @TemplateProperty(group = "server", label = "Root folder", defaultValue = "/") String rootDirectory,
    @TemplateProperty(group = "auth", label = "User") @NotBlank String username,
    @TemplateProperty(group = "auth", label = "Password") @Secret String password,
    @TemplateProperty(group = "auth", label = "Private key", type = PropertyType.TEXT,
        conditionProperty = "protocol", conditionEquals = "SFTP") @Secret String privateKey,
    @TemplateProperty(group = "auth", label = "Private key passphrase",
        conditionProperty = "protocol", conditionEquals = "SFTP") @Secret String privateKeyPassphrase,
    @TemplateProperty(group = "auth", label = "Host key fingerprints",
        conditionProperty = "protocol", conditionEquals = "SFTP") String hostKeyFingerprints,
    @TemplateProperty(group = "auth", label = "known_hosts file",
        conditionProperty = "protocol", conditionEquals = "SFTP") String knownHostsFile,
    @TemplateProperty(group = "auth", label = "Check the host key", defaultValue = "true",
        conditionProperty = "protocol", conditionEquals = "SFTP") Boolean strictHostKeyChecking,
    @TemplateProperty(group = "polling", label = "Folder", placeholder = "inbox") @NotBlank String folder,
    @TemplateProperty(group = "polling", label = "File name pattern", defaultValue = "*",
        description = "A glob such as *.csv or ORDERS_*.xml") String pattern,
    @TemplateProperty(group = "polling", label = "Archive folder",
        description = "A correlated file is moved here; empty: it is deleted") String archiveFolder,
    @TemplateProperty(group = "polling", label = "Error folder",
        description = "A file the process refused for good is moved here; empty: it stays and is skipped") String errorFolder,
    @TemplateProperty(group = "polling", label = "Include the content", defaultValue = "true") Boolean includeContent,
    @TemplateProperty(group = "polling", label = "Content encoding", defaultValue = "TEXT") ContentEncoding encoding,
    @TemplateProperty(group = "polling", label = "Largest file (bytes)", defaultValue = "10485760") @Min(1) Long maxBytes,
    @TemplateProperty(group = "polling", label = "Interval (seconds)", defaultValue = "60") @Min(1) Integer intervalSeconds,
    @TemplateProperty(group = "polling", label = "Timeout (seconds)", defaultValue = "30") @Min(1) Integer timeoutSeconds,
    @TemplateProperty(group = "polling", label = "FTP passive mode", defaultValue = "true",
        conditionProperty = "protocol", conditionEquals = {"FTP", "FTPS"}) Boolean passiveMode) {

  /** Applies defaults. */
  public FilePollingProperties {
    pattern = pattern == null || pattern.isBlank() ? "*" : pattern;
    includeContent = includeContent == null || includeContent;
    encoding = encoding == null ? ContentEncoding.TEXT : encoding;
    maxBytes = maxBytes == null ? 10L * 1024 * 1024 : maxBytes;
    intervalSeconds = intervalSeconds == null ? 60 : intervalSeconds;
  }

  /** The same connection as an outbound input, for opening the file system. */
  FileTransferInput connection() {
    return new FileTransferInput(protocol, host, port, rootDirectory, username, password, privateKey,
        privateKeyPassphrase, hostKeyFingerprints, knownHostsFile, strictHostKeyChecking,
        FileOperation.LIST, folder, null, null, encoding, false, maxBytes, timeoutSeconds, passiveMode, null);
  }

  @Override
  public String toString() {
    return "FilePollingProperties[" + protocol + "://" + username + "@" + host + " folder=" + folder
        + " pattern=" + pattern + "]";
  }
}
