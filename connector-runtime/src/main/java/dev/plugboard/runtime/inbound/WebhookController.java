package dev.plugboard.runtime.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.runtime.feel.FeelEvaluationException;
import dev.plugboard.runtime.feel.FeelEvaluator;
import dev.plugboard.runtime.secrets.SecretMasker;
import dev.plugboard.sdk.CorrelationResult;
import dev.plugboard.sdk.WebhookConnector;
import dev.plugboard.sdk.WebhookRequest;
import dev.plugboard.sdk.WebhookResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /inbound/{path}} (also PUT): hands the request to the webhook activation that owns
 * the path. Not an admin call: the admin token filter only covers {@code /api}. Counts every
 * request in {@code plugboard.inbound.requests} with tags {@code path} and {@code outcome}.
 */
@RestController
// Scanned as a controller, but it only makes sense beside InboundConfiguration (embedded engine):
// without this condition a Camunda 8 runtime would fail to start for want of an InboundManager.
@ConditionalOnProperty(name = "plugboard.engine", havingValue = "operaton", matchIfMissing = true)
public class WebhookController {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookController.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final InboundManager manager;
  private final FeelEvaluator feel;
  private final long maxBody;
  private final MeterRegistry meters;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  /**
   * Creates the endpoint.
   *
   * @param manager the activations
   * @param feel evaluates response expressions
   * @param props the settings (body size limit)
   * @param meters metrics
   */
  public WebhookController(InboundManager manager, FeelEvaluator feel, InboundProperties props,
      MeterRegistry meters) {
    this.manager = manager;
    this.feel = feel;
    this.maxBody = props.maxBodySize().toBytes();
    this.meters = meters;
  }

  /**
   * Handles one webhook request.
   *
   * @param path the path segment
   * @param http the servlet request
   * @return the connector's answer, or the runtime's for unknown paths, large bodies and errors
   * @throws IOException when the body cannot be read
   */
  @RequestMapping(path = "/inbound/{path}", method = {RequestMethod.POST, RequestMethod.PUT})
  public ResponseEntity<byte[]> handle(@PathVariable("path") String path, HttpServletRequest http)
      throws IOException {
    Optional<Activation> found = manager.webhook(path);
    if (found.isEmpty()) {
      // Unknown paths are counted under one tag, so random paths cannot grow the metrics.
      count("_unknown", "unknown_path");
      return error(404, "UNKNOWN_PATH", "No active webhook serves /inbound/" + path
          + "; deploy a process whose element uses this path and load its connector plugin");
    }
    Activation a = found.get();
    if (http.getContentLengthLong() > maxBody) {
      count(path, "too_large");
      return error(413, "PAYLOAD_TOO_LARGE", "The body has " + http.getContentLengthLong()
          + " bytes; the limit is " + maxBody + " (plugboard.inbound.max-body-size)");
    }
    byte[] body = readLimited(http.getInputStream());
    if (body == null) {
      count(path, "too_large");
      return error(413, "PAYLOAD_TOO_LARGE", "The body is larger than the limit of " + maxBody
          + " bytes (plugboard.inbound.max-body-size)");
    }
    WebhookRequest request = new WebhookRequest(http.getMethod().toUpperCase(Locale.ROOT), path,
        headers(http), query(http), body);
    @SuppressWarnings("unchecked")
    WebhookConnector<Object> connector = (WebhookConnector<Object>) a.instance;
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    if (!a.connector.inflight().enter()) {
      count(path, "unavailable");
      return error(503, "UNAVAILABLE", "The webhook's plugin is being unloaded; retry");
    }
    Thread.currentThread().setContextClassLoader(a.connector.classLoader());
    DefaultInboundContext.LAST.remove();
    WebhookResponse response;
    try {
      response = connector.handle(request, a.context);
    } catch (Exception e) {
      count(path, "error");
      LOG.warn("webhook failed path={} type={} error={}", path, a.connector.type(),
          e.getClass().getSimpleName());
      return error(500, "CONNECTOR_ERROR", "The webhook connector failed: "
          + e.getClass().getSimpleName() + "; nothing was correlated");
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
      a.connector.inflight().exit();
    }
    DefaultInboundContext.Correlation call = DefaultInboundContext.LAST.get();
    DefaultInboundContext.LAST.remove();
    CorrelationResult result = call == null ? null : call.result();
    count(path, outcome(result, response.status()));
    String expression = a.element.properties().get(ResponseExpression.PROPERTY);
    if (call != null && expression != null && !expression.isBlank()) {
      // Only once the connector accepted the request (authenticated, parsed) and correlated:
      // a rejected request keeps the connector's answer.
      try {
        response = ResponseExpression.apply(expression, feel, call, response);
      } catch (FeelEvaluationException e) {
        // The event is already in the engine: answer as if there were no expression rather
        // than an error that makes the sender deliver it again.
        a.responseExpressionFailed(e.getMessage());
        LOG.warn("webhook response expression failed path={} element={} reason={};"
            + " answered without it", path, a.element.activationKey(),
            SecretMasker.mask(e.getMessage()));
      }
    }
    return write(response);
  }

