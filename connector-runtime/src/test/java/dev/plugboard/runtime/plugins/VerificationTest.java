package dev.plugboard.runtime.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.runtime.plugins.PluginsProperties.VerifyMode;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPath;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import jdk.security.jarsigner.JarSigner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plugboard.plugins.verify}: nothing of a jar is loaded before it passes. */
class VerificationTest {

  @TempDir static Path keys;
  @TempDir Path dir;
  @TempDir Path work;
  static Path unsigned;
  static Path trustedStore;
  static Path otherStore;
  static Path signedByTrusted;
  static Path signedByOther;

  @BeforeAll
  static void keysAndJars() throws Exception {
    unsigned = TestPluginJars.plugin("signed", "1.0.0")
        .connector("t.sig.Sig", TestPluginJars.functionConnector("t.sig", "Sig", "test:sig:1",
            "\"signed\""))
        .writeTo(keys, "unsigned.jar");
    trustedStore = keyStore("trusted");
    otherStore = keyStore("other");
    signedByTrusted = sign(unsigned, trustedStore, keys.resolve("signed-trusted.jar"));
    signedByOther = sign(unsigned, otherStore, keys.resolve("signed-other.jar"));
  }

  static Path keyStore(String name) throws Exception {
    Path store = keys.resolve(name + ".p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "plugin",
        "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name, "-validity", "2",
        "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit",
        "-keypass", "changeit").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return store;
  }

  static Path sign(Path jar, Path store, Path target) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(store)) {
      ks.load(in, "changeit".toCharArray());
    }
    PrivateKey key = (PrivateKey) ks.getKey("plugin", "changeit".toCharArray());
    CertPath chain = CertificateFactory.getInstance("X.509")
        .generateCertPath(List.of(ks.getCertificateChain("plugin")));
    JarSigner signer = new JarSigner.Builder(key, chain).build();
    try (ZipFile in = new ZipFile(jar.toFile()); OutputStream out = Files.newOutputStream(target)) {
      signer.sign(in, out);
    }
    return target;
  }

  private PluginTestHost host(VerifyMode mode, Path checksums, Path store) {
    return new PluginTestHost(PluginsProperties.defaults(dir, work)
        .withVerify(mode, checksums, store, "changeit"));
  }

  @Test
  void checksumModeLoadsOnlyListedJars() throws Exception {
    String digest = PluginVerifier.sha256(unsigned);
    Path list = Files.writeString(work.resolve("allowed.sha256"),
        "# trusted plugins\n" + digest + "  unsigned.jar\n");
    try (PluginTestHost t = host(VerifyMode.CHECKSUM, list, null)) {
      assertThat(t.host.loadFile(unsigned).state()).isEqualTo(PluginState.ACTIVE);
      t.host.remove("signed");

      PluginInfo other = t.host.loadFile(signedByTrusted);

      assertThat(other.state()).isEqualTo(PluginState.REFUSED);
      assertThat(other.lastError()).contains("signed-trusted.jar", "is not in the allow-list",
          "allowed.sha256");
      assertThat(t.registry.all()).isEmpty();
    }
  }

  @Test
  void signatureModeLoadsOnlyJarsSignedByATrustedKey() throws Exception {
    try (PluginTestHost t = host(VerifyMode.SIGNATURE, null, trustedStore)) {
      PluginInfo none = t.host.loadFile(unsigned);
      PluginInfo stranger = t.host.loadFile(signedByOther);

      assertThat(none.state()).isEqualTo(PluginState.REFUSED);
      assertThat(none.lastError()).contains("unsigned.jar", "not signed by a certificate of the"
          + " trust store");
      assertThat(stranger.state()).isEqualTo(PluginState.REFUSED);
      assertThat(t.registry.all()).isEmpty();

      PluginInfo trusted = t.host.loadFile(signedByTrusted);
      assertThat(trusted.state()).as(trusted.lastError()).isEqualTo(PluginState.ACTIVE);
      assertThat(t.invoke("test:sig:1", "")).isEqualTo("signed");
    }
  }

  @Test
  void aTamperedSignedJarIsRefused() throws Exception {
    // same signature files, different content: rebuild the jar with one class changed
    Path tampered = keys.resolve("tampered.jar");
    try (ZipFile signed = new ZipFile(signedByTrusted.toFile());
        var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(tampered))) {
      for (var e : java.util.Collections.list(signed.entries())) {
        out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
        byte[] content = signed.getInputStream(e).readAllBytes();
        if (e.getName().equals("t/sig/Sig.class")) {
          content[content.length - 1] ^= 1;
        }
        out.write(content);
        out.closeEntry();
      }
    }
    try (PluginTestHost t = host(VerifyMode.SIGNATURE, null, trustedStore)) {
      PluginInfo info = t.host.loadFile(tampered);

      assertThat(info.state()).isEqualTo(PluginState.REFUSED);
      assertThat(info.lastError()).contains("tampered.jar", "does not match its content");
    }
  }
}
