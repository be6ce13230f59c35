package dev.plugboard.connectors.httppolling;

import dev.plugboard.connectors.http.support.HttpExecutor;
import dev.plugboard.connectors.http.support.OutboundGuard;
import dev.plugboard.sdk.CorrelationResult;
import dev.plugboard.sdk.host.ConnectorDefinition;
import dev.plugboard.sdk.host.InputBinder;
import dev.plugboard.sdk.host.SecretPlaceholders;
import dev.plugboard.sdk.testkit.InboundTestContext;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Activates the connector the way the runtime does (element properties as text, secret
 * placeholders resolved, bound and validated with the SDK's binder) on the SDK test kit's
 * recording {@link InboundTestContext}, and lets the test call {@code poll} tick by tick on a
 * clock it moves.
 */
final class PollingHarness {

  private static final Validator VALIDATOR =
      Validation.buildDefaultValidatorFactory().getValidator();

  final InboundTestContext context = InboundTestContext.create()
      .answer(e -> new CorrelationResult.ProcessStarted("pi-test"));
  final Map<String, String> secrets = new LinkedHashMap<>();
  final Map<String, Object> properties = new LinkedHashMap<>();
  final MovableClock clock = new MovableClock();
  HttpPollingConnector connector;

  PollingHarness property(String name, String value) {
    properties.put(name, value);
    return this;
  }

  PollingHarness secret(String name, String value) {
    secrets.put(name, value);
    return this;
  }

  /** Binds the properties and activates a new connector instance. */
  HttpPollingConnector activate() {
    Map<String, Object> resolved = new SecretPlaceholders(n -> Optional.ofNullable(secrets.get(n)))
        .resolve(properties);
    String type = ConnectorDefinition.of(HttpPollingConnector.class).type();
    HttpPollingProperties bound = (HttpPollingProperties)
        new InputBinder(type, HttpPollingProperties.class, VALIDATOR).bind(resolved);
    connector = new HttpPollingConnector(new HttpExecutor(OutboundGuard.of("link-local"), clock));
    context.properties(resolved);
    connector.activate(bound, context);
    return connector;
  }

  /** One scheduled tick: the clock moves by {@code elapsed}, then the runtime calls poll. */
  void tick(Duration elapsed) {
    clock.advance(elapsed);
    connector.poll(context);
  }

  /** From now on the "engine" answers each event with this. */
  void answer(Function<Map<String, Object>, CorrelationResult> answer) {
    context.answer(answer);
  }

  List<Map<String, Object>> events() {
    return context.calls();
  }

  boolean up() {
    return context.lastHealth() == null || context.lastHealth().up();
  }

  String lastHealth() {
    return context.lastHealth() == null ? null : context.lastHealth().detail();
  }

  /** A clock the test moves, so backoff is tested without waiting. */
  static final class MovableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-03-01T08:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override public ZoneId getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(ZoneId zone) { return this; }
    @Override public Instant instant() { return now; }
  }
}
