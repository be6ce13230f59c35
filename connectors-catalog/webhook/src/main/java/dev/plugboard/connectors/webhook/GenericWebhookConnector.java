package dev.plugboard.connectors.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.sdk.Connector;
import dev.plugboard.sdk.CorrelationResult;
import dev.plugboard.sdk.InboundContext;
import dev.plugboard.sdk.WebhookConnector;
import dev.plugboard.sdk.WebhookRequest;
import dev.plugboard.sdk.WebhookResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts or continues a process on {@code POST /inbound/{path}}: checks the request's
 * authentication, parses the JSON body and hands {@code request} ({@code body}, {@code headers},
 * {@code query}, {@code method}, {@code path}) to the element's expressions.
 *
 * <p>Answers: 200 started / correlated / duplicate, 202 ignored (activation condition false),
 * 401 missing credentials, 403 wrong credentials or signature, 409 no waiting instance,
 * 422 malformed JSON or a payload the expressions cannot use, 503 engine unavailable.
 */
@Connector(type = "plugboard:webhook:1", name = "Webhook",
    description = "Starts or continues a process when an HTTP request arrives at /inbound/{path}",
    category = "Inbound", keywords = {"webhook", "http", "inbound", "hmac", "jwt"})
public class GenericWebhookConnector implements WebhookConnector<WebhookProperties> {

  private static final ObjectMapper JSON = new ObjectMapper();

  private volatile RequestAuthenticator authenticator;

  @Override
  public void activate(WebhookProperties properties, InboundContext context) {
    authenticator = new RequestAuthenticator(properties);
    context.logger().info("webhook activated auth={}", properties.auth());
  }

  @Override
  public String path(WebhookProperties properties) {
    // The path comes from the template's inbound.path property, read by the runtime.
    return null;
  }

  @Override
  public WebhookResponse handle(WebhookRequest request, InboundContext context) {
    RequestAuthenticator.Verdict v = authenticator.check(request);
    if (!v.passed()) {
      Map<String, String> headers = v.status() == 401
          ? Map.of("WWW-Authenticate", "Bearer realm=\"plugboard-webhook\"") : Map.of();
      return new WebhookResponse(v.status(), headers, error(v.code(), v.reason()));
    }
    Object body;
    try {
      body = parseBody(request);
    } catch (JsonProcessingException e) {
      return WebhookResponse.of(422, error("INVALID_JSON", "The body is not valid JSON: "
          + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ")"));
    }
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("body", body);
    req.put("headers", firstValues(request.headers()));
    req.put("query", firstValues(request.query()));
    req.put("method", request.method());
    req.put("path", request.path());
    CorrelationResult r = context.correlate(Map.of("request", req));
    return answer(r);
  }

  static WebhookResponse answer(CorrelationResult r) {
    if (r instanceof CorrelationResult.ProcessStarted s) {
      return WebhookResponse.of(200, Map.of("status", "STARTED",
          "processInstanceId", s.processInstanceId()));
    } else if (r instanceof CorrelationResult.MessageCorrelated c) {
      return WebhookResponse.of(200, Map.of("status", "CORRELATED",
          "processInstanceId", c.processInstanceId()));
    } else if (r instanceof CorrelationResult.AlreadyCorrelated d) {
      return WebhookResponse.of(200, Map.of("status", "DUPLICATE", "messageId", d.messageId()));
    } else if (r instanceof CorrelationResult.ActivationConditionNotMet) {
      return WebhookResponse.of(202, Map.of("status", "IGNORED",
          "message", "The activation condition is false for this request; nothing changed"));
    } else if (r instanceof CorrelationResult.InvalidInput i) {
      return WebhookResponse.of(422, error("INVALID_INPUT", i.reason()));
    } else if (r instanceof CorrelationResult.NotCorrelated n) {
      return n.retryable()
          ? WebhookResponse.of(503, error("ENGINE_UNAVAILABLE", n.reason()))
          : WebhookResponse.of(409, error("NOT_CORRELATED", n.reason()));
    }
    throw new IllegalStateException("unknown result " + r);
  }

  private static Object parseBody(WebhookRequest request) throws JsonProcessingException {
    String text = request.bodyAsString();
    if (text.isBlank()) {
      return Map.of();
    }
    String type = request.header("content-type");
    if (type != null && !type.toLowerCase(java.util.Locale.ROOT).contains("json")) {
      return text;
    }
    return JSON.readValue(text, Object.class);
  }

  private static Map<String, String> firstValues(Map<String, List<String>> values) {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach((k, v) -> {
      if (!v.isEmpty()) {
        out.put(k, v.get(0));
      }
    });
    return out;
  }

  private static Map<String, String> error(String code, String message) {
    return Map.of("code", code, "message", message);
  }
}
