package dev.plugboard.runtime.invocation;

import dev.plugboard.runtime.registry.RegisteredConnector;
import dev.plugboard.sdk.Secret;
import dev.plugboard.sdk.host.InputBinder;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Producer;
import org.apache.camel.support.service.ServiceHelper;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the pipeline keeps per {@link RegisteredConnector}: its input binder with its own
 * validator, its logger, its timeout and the {@code @Secret} components of its input.
 *
 * <p>The validator factory is per connector on purpose: Hibernate Validator caches metadata per
 * bean class, and a shared factory would keep every unloaded plugin's input classes (and so its
 * class loader) alive. Dropping this object lets them go.
 */
final class PreparedConnector {

  private final RegisteredConnector owner;
  private final InputBinder binder;
  private final Logger logger;
  private final Duration timeout;
  private final List<RecordComponent> secretComponents;
  private volatile Producer producer;

  private PreparedConnector(RegisteredConnector owner, InputBinder binder, Logger logger,
      Duration timeout, List<RecordComponent> secretComponents) {
    this.owner = owner;
    this.binder = binder;
    this.logger = logger;
    this.timeout = timeout;
    this.secretComponents = secretComponents;
  }

  /**
   * Builds one; call with the plugin's class loader as the thread context class loader.
   *
   * @param owner the connector
   * @return the prepared connector
   */
  static PreparedConnector of(RegisteredConnector owner) {
    ValidatorFactory factory = Validation.byDefaultProvider()
        .configure()
        // Expression-language interpolation would pull the plugin's classes into EL caches.
        .messageInterpolator(new ParameterMessageInterpolator())
        .buildValidatorFactory();
    InputBinder binder = new InputBinder(owner.type(), owner.definition().inputType(),
        factory.getValidator());
    Duration timeout;
    try {
      timeout = Duration.parse(owner.definition().annotation().timeout());
    } catch (DateTimeParseException e) {
      timeout = Duration.ofSeconds(30);
      LoggerFactory.getLogger(PreparedConnector.class).warn(
          "connector timeout is not an ISO-8601 duration, using PT30S type={} timeout={}",
          owner.type(), owner.definition().annotation().timeout());
    }
    List<RecordComponent> secrets = new ArrayList<>();
    Class<?> input = owner.definition().inputType();
    if (input.isRecord()) {
      for (RecordComponent rc : input.getRecordComponents()) {
        if (rc.isAnnotationPresent(Secret.class) && rc.getType() == String.class) {
          rc.getAccessor().setAccessible(true);
          secrets.add(rc);
        }
      }
    }
    return new PreparedConnector(owner, binder,
        LoggerFactory.getLogger("plugboard.connector." + owner.type()), timeout, List.copyOf(secrets));
  }

  RegisteredConnector owner() {
    return owner;
  }

  /**
   * The producer sending to this connector's entry endpoint. Kept here rather than in a shared
   * {@code ProducerTemplate}: the template's producer cache would hold the direct producer of an
   * unloaded plugin version (and through it the plugin's route and classes) until evicted, while
   * this one goes with the prepared connector.
   *
   * @param camel the host CamelContext
   * @return the started producer
   * @throws Exception when Camel cannot create it
   */
  Producer producer(CamelContext camel) throws Exception {
    Producer p = producer;
    if (p == null) {
      synchronized (this) {
        p = producer;
        if (p == null) {
          Endpoint endpoint = camel.getEndpoint(owner.entryEndpoint());
          p = endpoint.createProducer();
          ServiceHelper.startService(p);
          producer = p;
        }
      }
    }
    return p;
  }

  InputBinder binder() {
    return binder;
  }

  Logger logger() {
    return logger;
  }

  Duration timeout() {
    return timeout;
  }

  /**
   * Values of {@code @Secret} input fields, to be masked even when written in clear.
   *
   * @param input a bound input
   * @return the non-empty values
   */
  List<String> secretValues(Object input) {
    if (secretComponents.isEmpty()) {
      return List.of();
    }
    List<String> values = new ArrayList<>();
    for (RecordComponent rc : secretComponents) {
      try {
        Object v = rc.getAccessor().invoke(input);
        if (v instanceof String s && !s.isEmpty()) {
          values.add(s);
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        // An accessor that fails has no value to hide.
      }
    }
    return values;
  }
}
