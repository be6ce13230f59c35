package dev.plugboard.runtime.plugins;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the plugin layer, under {@code plugboard.plugins.*}. Every setting has a default,
 * so the runtime needs no configuration; {@code docs/operations.md} describes each one.
 *
 * @param dir the watched folder: jars copied in are loaded, replaced jars take over, deleted jars
 *     are unloaded; uploads through the API are stored here
 * @param extraDirs folders loaded once at start (not watched), such as the build's
 *     {@code dist/plugins}
 * @param watch whether {@link #dir} is watched
 * @param pollInterval how often the watched folder is scanned besides the file system's change
 *     events (which wake the watcher at once); covers mounts that send no events
 * @param quietPeriod how long a new or changed jar's size and time stamp must hold still before it
 *     is read; it is loaded only when its zip central directory (written last) also opens, so a
 *     copy in progress is never loaded half-written
 * @param drainDeadline how long a replaced or removed plugin version may finish in-flight work
 *     before it is unloaded anyway
 * @param routeStopTimeout how long a plugin's Camel route gets to stop gracefully at unload
 * @param verify what to check before a jar is loaded
 * @param checksums the SHA-256 allow-list for {@code verify=checksum}: one hex digest per line,
 *     optionally followed by blanks and a file name ({@code sha256sum} output works)
 * @param trustStore the key store (PKCS12 or JKS) with the certificates that may sign plugin
 *     jars, for {@code verify=signature}
 * @param trustStorePassword its password (may be a {@code {{secrets.NAME}}}-free literal; leave
 *     empty for a store without password)
 * @param maxUploadSize the largest jar {@code POST /api/plugins} accepts
 * @param workDir where the runtime keeps private copies of loaded jars (so a jar that is
 *     overwritten or deleted in the watched folder never breaks the running version)
 * @param systemVersion the SDK version plugins are checked against ({@code Plugin-Requires})
 */
@ConfigurationProperties("plugboard.plugins")
public record PluginsProperties(
    @DefaultValue("plugins") Path dir,
    @DefaultValue("dist/plugins") List<Path> extraDirs,
    @DefaultValue("true") boolean watch,
    @DefaultValue("200ms") Duration pollInterval,
    @DefaultValue("50ms") Duration quietPeriod,
    @DefaultValue("30s") Duration drainDeadline,
    @DefaultValue("10s") Duration routeStopTimeout,
    @DefaultValue("none") VerifyMode verify,
    Path checksums,
    Path trustStore,
    String trustStorePassword,
    @DefaultValue("100MB") DataSize maxUploadSize,
    @DefaultValue("data/plugin-cache") Path workDir,
    @DefaultValue("0.1.0") String systemVersion) {

  /** What is checked before a jar is loaded. */
  public enum VerifyMode {
    /** Nothing: any jar in the folder or uploaded with the admin token is loaded. */
    NONE,
    /** The jar's SHA-256 must be listed in {@link PluginsProperties#checksums()}. */
    CHECKSUM,
    /**
     * Every entry of the jar must be signed by a certificate of
     * {@link PluginsProperties#trustStore()}.
     */
    SIGNATURE
  }

  /**
   * Defaults for a given watched folder (tests and embedding).
   *
   * @param dir the watched folder
   * @param workDir the private copy folder
   * @return properties with every other setting at its default
   */
  public static PluginsProperties defaults(Path dir, Path workDir) {
    return new PluginsProperties(dir, List.of(), true, Duration.ofMillis(200),
        Duration.ofMillis(50), Duration.ofSeconds(30), Duration.ofSeconds(10), VerifyMode.NONE, null, null, null,
        DataSize.ofMegabytes(100), workDir, "0.1.0");
  }

  /**
   * A copy with other verification settings.
   *
   * @param mode the mode
   * @param checksumFile the allow-list
   * @param store the trust store
   * @param storePassword its password
   * @return the copy
   */
  public PluginsProperties withVerify(VerifyMode mode, Path checksumFile, Path store,
      String storePassword) {
    return new PluginsProperties(dir, extraDirs, watch, pollInterval, quietPeriod, drainDeadline,
        routeStopTimeout, mode, checksumFile, store, storePassword, maxUploadSize, workDir,
        systemVersion);
  }

  /**
   * A copy with another drain deadline.
   *
   * @param deadline the deadline
   * @return the copy
   */
  public PluginsProperties withDrainDeadline(Duration deadline) {
    return new PluginsProperties(dir, extraDirs, watch, pollInterval, quietPeriod, deadline,
        routeStopTimeout, verify, checksums, trustStore, trustStorePassword, maxUploadSize,
        workDir, systemVersion);
  }
}
