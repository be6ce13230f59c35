package dev.plugboard.runtime.camel;

import dev.plugboard.sdk.RouteConnector;
import dev.plugboard.sdk.YamlRouteConnector;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.Endpoint;
import org.apache.camel.ExtendedCamelContext;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.spi.FactoryFinder;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds plugins' routes to the one host CamelContext and takes them out again, with everything
 * Camel keeps of them: routes, route templates, endpoints, components and the factory finders'
 * class caches. It never calls {@code ClassResolver.addClassLoader} (a loader added there stays
 * forever).
 */
public final class PluginRoutes {

  private static final Logger log = LoggerFactory.getLogger(PluginRoutes.class);

  /** Factory-finder paths that cache classes found through a plugin's class loader. */
  private static final List<String> FINDER_PATHS = List.of(
      FactoryFinder.DEFAULT_PATH,
      FactoryFinder.DEFAULT_PATH + "component/",
      FactoryFinder.DEFAULT_PATH + "language/",
      FactoryFinder.DEFAULT_PATH + "dataformat/");

  private final CamelContext camel;

  /**
   * The routes of the host context.
   *
   * @param camel the host context (camel-spring-boot's)
   */
  public PluginRoutes(CamelContext camel) {
    this.camel = camel;
  }

  /**
   * What one plugin version added to the host context, to take out at unload.
   *
   * @param prefix the route id prefix
   * @param routeIds the routes
   * @param templateIds the route templates
   * @param componentNames the Camel components it registered
   * @param classLoader the plugin's class loader
   */
  public record Installed(String prefix, List<String> routeIds, List<String> templateIds,
      List<String> componentNames, ClassLoader classLoader) {}

  /**
   * The host context.
   *
   * @return the context
   */
  public CamelContext camel() {
    return camel;
  }

  /**
   * The route id prefix of a plugin version: {@code <id>-<version>-}, sanitized.
   *
   * @param pluginId the plugin id
   * @param version the version
   * @return the prefix
   */
  public static String prefix(String pluginId, String version) {
    return sanitize(pluginId + "-" + version) + "-";
  }

  /**
   * The entry endpoint of a connector: unique per plugin version and type.
   *
   * @param pluginId the plugin id
   * @param version the version
   * @param type the connector type
   * @return {@code direct:plugboard-<id>-<version>-<type>}, sanitized
   */
  public static String entryEndpoint(String pluginId, String version, String type) {
    return "direct:plugboard-" + prefix(pluginId, version) + sanitize(type);
  }

  static String sanitize(String value) {
    return value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
  }

  /**
   * Starts an empty record for a plugin version.
   *
   * @param pluginId the plugin id
   * @param version the version
   * @param classLoader its class loader
   * @return the record, filled by the install methods
   */
  public Installed begin(String pluginId, String version, ClassLoader classLoader) {
    return new Installed(prefix(pluginId, version), new ArrayList<>(), new ArrayList<>(),
        new ArrayList<>(), classLoader);
  }

  /**
   * Registers a Camel component the plugin brings (found in its jar as
   * {@code META-INF/services/org/apache/camel/component/<name>}) as an instance in the host
   * context, so that its routes find it without Camel ever searching the plugin's class loader.
   * A component the host already has wins; one of an older version of the same plugin is taken
   * over (that instance is stopped; its endpoints keep serving the old version's in-flight work).
   *
   * @param installed the plugin's record
   * @param name the component name (the URI scheme)
   * @param componentClass the component class, loaded by the plugin's class loader
   * @param previousVersionLoader the class loader of the plugin's version being replaced, or
   *     {@code null}
   * @return empty when registered (or the host's is used), otherwise the class loader that owns
   *     the name (another plugin's)
   * @throws Exception when the component cannot be created
   */
  public java.util.Optional<ClassLoader> addComponent(Installed installed, String name,
      Class<?> componentClass, ClassLoader previousVersionLoader) throws Exception {
    Component existing = camel.hasComponent(name);
    if (existing != null) {
      ClassLoader owner = existing.getClass().getClassLoader();
      if (owner != previousVersionLoader && owner != installed.classLoader()) {
        if (!(owner instanceof org.pf4j.PluginClassLoader)) {
          log.info("event=plugin_component_from_host component={} prefix={}", name,
              installed.prefix());
          return java.util.Optional.empty();
        }
        return java.util.Optional.of(owner);
      }
      // The new version gets its own endpoints: drop the old component's endpoints from the
      // registry without stopping them (the old version's routes hold them while draining).
      camel.getEndpointRegistry().values().removeIf(e -> e.getComponent() == existing);
      camel.removeComponent(name);
    }
    Object[] created = new Object[1];
    withLoader(installed.classLoader(), () -> {
      created[0] = componentClass.getDeclaredConstructor().newInstance();
      camel.addComponent(name, (Component) created[0]);
      return null;
    });
    installed.componentNames().add(name);
    log.info("event=plugin_component_added component={} class={} prefix={}", name,
        componentClass.getName(), installed.prefix());
    return java.util.Optional.empty();
  }

