package dev.plugboard.connectors.httppolling;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.connectors.http.support.Authentication;
import dev.plugboard.connectors.http.support.ClientOptions;
import dev.plugboard.connectors.http.support.Endpoints;
import dev.plugboard.connectors.http.support.HttpErrors;
import dev.plugboard.connectors.http.support.HttpExecutor;
import dev.plugboard.connectors.http.support.OutgoingRequest;
import dev.plugboard.connectors.http.support.RawResponse;
import dev.plugboard.connectors.http.support.ResponseBodies;
import dev.plugboard.sdk.Connector;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.CorrelationResult;
import dev.plugboard.sdk.InboundContext;
import dev.plugboard.sdk.PollingConnector;
import dev.plugboard.sdk.RetryableException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Polls an HTTP endpoint at an interval and hands each new response, or each item of a list in
 * it, to the element's expressions as an event: {@code response} ({@code status},
 * {@code headers}, {@code body}) and, with an items pointer, {@code item}.
 *
 * <p>What is new is decided by the server where it can tell (the last {@code ETag} /
 * {@code Last-Modified} is sent back; {@code 304 Not Modified} emits nothing) and by the
 * element's message id expression (the runtime records each id once). A failed poll (a timeout,
 * a refused connection, an error status, a body that does not fit) is logged with its reason,
 * reported in the activation's health, and followed by a backoff that doubles the interval up to
 * five minutes (or the server's {@code Retry-After}); it never ends the polling.
 */
@Connector(type = "plugboard:http-polling:1", name = "HTTP polling",
    description = "Polls an HTTP endpoint at an interval; starts or continues a process for each"
        + " new response or list item",
    category = "Inbound", icon = "icons/http-polling.svg",
    documentationRef = "https://github.com/plugboard/plugboard/tree/main/connectors-catalog/http-polling",
    keywords = {"http", "polling", "rest", "inbound", "etag"})
public class HttpPollingConnector implements PollingConnector<HttpPollingProperties> {

  /** The shortest interval accepted: a poll more often than this is a load test, not a trigger. */
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
  /** The interval when the element gives none. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  /** The longest backoff after failures, unless the interval itself is longer. */
  public static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
  /** How many distinct invalid-event reasons are remembered to warn about each once. */
  private static final int MAX_WARNED = 100;

  private final HttpExecutor executor;
  private final ObjectMapper mapper = new ObjectMapper();

  private volatile boolean active;
  private OutgoingRequest request;
  private Authentication authentication;
  private ClientOptions options;
  private Duration interval;
  private JsonPointer itemsPointer;
  private boolean conditional;
  private Set<String> secrets;

  // Touched only by the poll thread (the runtime never polls one activation concurrently).
  private String etag;
  private String lastModified;
  private int failures;
  private Instant nextAttempt = Instant.MIN;
  private final Set<String> warned = new LinkedHashSet<>();

  /** The connector as the runtime creates it: address guard settings from the environment. */
  public HttpPollingConnector() {
    this(HttpExecutor.fromEnvironment());
  }

  /**
   * A connector with its own executor (guard and clock), for embedding and tests.
   *
   * @param executor the executor
   */
  public HttpPollingConnector(HttpExecutor executor) {
    this.executor = executor;
  }

  @Override
  public void activate(HttpPollingProperties p, InboundContext context) {
    interval = parseInterval(p.interval());
    URI uri = parseUrl(p.url());
    String method = p.method() == null ? "GET" : p.method().name();
    Map<String, String> headers = new LinkedHashMap<>();
    if (p.headers() != null) {
      p.headers().forEach((k, v) -> {
        if (v != null) {
          headers.put(k, String.valueOf(v));
        }
      });
    }
    byte[] body = null;
    if (method.equals("POST") && p.body() != null && !p.body().isBlank()) {
      body = p.body().getBytes(StandardCharsets.UTF_8);
      if (headers.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("content-type"))) {
        headers.put("Content-Type", "application/json");
      }
    }
    request = new OutgoingRequest(method, uri, Map.copyOf(headers), body);
    authentication = p.authentication();
    secrets = HttpExecutor.secretValues(authentication);
    options = new ClientOptions(
        Duration.ofSeconds(p.connectionTimeoutSeconds() == null ? 10 : p.connectionTimeoutSeconds()),
        Duration.ofSeconds(p.readTimeoutSeconds() == null ? 30 : p.readTimeoutSeconds()),
        Boolean.TRUE.equals(p.trustAllCertificates()), p.caCertificatePem(), true,
        ClientOptions.DEFAULT_MAX_RESPONSE_BYTES);
    itemsPointer = parsePointer(p.itemsPointer());
    conditional = !Boolean.FALSE.equals(p.conditionalRequests());
    active = true;
    context.logger().info("event=polling.activated endpoint=\"{}\" intervalMs={} items=\"{}\""
        + " conditional={}", request.describe(), interval.toMillis(),
        itemsPointer == null ? "" : itemsPointer, conditional);
  }

  @Override
  public Duration interval(HttpPollingProperties properties) {
    return parseInterval(properties.interval());
  }

  @Override
  public void poll(InboundContext context) {
    if (!active) {
      return;
    }
    Logger log = context.logger();
    // Skip this tick while backing off; half an interval of slack absorbs scheduling jitter.
    if (executor.clock().instant().plus(interval.dividedBy(2)).isBefore(nextAttempt)) {
      return;
    }
    RawResponse response;
    List<Map<String, Object>> events;
    try {
      response = executor.exchange(conditionalRequest(), authentication, options, log);
      if (response.status() == 304) {
        succeeded(context, response, "not modified");
        return;
      }
      HttpErrors.failOnErrorStatus(response, secrets, executor.clock());
      if (response.status() < 200 || response.status() > 299) {
        throw new ConnectorException("HTTP_" + response.status(), response.describe()
            + " answered HTTP " + response.status() + "; a poll expects a 2xx answer (or 304)");
      }
      events = events(response);
    } catch (RetryableException e) {
      failed(context, e.code(), e.getMessage(), e.backoff());
      return;
    } catch (ConnectorException e) {
      failed(context, e.code(), e.getMessage(), null);
      return;
    } catch (RuntimeException e) {
      failed(context, "POLL_FAILED", request.describe() + " failed: " + e, null);
      return;
    }
    Outcomes o = correlate(events, context);
    if (o.engineUnavailable > 0) {
      failed(context, "ENGINE_UNAVAILABLE", o.engineUnavailable + " of " + events.size()
          + " event(s) from " + response.describe() + " were not taken by the engine: "
          + o.lastReason + "; they are fetched again at the next poll", null);
      return;
    }
    if (o.notCorrelated == 0) {
      // Only now is everything in this response settled; a 304 later may safely skip it.
      etag = response.header("etag");
      lastModified = response.header("last-modified");
    }
    succeeded(context, response, o.summary(events.size()));
    if (o.accepted > 0) {
      log.info("event=poll.events endpoint=\"{}\" status={} {}", response.describe(),
          response.status(), o.summary(events.size()));
    } else {
      log.debug("event=poll.events endpoint=\"{}\" status={} {}", response.describe(),
          response.status(), o.summary(events.size()));
    }
  }

  @Override
  public void deactivate() {
    // A poll in flight correlates no more; its HTTP call ends with the client (Java 21+) or within
    // the timeouts (Java 17, where a client cannot be closed).
    active = false;
    executor.close();
  }

  private OutgoingRequest conditionalRequest() {
    if (!conditional || etag == null && lastModified == null) {
      return request;
    }
    Map<String, String> headers = new LinkedHashMap<>(request.headers());
    if (etag != null) {
      headers.putIfAbsent("If-None-Match", etag);
    }
    if (lastModified != null) {
      headers.putIfAbsent("If-Modified-Since", lastModified);
    }
    return new OutgoingRequest(request.method(), request.uri(), headers, request.body());
  }

  /** The events of one response: the whole response, or one per item of the pointed list. */
  private List<Map<String, Object>> events(RawResponse response) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("status", response.status());
    meta.put("headers", response.flatHeaders());
    if (itemsPointer == null) {
      meta.put("body", body(response));
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("response", meta);
      return List.of(event);
    }
    Object parsed = response.body().length == 0 ? null
        : ResponseBodies.json(response, mapper, secrets, "Check the URL; itemsPointer needs a"
            + " JSON body (leave it empty to take the whole response as one event).");
    if (parsed == null) {
      return List.of();
    }
    JsonNode list = mapper.valueToTree(parsed).at(itemsPointer);
    if (list.isMissingNode() || list.isNull()) {
      // An absent or null list is an empty page for most APIs, not an error.
      return List.of();
    }
    if (!list.isArray()) {
      throw new ConnectorException("INVALID_RESPONSE", response.describe() + " answered with "
          + list.getNodeType().name().toLowerCase(Locale.ROOT) + " at itemsPointer '"
          + itemsPointer + "', not a list; point at the array of items");
    }
    List<Map<String, Object>> events = new ArrayList<>(list.size());
    for (JsonNode item : list) {
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("item", mapper.convertValue(item, Object.class));
      event.put("response", meta);
      events.add(event);
    }
    return events;
  }

  private Object body(RawResponse response) {
    if (response.body().length == 0) {
      return null;
    }
    if (response.isJson()) {
      return ResponseBodies.json(response, mapper, secrets, "Check the URL and what the server"
          + " sends for it.");
    }
    return response.text();
  }

  private Outcomes correlate(List<Map<String, Object>> events, InboundContext context) {
    Outcomes o = new Outcomes();
    for (Map<String, Object> event : events) {
      if (!active) {
        break;
      }
      CorrelationResult r = context.correlate(event);
      if (r instanceof CorrelationResult.ProcessStarted
          || r instanceof CorrelationResult.MessageCorrelated) {
        o.accepted++;
      } else if (r instanceof CorrelationResult.AlreadyCorrelated) {
        o.duplicates++;
      } else if (r instanceof CorrelationResult.ActivationConditionNotMet) {
        o.ignored++;
      } else if (r instanceof CorrelationResult.InvalidInput i) {
        o.invalid++;
        // Without an ETag every poll offers the same invalid item again: warn once per reason.
        if (warned.add(i.reason())) {
          context.logger().warn("event=poll.event.invalid endpoint=\"{}\" reason=\"{}\"",
              request.describe(), i.reason());
          if (warned.size() > MAX_WARNED) {
            warned.remove(warned.iterator().next());
          }
        } else {
          context.logger().debug("event=poll.event.invalid endpoint=\"{}\" reason=\"{}\"",
              request.describe(), i.reason());
        }
      } else if (r instanceof CorrelationResult.NotCorrelated n) {
        if (n.retryable()) {
          o.engineUnavailable++;
          o.lastReason = n.reason();
        } else {
          o.notCorrelated++;
          context.logger().debug("event=poll.event.not_correlated endpoint=\"{}\" reason=\"{}\"",
              request.describe(), n.reason());
        }
      }
    }
    return o;
  }

  private void succeeded(InboundContext context, RawResponse response, String summary) {
    if (failures > 0) {
      context.logger().info("event=poll.recovered endpoint=\"{}\" failedAttempts={}",
          request.describe(), failures);
    }
    failures = 0;
    nextAttempt = Instant.MIN;
    context.reportHealth(true, response.describe() + " answered HTTP " + response.status() + ": "
        + summary);
  }

  private void failed(InboundContext context, String code, String message, Duration retryAfter) {
    failures++;
    Duration wait = backoff(interval, failures, retryAfter);
    nextAttempt = executor.clock().instant().plus(wait);
    String detail = code + ": " + message + " (failed " + failures + " time"
        + (failures == 1 ? "" : "s") + " in a row; next attempt in " + wait.toSeconds() + " s)";
    context.logger().warn("event=poll.failed endpoint=\"{}\" code={} attempt={}"
        + " nextAttemptInS={} reason=\"{}\"", request.describe(), code, failures,
        wait.toSeconds(), message);
    context.reportHealth(false, detail);
  }

  /**
   * The wait after the n-th failure in a row: the interval, doubled with each further failure,
   * at most {@link #MAX_BACKOFF} (or the interval when that is longer); a server's
   * {@code Retry-After} is honoured when it asks for more.
   *
   * @param interval the polling interval
   * @param failures failures in a row, at least 1
   * @param retryAfter the server's {@code Retry-After}, or {@code null}
   * @return the wait before the next attempt
   */
  static Duration backoff(Duration interval, int failures, Duration retryAfter) {
    Duration cap = interval.compareTo(MAX_BACKOFF) > 0 ? interval : MAX_BACKOFF;
    Duration wait = interval.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 20));
    if (wait.compareTo(cap) > 0) {
      wait = cap;
    }
    if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
      wait = retryAfter;
    }
    return wait;
  }

  /**
   * Reads an interval: an ISO-8601 duration ({@code PT30S}) or a number of seconds ({@code 30}).
   *
   * @param text the element's value; {@link #DEFAULT_INTERVAL} when blank
   * @return the interval, at least {@link #MIN_INTERVAL}
   * @throws ConnectorException {@code INVALID_INPUT} for text that is neither, or too short
   */
  static Duration parseInterval(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT_INTERVAL;
    }
    String t = text.trim();
    Duration d;
    try {
      d = t.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(t))
          : Duration.parse(t.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new ConnectorException("INVALID_INPUT", "interval '" + t + "' is neither an ISO-8601"
          + " duration nor a number of seconds; write for example PT30S, PT5M or 30");
    }
    if (d.compareTo(MIN_INTERVAL) < 0) {
      throw new ConnectorException("INVALID_INPUT", "interval '" + t + "' is shorter than the"
          + " minimum of " + MIN_INTERVAL.toSeconds() + " second; poll at most once a second");
    }
    return d;
  }

  private static JsonPointer parsePointer(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.trim();
    // An optional template field cannot carry a pattern (the Camunda 8 schema refuses it), so the
    // check is here. "/" alone points at the key "" of the root, which nobody means.
    if (!t.startsWith("/") || t.equals("/")) {
      throw new ConnectorException("INVALID_INPUT", "itemsPointer '" + t + "' is not a JSON"
          + " Pointer to a list; write it as /orders or /data/items (\"/\" then the field names),"
          + " or leave it empty to make the whole response one event");
    }
    return JsonPointer.compile(t);
  }

  private static URI parseUrl(String url) {
    String u = url == null ? "" : url.strip();
    if (u.startsWith("=")) {
      throw new ConnectorException("INVALID_INPUT", "url is a FEEL expression, but element"
          + " properties of inbound connectors are fixed text; give the URL as written, secrets as"
          + " {{secrets.NAME}}");
    }
    try {
      URI uri = new URI(u);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        throw new ConnectorException("INVALID_INPUT", "url " + Endpoints.withoutSecrets(uri)
            + " is not an absolute http:// or https:// URL with a host name");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConnectorException("INVALID_INPUT", "url is not a valid URL (" + e.getReason()
          + " at index " + e.getIndex() + "); encode special characters");
    }
  }

  /** Counts of correlation results of one poll. */
  private static final class Outcomes {
    int accepted;
    int duplicates;
    int ignored;
    int invalid;
    int notCorrelated;
    int engineUnavailable;
    String lastReason;

    String summary(int events) {
      return "events=" + events + " accepted=" + accepted + " duplicates=" + duplicates
          + " ignored=" + ignored + " invalid=" + invalid + " notCorrelated=" + notCorrelated;
    }
  }
}
