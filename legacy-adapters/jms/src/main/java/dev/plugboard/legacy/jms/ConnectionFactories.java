package dev.plugboard.legacy.jms;

import dev.plugboard.sdk.ConnectorException;
import jakarta.jms.ConnectionFactory;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Connection factories by broker: ActiveMQ Artemis from a URL (its client is bundled), or any
 * JMS 3 provider from its {@code ConnectionFactory} class, found in the operator's provider
 * folder ({@link ProviderJars}) or in this plugin, configured through bean setters.
 */
final class ConnectionFactories implements AutoCloseable {

  /** A factory and the class loader its provider needs as the thread's context loader. */
  record Factory(ConnectionFactory factory, ClassLoader classLoader, String where) {}

  private final ProviderJars providers;
  private final Map<String, Factory> cache = new ConcurrentHashMap<>();

  ConnectionFactories(ProviderJars providers) {
    this.providers = providers;
  }

  ProviderJars providers() {
    return providers;
  }

  /**
   * The factory for a broker, made on first use.
   *
   * @param brokerUrl an Artemis URL, or {@code null} when a class is given
   * @param factoryClass another provider's factory class, or {@code null}
   * @param properties bean properties of that factory
   * @return the factory
   * @throws ConnectorException {@code INVALID_INPUT} when neither is given, the class is in no
   *     provider, or a property cannot be set
   */
  Factory get(String brokerUrl, String factoryClass, Map<String, Object> properties) {
    boolean artemis = factoryClass == null || factoryClass.isBlank();
    if (artemis && (brokerUrl == null || brokerUrl.isBlank())) {
      throw new ConnectorException("INVALID_INPUT",
          "Give 'brokerUrl' (ActiveMQ Artemis, e.g. tcp://broker:61616) or 'connectionFactoryClass'.");
    }
    if (artemis) {
      return cache.computeIfAbsent("artemis|" + brokerUrl, k -> new Factory(artemis(brokerUrl),
          ConnectionFactories.class.getClassLoader(), brokerUrl));
    }
    Map<String, Object> props = properties == null ? Map.of() : properties;
    ProviderJars.Loaded provider = providers.find(factoryClass);
    ClassLoader loader = provider != null ? provider.loader() : ConnectionFactories.class.getClassLoader();
    // The fingerprint is part of the key: replaced jars give a new factory.
    String key = factoryClass + "|" + new TreeMap<>(props) + "|"
        + (provider != null ? provider.provider().fingerprint() : "plugin");
    cache.keySet().removeIf(k -> k.startsWith(factoryClass + "|") && !k.equals(key));
    return cache.computeIfAbsent(key, k -> new Factory(generic(factoryClass, loader, props), loader,
        factoryClass + (provider != null ? " (provider " + provider.provider().name() + ")" : "")));
  }

  private static ConnectionFactory artemis(String url) {
    try {
      return new ActiveMQConnectionFactory(url);
    } catch (RuntimeException e) {
      throw new ConnectorException("INVALID_INPUT", "'brokerUrl' " + url + " is not an Artemis URL: "
          + e.getMessage() + ". Example: tcp://broker:61616");
    }
  }

  private ConnectionFactory generic(String name, ClassLoader loader, Map<String, Object> properties) {
    Object factory;
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      Class<?> c = Class.forName(name, true, loader);
      factory = c.getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      List<String> found = providers.providers().stream().map(ProviderJars.Provider::name).toList();
      throw new ConnectorException("INVALID_INPUT", "The connection factory class " + name
          + " is in no JMS provider under " + providers.folder() + " (providers there: "
          + (found.isEmpty() ? "none" : found) + "). Put the provider's client jar and the jars it"
          + " needs in a sub-folder there, e.g. " + providers.folder().resolve("ibm-mq")
          + "/; no rebuild or restart is needed. The folder is set by -D" + ProviderJars.PROPERTY
          + " or " + ProviderJars.ENV + ".");
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new ConnectorException("INVALID_INPUT", "The connection factory class " + name
          + " cannot be created (" + e + "); check that its provider folder holds every jar the"
          + " client needs.");
    } finally {
      thread.setContextClassLoader(previous);
    }
    if (!(factory instanceof ConnectionFactory cf)) {
      throw new ConnectorException("INVALID_INPUT", name + " is not a jakarta.jms.ConnectionFactory"
          + " (a javax.jms one belongs to JMS 2 clients, which this plugin does not support; use the"
          + " provider's Jakarta JMS 3 client).");
    }
    for (Map.Entry<String, Object> p : properties.entrySet()) {
      setProperty(cf, p.getKey(), p.getValue());
    }
    return cf;
  }

  private static void setProperty(Object bean, String name, Object value) {
    if (name == null || name.isEmpty()) {
      throw new ConnectorException("INVALID_INPUT", "A connection factory property has no name.");
    }
    String setter = "set" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    for (Method m : bean.getClass().getMethods()) {
      if (!m.getName().equals(setter) || m.getParameterCount() != 1) {
        continue;
      }
      Class<?> t = m.getParameterTypes()[0];
      String s = String.valueOf(value);
      try {
        Object arg = t == String.class ? s
            : t == int.class || t == Integer.class ? Integer.valueOf(s)
            : t == long.class || t == Long.class ? Long.valueOf(s)
            : t == boolean.class || t == Boolean.class ? Boolean.valueOf(s)
            : t.isInstance(value) ? value : null;
        if (arg == null) {
          continue;
        }
        m.invoke(bean, arg);
        return;
      } catch (NumberFormatException e) {
        // The value itself stays out of the message: it may be a resolved secret.
        throw new ConnectorException("INVALID_INPUT", "Connection factory property '" + name
            + "' expects " + t.getSimpleName() + "; the given value is not one.");
      } catch (ReflectiveOperationException | IllegalArgumentException e) {
        Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite && ite.getCause() != null
            ? ite.getCause() : e;
        throw new ConnectorException("INVALID_INPUT", "Connection factory property '" + name
            + "' cannot be set to the given value: " + cause.getClass().getSimpleName() + " "
            + cause.getMessage());
      }
    }
    throw new ConnectorException("INVALID_INPUT", bean.getClass().getName() + " has no property '" + name
        + "' (no public " + setter + " method taking text, a number or a boolean).");
  }

  /** Closes the factories that can be closed, then the providers' class loaders. */
  @Override
  public void close() {
    for (Factory f : cache.values()) {
      if (f.factory() instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception ignored) {
          // closing is best effort when the plugin leaves
        }
      }
    }
    cache.clear();
    providers.close();
  }
}
