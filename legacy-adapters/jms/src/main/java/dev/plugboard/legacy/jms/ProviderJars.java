package dev.plugboard.legacy.jms;

import dev.plugboard.sdk.ConnectorException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder of JMS provider client jars that the operator fills, and one class loader per
 * provider found there.
 *
 * <p>Layout: every sub-folder is one provider (its client jar and the jars that client needs);
 * a jar placed directly in the folder is a provider of its own (an all-in-one client). A
 * connection factory class is looked up in every provider, so the modeler only names the class.
 *
 * <p>A provider's class loader is child first (the provider's own Netty, Proton or AMQP client
 * win over the copies shaded into this plugin) except for the JMS API and SLF4J, which must be
 * the plugin's so that the provider's objects are {@code jakarta.jms} objects of this plugin and
 * log through the host. Jars are read again when their names, sizes or dates change: a provider
 * can be added or updated without rebuilding or reloading the plugin.
 */
final class ProviderJars implements AutoCloseable {

  /** System property naming the folder. */
  static final String PROPERTY = "plugboard.jms.providersDir";
  /** Environment variable naming the folder (the system property wins). */
  static final String ENV = "PLUGBOARD_JMS_PROVIDERS_DIR";
  /** The folder when neither is set, relative to the runtime's working directory. */
  static final String DEFAULT = "drivers/jms";

  private static final Logger LOG = LoggerFactory.getLogger(ProviderJars.class);

  private final Path folder;
  /** Loaders by provider name; replaced (and the old one closed) when the jars change. */
  private final Map<String, Loaded> loaders = new LinkedHashMap<>();
  /** Where a class was found, reused while that provider's jars stay the same. */
  private final Map<String, Loaded> byClass = new LinkedHashMap<>();

  /** One provider: its name, its jars and a fingerprint of their names, sizes and dates. */
  record Provider(String name, List<Path> jars, String fingerprint) {}

  /** A provider's loader and the fingerprint it was made from. */
  record Loaded(Provider provider, URLClassLoader loader) {}

  ProviderJars(Path folder) {
    this.folder = folder.toAbsolutePath().normalize();
  }

  /** The folder from {@value #PROPERTY}, {@value #ENV}, else {@value #DEFAULT}. */
  static ProviderJars fromEnvironment() {
    String prop = System.getProperty(PROPERTY);
    String env = System.getenv(ENV);
    String dir = prop != null && !prop.isBlank() ? prop : env != null && !env.isBlank() ? env : DEFAULT;
    return new ProviderJars(Path.of(dir));
  }

  Path folder() {
    return folder;
  }

  /**
   * The provider that holds a class, with its class loader.
   *
   * @param className a fully qualified class name
   * @return the loaded provider, or {@code null} when no provider in the folder has the class
   * @throws ConnectorException {@code INVALID_INPUT} when two providers hold the class
   */
  synchronized Loaded find(String className) {
    List<Provider> now = providers();
    Loaded known = byClass.get(className);
    if (known != null && now.contains(known.provider()) && loaders.get(known.provider().name()) == known) {
      // Same jars as when the class was found there: no need to open them again.
      return known;
    }
    String entry = className.replace('.', '/') + ".class";
    List<Provider> holders = new ArrayList<>();
    for (Provider p : now) {
      if (p.jars().stream().anyMatch(jar -> contains(jar, entry))) {
        holders.add(p);
      }
    }
    if (holders.isEmpty()) {
      return null;
    }
    if (holders.size() > 1) {
      throw new ConnectorException("INVALID_INPUT", "The connection factory class " + className
          + " is in more than one JMS provider under " + folder + ": "
          + holders.stream().map(Provider::name).toList() + ". Keep one copy of each provider.");
    }
    Provider p = holders.get(0);
    Loaded current = loaders.get(p.name());
    if (current != null && current.provider().fingerprint().equals(p.fingerprint())) {
      byClass.put(className, current);
      return current;
    }
    if (current != null) {
      LOG.info("event=jms_provider_changed provider={} action=reload", p.name());
      close(current);
    }
    Loaded loaded = new Loaded(p, new ProviderClassLoader(urls(p), ProviderJars.class.getClassLoader()));
    loaders.put(p.name(), loaded);
    byClass.put(className, loaded);
    LOG.info("event=jms_provider_loaded provider={} jars={}", p.name(), p.jars().size());
    return loaded;
  }

