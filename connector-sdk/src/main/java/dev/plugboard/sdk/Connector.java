package dev.plugboard.sdk;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a connector: put it on a class that implements {@link OutboundConnector}, extends
 * {@link RouteConnector} or {@link YamlRouteConnector}, or implements {@link InboundConnector}.
 *
 * <p>The runtime registers the connector under {@link #type()} when its plugin starts, and the
 * template generator turns the class (and its input type's {@link TemplateProperty} fields) into
 * element templates for the Camunda 8 and the Camunda 7 / Operaton modelers. The class needs a
 * public no-argument constructor.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Connector {

  /**
   * The connector type: the Zeebe job type and the Operaton external task topic, unique across
   * all loaded plugins. Lower case letters, digits, dots, colons and dashes, for example
   * {@code io.example:slack:1}.
   */
  String type();

  /** The name the modeler shows, for example "Slack: post a message". */
  String name();

  /**
   * The template version, a positive integer. Raise it whenever the input changes so that
   * modelers can upgrade tasks that use an older template.
   */
  int version() default 1;

  /** One sentence the modeler shows under the name. */
  String description() default "";

  /** Catalog category, for example "Communication", "Data", "AI", "Legacy", "RPA". */
  String category() default "Connectors";

  /**
   * The icon: a class-path resource of the connector's jar (SVG or PNG, turned into a
   * {@code data:} URI by the generator), or a {@code data:} / {@code https:} URI.
   */
  String icon() default "";

  /** A link to the connector's documentation, shown by the modeler. */
  String documentationRef() default "";

  /** Search keywords for the modeler's template chooser and the catalog. */
  String[] keywords() default {};

  /**
   * How long one execution may take, as an ISO-8601 duration; the runtime fails an execution
   * that takes longer (retryable) and interrupts it.
   */
  String timeout() default "PT30S";

  /** Default number of retries written into the template (the modeler may change it). */
  int retries() default 3;

  /** Default backoff between retries written into the template, as an ISO-8601 duration. */
  String retryBackoff() default "PT10S";
}
