package dev.plugboard.runtime.plugins;

import java.nio.file.Path;
import java.util.List;
import org.pf4j.DefaultPluginDescriptor;
import org.pf4j.DefaultPluginFactory;
import org.pf4j.DefaultPluginManager;
import org.pf4j.JarPluginLoader;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.Plugin;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;
import org.pf4j.PluginWrapper;
import org.pf4j.util.StringUtils;

/**
 * PF4J underneath the plugin layer. It differs from PF4J's default in four ways:
 *
 * <ul>
 *   <li>each plugin version is loaded under a versioned id ({@code <Plugin-Id>@<Plugin-Version>}),
 *       so a new version starts beside the old one (PF4J refuses two plugins with one id);
 *   <li>class loading is host-first for the host's APIs ({@link HostFirstClassLoader});
 *   <li>a jar without {@code Plugin-Class} gets a {@link NoOpPlugin};
 *   <li>it never scans a folder itself: {@link PluginHost} hands it one jar at a time.
 * </ul>
 */
final class Pf4jPluginManager extends DefaultPluginManager {

  /** Separates the logical id and the version in PF4J's id. */
  static final String VERSION_SEPARATOR = "@";

  Pf4jPluginManager(Path root, String systemVersion) {
    super(List.of(root));
    setSystemVersion(systemVersion);
  }

  /**
   * PF4J's id of a plugin version.
   *
   * @param id the logical id
   * @param version the version
   * @return {@code id@version}
   */
  static String versionedId(String id, String version) {
    return id + VERSION_SEPARATOR + version;
  }

  /**
   * Loads one jar (already verified and copied to the private folder) and resolves it.
   *
   * @param jar the jar
   * @return the wrapper, not yet started
   */
  PluginWrapper load(Path jar) {
    PluginWrapper wrapper = loadPluginFromPath(jar);
    resolvePlugins();
    return wrapper;
  }

  /**
   * Reads a jar's descriptor as PF4J does, with the logical (unversioned) id.
   *
   * @param jar the jar
   * @return the descriptor
   */
  static PluginDescriptor readDescriptor(Path jar) {
    return new ManifestPluginDescriptorFinder().find(jar);
  }

  @Override
  protected String getPluginLabel(PluginDescriptor descriptor) {
    // PF4J appends the version to the id, which already carries it: "echo@1.0.0", not
    // "echo@1.0.0@1.0.0".
    return descriptor.getPluginId();
  }

  @Override
  protected PluginDescriptorFinder createPluginDescriptorFinder() {
    return new VersionedDescriptorFinder();
  }

  @Override
  protected PluginRepository createPluginRepository() {
    // loadPlugins() is never called: an empty repository keeps PF4J from scanning on its own.
    return new PluginRepository() {
      @Override public List<Path> getPluginPaths() {
        return List.of();
      }

      @Override public boolean deletePluginPath(Path pluginPath) {
        return false;
      }
    };
  }

  @Override
  protected PluginLoader createPluginLoader() {
    return new JarPluginLoader(this) {
      @Override
      protected PluginClassLoader createPluginClassLoader(Path pluginPath,
          PluginDescriptor descriptor) {
        return new HostFirstClassLoader(pluginManager, descriptor,
            Pf4jPluginManager.class.getClassLoader());
      }
    };
  }

  @Override
  protected PluginFactory createPluginFactory() {
    return new DefaultPluginFactory() {
      @Override
      public Plugin create(PluginWrapper wrapper) {
        if (StringUtils.isNullOrEmpty(wrapper.getDescriptor().getPluginClass())) {
          return new NoOpPlugin();
        }
        return super.create(wrapper);
      }
    };
  }

  /** Reads the MANIFEST descriptor and rewrites the id to {@code id@version}. */
  private static final class VersionedDescriptorFinder extends ManifestPluginDescriptorFinder {

    @Override
    protected DefaultPluginDescriptor createPluginDescriptorInstance() {
      return new DefaultPluginDescriptor() {
        private String version;

        @Override
        protected DefaultPluginDescriptor setPluginVersion(String value) {
          this.version = value;
          return super.setPluginVersion(value);
        }

        @Override
        public String getPluginId() {
          String id = super.getPluginId();
          return id == null || version == null ? id : versionedId(id, version);
        }
      };
    }
  }
}
