package dev.plugboard.runtime.plugins;

import dev.plugboard.sdk.host.HostApi;
import java.util.List;
import org.pf4j.ClassLoadingStrategy;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * A plugin's class loader: the host's APIs (the SDK, Camel core, Jackson, Bean Validation,
 * SLF4J) come from the host so that plugin and host agree on their types; everything else comes
 * from the plugin first, so two plugins may bundle different versions of one library.
 *
 * <p>A host-API package the host does not have (a Camel component the plugin shades in, say)
 * falls back to the plugin's own copy instead of failing; PF4J's
 * {@code shouldDelegateToParent} cannot express that fallback, hence {@link #loadClass}. PF4J's
 * own rule ({@code java.*}, {@code org.pf4j.*} from the parent) stays.
 */
final class HostFirstClassLoader extends PluginClassLoader {

  /** Package prefixes that always come from the host when the host has the class. */
  static final List<String> HOST_PACKAGES = HostApi.PACKAGES;

  static {
    registerAsParallelCapable();
  }

  HostFirstClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader parent) {
    super(manager, descriptor, parent, ClassLoadingStrategy.PDA);
  }

  @Override
  public Class<?> loadClass(String className) throws ClassNotFoundException {
    if (isHostApi(className)) {
      try {
        return getParent().loadClass(className);
      } catch (ClassNotFoundException notInHost) {
        // the plugin brings a part the host does not have: use its copy
      }
    }
    return super.loadClass(className);
  }

  static boolean isHostApi(String className) {
    return HostApi.isHostApi(className);
  }

  @Override
  public String toString() {
    return "HostFirstClassLoader[" + getURLs()[0] + "]";
  }
}
