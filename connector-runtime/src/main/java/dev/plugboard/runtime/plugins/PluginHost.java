package dev.plugboard.runtime.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.runtime.camel.PluginRoutes;
import dev.plugboard.runtime.registry.DefaultConnectorRegistry;
import dev.plugboard.runtime.registry.InflightCounter;
import dev.plugboard.runtime.registry.RegisteredConnector;
import dev.plugboard.runtime.templates.TemplateCheck;
import dev.plugboard.runtime.templates.TemplateFlavor;
import dev.plugboard.runtime.templates.TemplateRegistry;
import dev.plugboard.sdk.RouteConnector;
import dev.plugboard.sdk.YamlRouteConnector;
import dev.plugboard.sdk.host.ConnectorDefinition;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginWrapper;
import org.pf4j.VersionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin layer: turns jars into active connectors and takes them out again.
 *
 * <p>Load is verify → read the descriptor → check {@code Plugin-Requires} and the version →
 * PF4J load and start (under a versioned id) → read the connector list and the templates →
 * validate → create the connectors and add their routes to the host CamelContext → register.
 * Any failure leaves nothing behind but a listed entry in state {@link PluginState#REFUSED} or
 * {@link PluginState#FAILED} whose {@code lastError} says why.
 *
 * <p>A newer version of a loaded plugin starts beside the old one and takes over in the registry
 * in one step; the old one then drains (its {@link InflightCounter} is closed and awaited up to
 * {@code plugboard.plugins.drain-deadline}) and unloads. Mutations are serialized; drains run
 * outside the lock, so a slow drain never holds up another jar.
 */
public class PluginHost implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PluginHost.class);
  static final String CONNECTORS_FILE = "META-INF/plugboard/connectors";
  static final String TEMPLATES_DIR = "META-INF/element-templates/";
  static final String COMPONENTS_DIR = "META-INF/services/org/apache/camel/component/";

  private final PluginsProperties properties;
  private final PluginRoutes routes;
  private final DefaultConnectorRegistry registry;
  private final TemplateRegistry templates;
  private final TemplateCheck templateCheck;
  private final PluginVerifier verifier;
  private final Pf4jPluginManager pf4j;
  private final ObjectMapper json = new ObjectMapper();
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final Map<String, Entry> active = new HashMap<>();
  private final List<PluginStateListener> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService drains;
  private final Timer loadTimer;

  /**
   * A plugin host.
   *
   * @param properties the settings
   * @param routes the host CamelContext's plugin routes
   * @param registry the connector registry to fill
   * @param templates the template registry to fill
   * @param templateCheck validates templates before a plugin is accepted
   * @param meters where to publish the per-state gauges and the load timer; may be {@code null}
   */
  public PluginHost(PluginsProperties properties, PluginRoutes routes,
      DefaultConnectorRegistry registry, TemplateRegistry templates, TemplateCheck templateCheck,
      MeterRegistry meters) {
    this.properties = properties;
    this.routes = routes;
    this.registry = registry;
    this.templates = templates;
    this.templateCheck = templateCheck;
    this.verifier = new PluginVerifier(properties);
    try {
      Files.createDirectories(properties.workDir());
    } catch (IOException e) {
      throw new IllegalStateException("Cannot create the plugin work folder "
          + properties.workDir().toAbsolutePath() + " (plugboard.plugins.work-dir): " + e, e);
    }
    removeStaleCopies(properties.workDir());
    this.pf4j = new Pf4jPluginManager(properties.workDir(), properties.systemVersion());
    this.drains = Executors.newCachedThreadPool(daemonThreads("plugboard-drain-"));
    if (meters != null) {
      for (PluginState state : PluginState.values()) {
        Gauge.builder("plugboard.plugins", this, h -> h.count(state))
            .tag("state", state.name())
            .description("Plugin versions in this state")
            .register(meters);
      }
      this.loadTimer = Timer.builder("plugboard.plugins.load")
          .description("From jar detected (copied in or uploaded) to its connectors invocable")
          .register(meters);
    } else {
      this.loadTimer = null;
    }
  }

  /** Private copies and uploads left by a runtime that did not stop cleanly. */
  private static void removeStaleCopies(Path workDir) {
    try (var files = Files.list(workDir)) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith("plugin.jar") || name.startsWith("upload-") && name.endsWith(".jar")) {
          Files.deleteIfExists(f);
        }
      }
    } catch (IOException e) {
      log.warn("event=plugin_work_dir_unclean dir={} error=\"{}\"", workDir, e.toString());
    }
  }

  /**
   * Registers a listener for state changes.
   *
   * @param listener the listener
   */
  public void addListener(PluginStateListener listener) {
    listeners.add(listener);
  }

  /**
   * Removes a listener.
   *
   * @param listener the listener
   */
  public void removeListener(PluginStateListener listener) {
    listeners.remove(listener);
  }

  /**
   * Every listed plugin version: active, draining, failed, refused, and unloaded ones with a
   * problem to report.
   *
   * @return a snapshot
   */
  public List<PluginInfo> list() {
    lock.lock();
    try {
      return entries.values().stream().map(Entry::info).toList();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The active version of a plugin.
   *
   * @param id the logical plugin id
   * @return its info, if a version is active
   */
  public Optional<PluginInfo> active(String id) {
    lock.lock();
    try {
      return Optional.ofNullable(active.get(id)).map(Entry::info);
    } finally {
      lock.unlock();
    }
  }

  private double count(PluginState state) {
    lock.lock();
    try {
      return entries.values().stream().filter(e -> e.state == state).count();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Loads a jar from disk (the watched folder or {@code dist/plugins}).
   *
   * @param jar the jar
   * @return the outcome: ACTIVE, or REFUSED / FAILED with {@code lastError}
   */
  public PluginInfo loadFile(Path jar) {
    return install(jar, jar.getFileName().toString(), jar.toAbsolutePath().normalize());
  }

  /**
   * Loads an uploaded jar. When it becomes active it is stored in the watched folder as
   * {@code <id>-<version>.jar}, so that it is loaded again after a restart.
   *
   * @param content the jar's bytes
   * @param name the uploaded file name, for messages
   * @return the outcome: ACTIVE, or REFUSED / FAILED with {@code lastError}
   * @throws IOException when the upload cannot be stored
   */
  public PluginInfo upload(InputStream content, String name) throws IOException {
    Path temp = properties.workDir().resolve("upload-" + UUID.randomUUID() + ".jar");
    Files.copy(content, temp);
    try {
      PluginInfo info = install(temp, name, null);
      if (info.state() == PluginState.ACTIVE && info.version() != null) {
        Files.createDirectories(properties.dir());
        Path target = properties.dir().resolve(
            PluginRoutes.prefix(info.id(), info.version()).replaceAll("-$", "") + ".jar");
        Path part = target.resolveSibling(target.getFileName() + ".part");
        Files.copy(temp, part, StandardCopyOption.REPLACE_EXISTING);
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
        lock.lock();
        try {
          Entry e = entries.get(Pf4jPluginManager.versionedId(info.id(), info.version()));
          if (e != null) {
            e.source = target.toAbsolutePath().normalize();
            e.file = target.getFileName().toString();
          }
        } finally {
          lock.unlock();
        }
        return active(info.id()).orElse(info);
      }
      return info;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Removes the active version of a plugin: no new work, drain up to the deadline, unload.
   * Returns after the unload. A jar of the plugin in the watched folder is deleted so that the
   * plugin does not come back at the next start. With no active version, entries listed for the
   * id (failed, refused, unloaded with a problem) are dismissed.
   *
   * @param id the logical plugin id
   * @return false when nothing of the plugin was active or listed
   */
  public boolean remove(String id) {
    Entry entry;
    lock.lock();
    try {
      entry = active.remove(id);
      if (entry == null) {
        // Nothing active: dismiss what is listed for the id (failed, refused, unloaded with a
        // problem), so an operator can clear an entry they have dealt with.
        return entries.values().removeIf(e -> id.equals(e.id) && e.state != PluginState.DRAINING
            && e.state != PluginState.LOADING);
      }
      retire(entry);
    } finally {
      lock.unlock();
    }
    drainAndUnload(entry, "removed");
    Path source = entry.source;
    if (source != null && source.getParent() != null
        && source.getParent().equals(properties.dir().toAbsolutePath().normalize())) {
      try {
        Files.deleteIfExists(source);
      } catch (IOException e) {
        log.warn("event=plugin_file_not_deleted plugin={} file={} error=\"{}\"", id, source,
            e.getMessage());
      }
    }
    return true;
  }

  /**
   * A jar in the watched folder was deleted: unload the plugin it provided (in the background,
   * after the drain), and forget failures reported for it.
   *
   * @param file the deleted jar
   */
  public void fileRemoved(Path file) {
    Path normalized = file.toAbsolutePath().normalize();
    Entry toRemove = null;
    lock.lock();
    try {
      entries.values().removeIf(e -> normalized.equals(e.source)
          && (e.state == PluginState.FAILED || e.state == PluginState.REFUSED));
      for (Entry e : active.values()) {
        if (normalized.equals(e.source)) {
          toRemove = e;
        }
      }
      if (toRemove != null) {
        active.remove(toRemove.id);
        retire(toRemove);
      }
    } finally {
      lock.unlock();
    }
    if (toRemove != null) {
      Entry removed = toRemove;
      log.info("event=plugin_file_deleted plugin={} version={} file={}", removed.id,
          removed.version, normalized);
      drains.submit(() -> drainAndUnload(removed, "jar deleted"));
    }
  }

  private PluginInfo install(Path jar, String name, Path source) {
    Instant detected = Instant.now();
    long started = System.nanoTime();
    Entry replaced;
    Entry entry;
    lock.lock();
    try {
      entry = new Entry(name, source, detected);
      try {
        replaced = load(jar, entry);
      } catch (PluginLoadException e) {
        entry.lastError = e.getMessage();
        listFailure(entry, e.state(), e.getCause());
        return entry.info();
      }
      if (loadTimer != null) {
        loadTimer.record(Duration.ofNanos(System.nanoTime() - started));
      }
    } finally {
      lock.unlock();
    }
    if (replaced != null) {
      drains.submit(() -> drainAndUnload(replaced, "replaced by version " + entry.version));
    }
    return entry.info();
  }

  /** Loads under the lock; returns the version it replaced, if any. */
  private Entry load(Path jar, Entry entry) throws PluginLoadException {
    String sha;
    try {
      sha = PluginVerifier.sha256(jar);
    } catch (IOException e) {
      throw PluginLoadException.refused("Jar '" + entry.file + "' cannot be read: " + e);
    }
    for (Entry e : active.values()) {
      if (sha.equals(e.sha256)) {
        // The same bytes again (an upload stored in the folder, a touched file): nothing to do.
        if (entry.source != null) {
          e.source = entry.source;
          e.file = entry.file;
        }
        entry.copyFrom(e);
        return null;
      }
    }
    entry.lap("sha256");
    verifier.verify(jar, entry.file, sha);
    entry.sha256 = sha;
    readManifest(jar, entry.file);
    PluginDescriptor descriptor = Pf4jPluginManager.readDescriptor(jar);
    entry.id = descriptor.getPluginId();
    entry.version = descriptor.getVersion();
    checkRequires(descriptor, entry.file);
    Entry previous = active.get(entry.id);
    VersionManager versions = pf4j.getVersionManager();
    if (previous != null && versions.compareVersions(entry.version, previous.version) <= 0) {
      throw PluginLoadException.refused("Plugin '" + entry.id + "' version " + entry.version
          + " from '" + entry.file + "' refused: version " + previous.version
          + " is active; only a newer Plugin-Version replaces it (raise the version, or"
          + " DELETE /api/plugins/" + entry.id + " first)");
    }
    String pf4jId = Pf4jPluginManager.versionedId(entry.id, entry.version);
    if (pf4j.getPlugin(pf4jId) != null) {
      throw PluginLoadException.refused("Plugin '" + entry.id + "' version " + entry.version
          + " from '" + entry.file + "' refused: that version is still draining; copy the jar"
          + " again once it has unloaded");
    }
    entry.setState(PluginState.LOADING, this);
    entries.put(pf4jId, entry);
    log.info("event=plugin_loading plugin={} version={} file={} sha256={}", entry.id,
        entry.version, entry.file, sha);
    try {
      entry.copy = properties.workDir().resolve(sha.substring(0, 16) + "-"
          + PluginRoutes.prefix(entry.id, entry.version) + "plugin.jar");
      entry.lap("verify+descriptor");
      Files.copy(jar, entry.copy, StandardCopyOption.REPLACE_EXISTING);
      entry.lap("copy");
      start(entry, pf4jId);
    } catch (PluginLoadException | RuntimeException | IOException | LinkageError e) {
      entries.remove(pf4jId);
      cleanUp(entry);
      if (e instanceof PluginLoadException p) {
        throw p;
      }
      throw new PluginLoadException(PluginState.FAILED, "Plugin '" + entry.id + "' version "
          + entry.version + " from '" + entry.file + "' failed to load: " + describe(e), e);
    }
    // Take over: the new connectors first, then the old version stops taking work.
    registry.activate(entry.id, entry.connectors);
    templates.put(new TemplateRegistry.PluginTemplates(entry.id, entry.version, entry.templates));
    entry.loadedAt = Instant.now();
    active.put(entry.id, entry);
    entries.entrySet().removeIf(e -> e.getValue() != entry && e.getValue().source != null
        && e.getValue().source.equals(entry.source)
        && (e.getValue().state == PluginState.FAILED || e.getValue().state == PluginState.REFUSED));
    entry.setState(PluginState.ACTIVE, this);
    entry.lap("register");
    log.info("event=plugin_active plugin={} version={} connectors={} templates={} load_ms={}"
        + " steps_ms=\"{}\"", entry.id, entry.version, entry.types(), entry.templateCount(),
        Duration.between(entry.detectedAt, entry.loadedAt).toMillis(), entry.laps);
    if (previous != null) {
      previous.setState(PluginState.DRAINING, this);
      previous.inflight.close();
      return previous;
    }
    return null;
  }

  private void start(Entry entry, String pf4jId) throws PluginLoadException, IOException {
    PluginWrapper wrapper;
    try {
      wrapper = pf4j.load(entry.copy);
    } catch (RuntimeException e) {
      throw PluginLoadException.refused("Jar '" + entry.file + "' could not be loaded by PF4J: "
          + describe(e));
    }
    entry.pf4jId = pf4jId;
    entry.classLoader = wrapper.getPluginClassLoader();
    ClassLoader previous = swapLoader(entry.classLoader);
    org.pf4j.PluginState pf4jState;
    try {
      pf4jState = pf4j.startPlugin(pf4jId);
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
    entry.lap("pf4j");
    if (pf4jState != org.pf4j.PluginState.STARTED) {
      Throwable cause = wrapper.getFailedException();
      throw new PluginLoadException(PluginState.FAILED, "Plugin '" + entry.id + "' version "
          + entry.version + " failed to start (Plugin-Class "
          + wrapper.getDescriptor().getPluginClass() + "): "
          + (cause == null ? "PF4J state " + pf4jState : describe(cause)), cause);
    }
    List<ConnectorDefinition> definitions = readConnectors(entry);
    entry.lap("connector-classes");
    readTemplates(entry);
    entry.lap("templates");
    entry.inflight = new InflightCounter();
    entry.installed = routes.begin(entry.id, entry.version, entry.classLoader);
    addComponents(entry);
    for (ConnectorDefinition definition : definitions) {
      entry.connectors.add(createConnector(entry, definition));
    }
    entry.lap("connectors+routes");
  }

  /** Registers the Camel components the jar brings, before any of its routes starts. */
  private void addComponents(Entry entry) throws PluginLoadException, IOException {
    Entry previous = active.get(entry.id);
    ClassLoader previousLoader = previous == null ? null : previous.classLoader;
    try (JarFile jar = new JarFile(entry.copy.toFile())) {
      for (Enumeration<JarEntry> it = jar.entries(); it.hasMoreElements(); ) {
        JarEntry e = it.nextElement();
        String n = e.getName();
        if (!n.startsWith(COMPONENTS_DIR) || n.length() == COMPONENTS_DIR.length()
            || n.indexOf('/', COMPONENTS_DIR.length()) >= 0) {
          continue;
        }
        String name = n.substring(COMPONENTS_DIR.length());
        java.util.Properties p = new java.util.Properties();
        try (InputStream in = jar.getInputStream(e)) {
          p.load(in);
        }
        String className = p.getProperty("class");
        if (className == null) {
          continue;
        }
        Optional<ClassLoader> owner;
        try {
          owner = routes.addComponent(entry.installed, name,
              entry.classLoader.loadClass(className), previousLoader);
        } catch (Exception | LinkageError ex) {
          throw new PluginLoadException(PluginState.FAILED, "Plugin '" + entry.id + "' version "
              + entry.version + ": its Camel component '" + name + "' (" + className
              + ") cannot be created: " + describe(ex), ex);
        }
        if (owner.isPresent()) {
          String other = entries.values().stream()
              .filter(x -> x.classLoader == owner.get())
              .map(x -> "plugin '" + x.id + "' version " + x.version)
              .findFirst().orElse("another plugin");
          throw PluginLoadException.refused("Plugin '" + entry.id + "' version " + entry.version
              + " refused: its Camel component '" + name + "' is already provided by " + other
              + "; a component name belongs to one plugin (or to the runtime: add the component"
              + " to connector-runtime and drop it from the plugins)");
        }
      }
    }
  }

  private RegisteredConnector createConnector(Entry entry, ConnectorDefinition definition)
      throws PluginLoadException {
    String type = definition.type();
    if (definition.kind().inbound()) {
      return new RegisteredConnector(definition, entry.id, entry.version, null, null,
          entry.classLoader, entry.inflight);
    }
    Object instance;
    ClassLoader previous = swapLoader(entry.classLoader);
    try {
      instance = definition.connectorClass().getDeclaredConstructor().newInstance();
    } catch (InvocationTargetException e) {
      throw new PluginLoadException(PluginState.FAILED, "Plugin '" + entry.id + "' version "
          + entry.version + ": the constructor of connector " + definition.connectorClass()
          .getName() + " (type '" + type + "') threw " + describe(e.getCause()), e.getCause());
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      throw new PluginLoadException(PluginState.FAILED, "Plugin '" + entry.id + "' version "
          + entry.version + ": connector " + definition.connectorClass().getName()
          + " (type '" + type + "') cannot be created (it needs a public no-argument"
          + " constructor): " + describe(e), e);
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
    String entryEndpoint = null;
    try {
      if (instance instanceof RouteConnector<?, ?> route) {
        entryEndpoint = PluginRoutes.entryEndpoint(entry.id, entry.version, type);
        routes.addRoutes(entry.installed, route, entryEndpoint, type);
      } else if (instance instanceof YamlRouteConnector<?, ?> yaml) {
        entryEndpoint = PluginRoutes.entryEndpoint(entry.id, entry.version, type);
        routes.addYamlRoute(entry.installed, yaml, entryEndpoint, type);
      }
    } catch (Exception e) {
      throw new PluginLoadException(PluginState.FAILED, "Plugin '" + entry.id + "' version "
          + entry.version + ": the route of connector " + definition.connectorClass().getName()
          + " (type '" + type + "') could not be started: " + describe(e), e);
    }
    return new RegisteredConnector(definition, entry.id, entry.version, instance, entryEndpoint,
        entry.classLoader, entry.inflight);
  }

  private List<ConnectorDefinition> readConnectors(Entry entry) throws PluginLoadException,
      IOException {
    URL list = ((URLClassLoader) entry.classLoader).findResource(CONNECTORS_FILE);
    if (list == null) {
      throw PluginLoadException.refused("Plugin '" + entry.id + "' version " + entry.version
          + " from '" + entry.file + "' refused: it has no " + CONNECTORS_FILE + " (one connector"
          + " class name per line); build it with dev.plugboard:plugin-parent, which writes it");
    }
    List<String> names = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(list.openStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        String t = line.strip();
        if (!t.isEmpty() && !t.startsWith("#")) {
          names.add(t);
        }
      }
    }
    if (names.isEmpty()) {
      throw PluginLoadException.refused("Plugin '" + entry.id + "' version " + entry.version
          + " refused: " + CONNECTORS_FILE + " lists no connector class");
    }
    List<ConnectorDefinition> definitions = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (String className : names) {
      Class<?> type;
      try {
        type = entry.classLoader.loadClass(className);
      } catch (ClassNotFoundException | LinkageError e) {
        throw PluginLoadException.refused("Plugin '" + entry.id + "' version " + entry.version
            + " refused: connector class " + className + " listed in " + CONNECTORS_FILE
            + " cannot be loaded: " + describe(e));
      }
      ConnectorDefinition definition;
      try {
        definition = ConnectorDefinition.of(type);
      } catch (IllegalArgumentException e) {
        throw PluginLoadException.refused("Plugin '" + entry.id + "' version " + entry.version
            + " refused: " + e.getMessage());
      }
      String other = seen.put(definition.type(), className);
      if (other != null) {
        throw PluginLoadException.refused("Plugin '" + entry.id + "' version " + entry.version
            + " refused: connector type '" + definition.type() + "' is declared twice, by "
            + other + " and " + className);
      }
      Optional<RegisteredConnector> owner = registry.ownedByOther(definition.type(), entry.id);
      if (owner.isPresent()) {
        RegisteredConnector o = owner.get();
        throw PluginLoadException.refused("Plugin '" + entry.id + "' version " + entry.version
            + " refused: connector type '" + definition.type() + "' (" + className
            + ") is already provided by plugin '" + o.pluginId() + "' version "
            + o.pluginVersion() + " (" + o.definition().connectorClass().getName()
            + "); a type belongs to one plugin: rename the type or remove plugin '"
            + o.pluginId() + "'");
      }
      definitions.add(definition);
    }
    return definitions;
  }

  private void readTemplates(Entry entry) throws PluginLoadException, IOException {
    Map<TemplateFlavor, List<JsonNode>> byFlavor = TemplateRegistry.emptyByFlavor();
    List<String> problems = new ArrayList<>();
    try (JarFile jar = new JarFile(entry.copy.toFile())) {
      for (TemplateFlavor flavor : TemplateFlavor.values()) {
        String folder = TEMPLATES_DIR + flavor.folder() + "/";
        List<JsonNode> found = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Enumeration<JarEntry> it = jar.entries(); it.hasMoreElements(); ) {
          JarEntry e = it.nextElement();
          String n = e.getName();
          if (n.startsWith(folder) && n.endsWith(".json") && n.indexOf('/', folder.length()) < 0) {
            try (InputStream in = jar.getInputStream(e)) {
              found.add(json.readTree(in));
              names.add(n);
            } catch (IOException bad) {
              problems.add(n + ": not valid JSON (" + bad.getMessage().split("\n")[0] + ")");
            }
          }
        }
        if (problems.isEmpty()) {
          problems.addAll(templateCheck.check(flavor, found, names));
          for (int i = 0; i < found.size(); i++) {
            JsonNode t = found.get(i);
            Optional<String> owner = templates.owner(flavor, t.path("id").asText(),
                t.path("version").asInt(), entry.id);
            if (owner.isPresent()) {
              problems.add(names.get(i) + ": template id '" + t.path("id").asText()
                  + "' version " + t.path("version").asInt() + " is already published by plugin '"
                  + owner.get() + "'");
            }
          }
        }
        byFlavor.get(flavor).addAll(found);
      }
    }
    if (!problems.isEmpty()) {
      throw PluginLoadException.refused("Plugin '" + entry.id + "' version " + entry.version
          + " refused: invalid element templates: " + String.join("; ", problems));
    }
    entry.templates = byFlavor;
  }

  private void checkRequires(PluginDescriptor descriptor, String file)
      throws PluginLoadException {
    String requires = descriptor.getRequires();
    if (requires == null || requires.isBlank() || requires.strip().equals("*")) {
      return;
    }
    boolean ok;
    try {
      ok = pf4j.getVersionManager().checkVersionConstraint(pf4j.getSystemVersion(),
          requires.strip());
    } catch (RuntimeException e) {
      throw PluginLoadException.refused("Plugin '" + descriptor.getPluginId() + "' from '" + file
          + "' refused: Plugin-Requires '" + requires + "' is not a version range ("
          + e.getMessage() + "); use for example '>=0.1.0 & <1.0.0'");
    }
    if (!ok) {
      throw PluginLoadException.refused("Plugin '" + descriptor.getPluginId() + "' version "
          + descriptor.getVersion() + " from '" + file + "' refused: it requires SDK '"
          + requires + "' but this runtime provides SDK " + pf4j.getSystemVersion()
          + "; use a runtime with a matching SDK or rebuild the plugin against SDK "
          + pf4j.getSystemVersion());
    }
  }

  private static void readManifest(Path jar, String name) throws PluginLoadException {
    Manifest manifest;
    try (JarFile file = new JarFile(jar.toFile(), false)) {
      manifest = file.getManifest();
    } catch (IOException e) {
      throw PluginLoadException.refused("Jar '" + name + "' refused: it is not a jar (zip) file ("
          + e.getMessage() + "); a plugin is a jar built with dev.plugboard:plugin-parent");
    }
    Attributes attributes = manifest == null ? null : manifest.getMainAttributes();
    if (attributes == null || isBlank(attributes.getValue("Plugin-Id"))
        || isBlank(attributes.getValue("Plugin-Version"))) {
      throw PluginLoadException.refused("Jar '" + name + "' refused: it has no PF4J plugin"
          + " descriptor (META-INF/MANIFEST.MF needs Plugin-Id and Plugin-Version); build it with"
          + " dev.plugboard:plugin-parent, which writes them");
    }
    if (!attributes.getValue("Plugin-Id").matches("[A-Za-z0-9._-]+")) {
      throw PluginLoadException.refused("Jar '" + name + "' refused: Plugin-Id '"
          + attributes.getValue("Plugin-Id") + "' may only use letters, digits, '.', '_' and '-'");
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  /** Takes an active version out of the registry and closes it for new work (under the lock). */
  private void retire(Entry entry) {
    registry.deactivate(entry.id, entry.version);
    templates.remove(entry.id, entry.version);
    entry.setState(PluginState.DRAINING, this);
    entry.inflight.close();
  }

  private void drainAndUnload(Entry entry, String reason) {
    Duration deadline = properties.drainDeadline();
    boolean idle;
    try {
      idle = entry.inflight.awaitIdle(deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      idle = false;
    }
    if (!idle) {
      log.warn("event=plugin_drain_deadline plugin={} version={} inflight={} deadline={}"
          + " detail=\"unloading with work in flight\"", entry.id, entry.version,
          entry.inflight.count(), deadline);
    }
    lock.lock();
    try {
      List<String> problems = new ArrayList<>();
      if (!idle) {
        problems.add(entry.inflight.count() + " executions still in flight after the drain"
            + " deadline " + deadline);
      }
      problems.addAll(cleanUp(entry));
      entry.connectors.clear();
      if (problems.isEmpty()) {
        entries.remove(entry.pf4jId);
        entry.setState(PluginState.UNLOADED, this);
      } else {
        entry.lastError = "Unloaded (" + reason + ") with problems: " + String.join("; ", problems);
        entry.setState(PluginState.UNLOADED, this);
        log.warn("event=plugin_unload_problems plugin={} version={} problems=\"{}\"", entry.id,
            entry.version, String.join("; ", problems));
      }
      log.info("event=plugin_unloaded plugin={} version={} reason=\"{}\"", entry.id,
          entry.version, reason);
    } finally {
      lock.unlock();
    }
  }

  /** Removes whatever a version put into Camel and PF4J; returns problems, never throws. */
  private List<String> cleanUp(Entry entry) {
    List<String> problems = new ArrayList<>();
    // Connectors that hold pools, clients or broker threads release them in close(); without it
    // those threads would keep the plugin's class loader alive.
    for (RegisteredConnector connector : entry.connectors) {
      if (connector.instance() instanceof AutoCloseable closeable) {
        ClassLoader previous = swapLoader(entry.classLoader);
        try {
          closeable.close();
        } catch (Exception e) {
          problems.add("connector " + connector.type() + " failed to close: " + describe(e));
        } finally {
          Thread.currentThread().setContextClassLoader(previous);
        }
      }
    }
    if (entry.installed != null) {
      problems.addAll(routes.remove(entry.installed, properties.routeStopTimeout()));
      entry.installed = null;
    }
    ClassLoader loader = entry.classLoader;
    if (entry.pf4jId != null && pf4j.getPlugin(entry.pf4jId) != null) {
      ClassLoader previous = swapLoader(loader);
      try {
        pf4j.unloadPlugin(entry.pf4jId);
      } catch (RuntimeException e) {
        problems.add("PF4J unload failed: " + describe(e));
      } finally {
        Thread.currentThread().setContextClassLoader(previous);
      }
    }
    entry.classLoader = null;
    if (loader != null) {
      List<String> leaked = leakedThreads(loader);
      if (!leaked.isEmpty()) {
        problems.add("plugin threads still running after unload (they keep its class loader"
            + " alive; stop them in Plugin.stop() or the connector's close): " + leaked);
      }
    }
    if (entry.copy != null) {
      try {
        Files.deleteIfExists(entry.copy);
      } catch (IOException e) {
        log.debug("event=plugin_copy_not_deleted file={} error=\"{}\"", entry.copy, e.toString());
      }
    }
    return problems;
  }

  private static List<String> leakedThreads(ClassLoader loader) {
    List<String> leaked = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && (t.getContextClassLoader() == loader
          || t.getClass().getClassLoader() == loader)) {
        leaked.add(t.getName());
      }
    }
    Collections.sort(leaked);
    return leaked;
  }

  private void listFailure(Entry entry, PluginState state, Throwable cause) {
    String key = "file:" + (entry.source != null ? entry.source : entry.file) + "#"
        + (entry.sha256 == null ? "" : entry.sha256);
    entries.entrySet().removeIf(e -> e.getValue() != entry && e.getValue().source != null
        && e.getValue().source.equals(entry.source)
        && (e.getValue().state == PluginState.FAILED || e.getValue().state == PluginState.REFUSED));
    entries.remove(key);
    entries.put(key, entry);
    entry.setState(state, this);
    if (cause != null) {
      log.warn("event=plugin_{} plugin={} version={} file={} error=\"{}\"",
          state.name().toLowerCase(), entry.id, entry.version, entry.file, entry.lastError, cause);
    } else {
      log.warn("event=plugin_{} plugin={} version={} file={} error=\"{}\"",
          state.name().toLowerCase(), entry.id, entry.version, entry.file, entry.lastError);
    }
  }

  void fire(Entry entry, PluginState previous) {
    PluginInfo info = entry.info();
    for (PluginStateListener l : listeners) {
      try {
        l.stateChanged(info, previous);
      } catch (RuntimeException e) {
        log.error("event=plugin_listener_failed plugin={} error=\"{}\"", entry.id, e.toString(), e);
      }
    }
  }

  /** Unloads every plugin (no drain: the runtime is stopping). */
  @Override
  public void close() {
    lock.lock();
    try {
      for (Entry e : List.copyOf(active.values())) {
        retire(e);
        cleanUp(e);
      }
      active.clear();
    } finally {
      lock.unlock();
    }
    drains.shutdownNow();
  }

  static String describe(Throwable e) {
    if (e == null) {
      return "unknown error";
    }
    Throwable root = e;
    Set<Throwable> seen = new LinkedHashSet<>();
    while (root.getCause() != null && seen.add(root)) {
      root = root.getCause();
    }
    String msg = e.getClass().getSimpleName() + ": " + e.getMessage();
    if (root != e) {
      msg += " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
    return msg;
  }

  /** Sets the thread context class loader; returns the previous one to restore. */
  private static ClassLoader swapLoader(ClassLoader loader) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    if (loader != null) {
      thread.setContextClassLoader(loader);
    }
    return previous;
  }

  static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    ClassLoader hostLoader = PluginHost.class.getClassLoader();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      // Never inherit a plugin's loader from whoever caused the thread to be created.
      t.setContextClassLoader(hostLoader);
      return t;
    };
  }

  /** One plugin version (or one refused jar), mutable under the host's lock. */
  static final class Entry {
    String id;
    String version;
    PluginState state;
    String lastError;
    String file;
    Path source;
    String sha256;
    final Instant detectedAt;
    Instant loadedAt;
    Path copy;
    String pf4jId;
    ClassLoader classLoader;
    InflightCounter inflight = new InflightCounter();
    PluginRoutes.Installed installed;
    final List<RegisteredConnector> connectors = new ArrayList<>();
    Map<TemplateFlavor, List<JsonNode>> templates = Map.of();
    private List<String> typesSnapshot = List.of();
    /** Where the load's time went, for the log: {@code sha256=2 pf4j=35 ...}. */
    final StringBuilder laps = new StringBuilder();
    private long lapStart = System.nanoTime();

    void lap(String step) {
      long now = System.nanoTime();
      if (laps.length() > 0) {
        laps.append(' ');
      }
      laps.append(step).append('=').append((now - lapStart) / 1_000_000);
      lapStart = now;
    }

    Entry(String file, Path source, Instant detectedAt) {
      this.file = file;
      this.source = source;
      this.detectedAt = detectedAt;
    }

    void copyFrom(Entry other) {
      id = other.id;
      version = other.version;
      state = other.state;
      lastError = other.lastError;
      file = other.file;
      loadedAt = other.loadedAt;
      typesSnapshot = other.types();
      templates = other.templates;
    }

    List<String> types() {
      if (!connectors.isEmpty()) {
        typesSnapshot = connectors.stream().map(RegisteredConnector::type).toList();
      }
      return typesSnapshot;
    }

    int templateCount() {
      return templates.values().stream().mapToInt(List::size).sum();
    }

    void setState(PluginState next, PluginHost host) {
      PluginState previous = state;
      state = next;
      host.fire(this, previous);
    }

    PluginInfo info() {
      return new PluginInfo(id, version, state, types(), templateCount(), lastError, file,
          detectedAt, loadedAt);
    }
  }

}