  /**
   * Adds a Java DSL route connector's routes, consuming from its entry endpoint, with route ids
   * prefixed by the plugin id and version.
   *
   * @param installed the plugin's record
   * @param connector the connector instance
   * @param entry its entry endpoint
   * @param type the connector type, for ids
   * @throws Exception when Camel refuses the routes
   */
  public void addRoutes(Installed installed, RouteConnector<?, ?> connector, String entry,
      String type) throws Exception {
    connector.assignInput(entry);
    withLoader(installed.classLoader(), () -> {
      List<RouteDefinition> routes = connector.configureRoutes(camel).getRoutes();
      int n = 0;
      for (RouteDefinition route : routes) {
        String original = route.getRouteId();
        String id = installed.prefix() + sanitize(type)
            + (original == null ? (n == 0 ? "" : "-" + n) : "-" + original);
        route.setId(id);
        installed.routeIds().add(id);
        n++;
      }
      camel.getCamelContextExtension().getContextPlugin(Model.class).addRouteDefinitions(routes);
      return null;
    });
  }

  /**
   * Loads a YAML route template from the plugin jar (its id prefixed so that two versions of a
   * plugin can hold it at once) and instantiates it with {@code input} = the entry endpoint.
   *
   * @param installed the plugin's record
   * @param connector the connector instance
   * @param entry its entry endpoint
   * @param type the connector type, for ids
   * @throws Exception when the resource is missing or Camel refuses the template
   */
  public void addYamlRoute(Installed installed, YamlRouteConnector<?, ?> connector, String entry,
      String type) throws Exception {
    byte[] yaml;
    try (InputStream in = installed.classLoader().getResourceAsStream(connector.resource())) {
      if (in == null) {
        throw new IOException("YAML route resource '" + connector.resource()
            + "' is not in the plugin jar (" + connector.getClass().getName() + ".resource())");
      }
      yaml = in.readAllBytes();
    }
    withLoader(installed.classLoader(), () -> {
      Resource resource = ResourceHelper.fromBytes(connector.resource(), yaml);
      Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
      String templateId = installed.prefix() + sanitize(connector.templateId());
      boolean found = false;
      for (RoutesBuilder builder : PluginHelper.getRoutesLoader(camel).findRoutesBuilders(resource)) {
        if (builder instanceof RouteBuilder rb) {
          rb.configureRoutes(camel);
          List<RouteTemplateDefinition> templates =
              new ArrayList<>(rb.getRouteTemplateCollection().getRouteTemplates());
          for (RouteTemplateDefinition t : templates) {
            if (t.getId().equals(connector.templateId())) {
              t.setId(templateId);
              found = true;
              model.addRouteTemplateDefinitions(List.of(t));
              installed.templateIds().add(templateId);
            }
          }
        }
      }
      if (!found) {
        throw new IllegalArgumentException("YAML resource '" + connector.resource()
            + "' has no routeTemplate with id '" + connector.templateId() + "' ("
            + connector.getClass().getName() + ".templateId())");
      }
      String routeId = installed.prefix() + sanitize(type);
      TemplatedRouteBuilder route = TemplatedRouteBuilder.builder(camel, templateId)
          .routeId(routeId)
          .parameter("input", entry);
      connector.parameters().forEach(route::parameter);
      route.add();
      installed.routeIds().add(routeId);
      return null;
    });
  }