  /**
   * The providers in the folder now.
   *
   * @return the providers, sorted by name; empty when the folder does not exist
   */
  List<Provider> providers() {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    List<Provider> out = new ArrayList<>();
    try (Stream<Path> entries = Files.list(folder)) {
      for (Path p : entries.sorted().toList()) {
        if (Files.isDirectory(p)) {
          List<Path> jars;
          try (Stream<Path> inner = Files.list(p)) {
            jars = inner.filter(ProviderJars::isJar).sorted().toList();
          }
          if (!jars.isEmpty()) {
            out.add(new Provider(p.getFileName().toString(), jars, fingerprint(jars)));
          }
        } else if (isJar(p)) {
          out.add(new Provider(p.getFileName().toString(), List.of(p), fingerprint(List.of(p))));
        }
      }
    } catch (IOException e) {
      throw new ConnectorException("INVALID_INPUT", "The JMS providers folder " + folder
          + " cannot be read: " + e.getMessage());
    }
    return out;
  }

  private static boolean isJar(Path p) {
    return Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar");
  }

  private static String fingerprint(List<Path> jars) throws IOException {
    StringBuilder b = new StringBuilder();
    for (Path jar : jars) {
      b.append(jar.getFileName()).append(':').append(Files.size(jar)).append(':')
          .append(Files.getLastModifiedTime(jar).toMillis()).append(';');
    }
    return b.toString();
  }

  private static boolean contains(Path jar, String entry) {
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.getEntry(entry) != null;
    } catch (IOException e) {
      LOG.warn("event=jms_provider_jar_unreadable jar={} reason={}", jar, e.getMessage());
      return false;
    }
  }

  private static URL[] urls(Provider p) {
    return p.jars().stream().map(jar -> {
      try {
        return jar.toUri().toURL();
      } catch (MalformedURLException e) {
        throw new UncheckedIOException(e);
      }
    }).toArray(URL[]::new);
  }

  private static void close(Loaded loaded) {
    try {
      loaded.loader().close();
    } catch (IOException e) {
      LOG.debug("event=jms_provider_close_failed provider={} reason={}", loaded.provider().name(), e.toString());
    }
  }

  /** Closes every provider's class loader. */
  @Override
  public synchronized void close() {
    loaders.values().forEach(ProviderJars::close);
    loaders.clear();
    byClass.clear();
  }

  /**
   * Child first, except the packages that the provider and the plugin must share.
   */
  static final class ProviderClassLoader extends URLClassLoader {

    private static final String[] SHARED = {"java.", "jakarta.jms.", "org.slf4j."};

    static {
      registerAsParallelCapable();
    }

    ProviderClassLoader(URL[] urls, ClassLoader parent) {
      super(urls, parent);
    }

    private static boolean shared(String name) {
      for (String prefix : SHARED) {
        if (name.startsWith(prefix)) {
          return true;
        }
      }
      return false;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (shared(name)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          try {
            c = findClass(name);
          } catch (ClassNotFoundException notOwn) {
            return super.loadClass(name, resolve);
          }
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }

    @Override
    public URL getResource(String name) {
      if (shared(name.replace('/', '.'))) {
        return super.getResource(name);
      }
      URL own = findResource(name);
      return own != null ? own : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      if (shared(name.replace('/', '.'))) {
        return super.getResources(name);
      }
      List<URL> all = new ArrayList<>();
      findResources(name).asIterator().forEachRemaining(all::add);
      getParent().getResources(name).asIterator().forEachRemaining(u -> {
        if (!all.contains(u)) {
          all.add(u);
        }
      });
      return java.util.Collections.enumeration(all);
    }
  }
}