  static String outcome(CorrelationResult result, int status) {
    if (result instanceof CorrelationResult.ProcessStarted) {
      return "started";
    } else if (result instanceof CorrelationResult.MessageCorrelated) {
      return "correlated";
    } else if (result instanceof CorrelationResult.AlreadyCorrelated) {
      return "duplicate";
    } else if (result instanceof CorrelationResult.ActivationConditionNotMet) {
      return "condition_not_met";
    } else if (result instanceof CorrelationResult.InvalidInput) {
      return "invalid";
    } else if (result instanceof CorrelationResult.NotCorrelated) {
      return "not_correlated";
    }
    return switch (status) {
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 413 -> "too_large";
      case 400, 415, 422 -> "invalid";
      default -> status < 300 ? "ok" : "rejected";
    };
  }

  private void count(String path, String outcome) {
    counters.computeIfAbsent(path + "|" + outcome, k -> Counter.builder("plugboard.inbound.requests")
        .description("Webhook requests by path and outcome")
        .tag("path", path).tag("outcome", outcome).register(meters)).increment();
  }

  private byte[] readLimited(InputStream in) throws IOException {
    byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1));
    return data.length > maxBody ? null : data;
  }

  private static Map<String, List<String>> headers(HttpServletRequest http) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String name : Collections.list(http.getHeaderNames())) {
      out.put(name.toLowerCase(Locale.ROOT), Collections.list(http.getHeaders(name)));
    }
    return out;
  }

  private static Map<String, List<String>> query(HttpServletRequest http) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    String q = http.getQueryString();
    if (q == null) {
      return out;
    }
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      String k = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq),
          StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1),
          StandardCharsets.UTF_8);
      out.computeIfAbsent(k, x -> new java.util.ArrayList<>()).add(v);
    }
    return out;
  }

  private static ResponseEntity<byte[]> write(WebhookResponse r) throws IOException {
    HttpHeaders h = new HttpHeaders();
    r.headers().forEach(h::set);
    byte[] body;
    if (r.body() == null) {
      body = new byte[0];
    } else if (r.body() instanceof byte[] b) {
      body = b;
    } else if (r.body() instanceof String s) {
      body = s.getBytes(StandardCharsets.UTF_8);
      if (!h.containsKey(HttpHeaders.CONTENT_TYPE)) {
        h.setContentType(MediaType.TEXT_PLAIN);
      }
    } else {
      body = JSON.writeValueAsBytes(r.body());
      if (!h.containsKey(HttpHeaders.CONTENT_TYPE)) {
        h.setContentType(MediaType.APPLICATION_JSON);
      }
    }
    return ResponseEntity.status(r.status()).headers(h).body(body);
  }

  private static ResponseEntity<byte[]> error(int status, String code, String message)
      throws IOException {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
        .body(JSON.writeValueAsBytes(Map.of("code", code, "message", message)));
  }
}