  /**
   * Takes a plugin version out of the host context: stops its routes (each gets
   * {@code stopTimeout}, then is aborted), removes them, its route templates, its entry
   * endpoints, components whose classes it brought, and clears the factory finders' caches.
   * Goes on after a failure, and reports every failure.
   *
   * @param installed the plugin's record
   * @param stopTimeout the graceful stop time per route
   * @return problems met, empty when all went well
   */
  public List<String> remove(Installed installed, java.time.Duration stopTimeout) {
    List<String> problems = new ArrayList<>();
    for (String id : installed.routeIds()) {
      try {
        Route route = camel.getRoute(id);
        if (route != null) {
          boolean inTime = camel.getRouteController()
              .stopRoute(id, Math.max(1, stopTimeout.toMillis()), TimeUnit.MILLISECONDS, true);
          if (!inTime) {
            problems.add("route " + id + " did not stop within " + stopTimeout + "; aborted");
          }
          camel.removeRoute(id);
        }
      } catch (Exception e) {
        problems.add("route " + id + " could not be removed: " + e.getMessage());
      }
    }
    for (String id : installed.templateIds()) {
      try {
        camel.removeRouteTemplates(id);
      } catch (Exception e) {
        problems.add("route template " + id + " could not be removed: " + e.getMessage());
      }
    }
    try {
      camel.removeEndpoints("direct:plugboard-" + installed.prefix() + "*");
      for (Endpoint endpoint : List.copyOf(camel.getEndpoints())) {
        if (endpoint.getClass().getClassLoader() == installed.classLoader()) {
          camel.removeEndpoint(endpoint);
        }
      }
    } catch (Exception e) {
      problems.add("endpoints could not be removed: " + e.getMessage());
    }
    // Producers that sent to the plugin (a producer template's direct producer, which caches the
    // plugin route's consumer) stay registered as context services after their endpoints go.
    try {
      for (org.apache.camel.Producer producer : camel.hasServices(org.apache.camel.Producer.class)) {
        if (belongsTo(producer.getEndpoint(), installed)) {
          camel.removeService(producer);
          org.apache.camel.support.service.ServiceHelper.stopAndShutdownService(producer);
        }
      }
    } catch (Exception e) {
      problems.add("producers could not be removed: " + e.getMessage());
    }
    for (String name : List.copyOf(camel.getComponentNames())) {
      Component component = camel.hasComponent(name);
      if (component != null && component.getClass().getClassLoader() == installed.classLoader()) {
        try {
          camel.removeComponent(name);
          component.stop();
        } catch (RuntimeException e) {
          problems.add("component " + name + " could not be removed: " + e.getMessage());
        }
      }
    }
    clearFactoryFinders();
    if (!problems.isEmpty()) {
      log.warn("event=camel_unload_problems prefix={} problems=\"{}\"", installed.prefix(),
          String.join("; ", problems));
    }
    return problems;
  }

  private static boolean belongsTo(Endpoint endpoint, Installed installed) {
    if (endpoint == null) {
      return false;
    }
    ClassLoader loader = installed.classLoader();
    return endpoint.getEndpointUri().startsWith("direct://plugboard-" + installed.prefix())
        || endpoint.getClass().getClassLoader() == loader
        || endpoint.getComponent() != null
        && endpoint.getComponent().getClass().getClassLoader() == loader;
  }

  private void clearFactoryFinders() {
    ExtendedCamelContext ext = camel.getCamelContextExtension();
    ext.getDefaultFactoryFinder().clear();
    ext.getBootstrapFactoryFinder().clear();
    for (String path : FINDER_PATHS) {
      ext.getFactoryFinder(path).clear();
    }
    // Binding endpoint options caches the endpoint's class (a plugin class for its components).
    PluginHelper.getBeanIntrospection(camel).clearCache();
  }

  private interface Step {
    Object run() throws Exception;
  }

  private static void withLoader(ClassLoader loader, Step step) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      step.run();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
