package dev.plugboard.runtime.inbound;

import dev.plugboard.runtime.feel.FeelEvaluationException;
import dev.plugboard.runtime.feel.FeelEvaluator;
import dev.plugboard.sdk.CorrelationResult;
import dev.plugboard.sdk.WebhookResponse;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A webhook element's {@code inbound.responseExpression}: FEEL on the event (the variables the
 * connector handed to {@code correlate}, e.g. {@code request}) and {@code correlation} (what
 * happened) that gives the answer as a context {@code {statusCode, body, headers}}. Each key is
 * optional: a missing {@code statusCode} or {@code body} keeps the connector's, {@code headers}
 * are added to the connector's.
 */
final class ResponseExpression {

  /** The element property. */
  static final String PROPERTY = "inbound.responseExpression";

  private static final Set<String> KEYS = Set.of("statusCode", "body", "headers");
  /** Framing headers are the server's: a wrong one would corrupt the HTTP exchange. */
  private static final Set<String> RESERVED_HEADERS = Set.of("content-length",
      "transfer-encoding", "connection");

  private ResponseExpression() {}

  /**
   * The {@code correlation} variable the expression sees.
   *
   * @param r the correlation result
   * @return {@code status} (STARTED, CORRELATED, DUPLICATE, IGNORED, INVALID, NOT_CORRELATED),
   *     {@code accepted}, and {@code processInstanceId}, {@code messageId}, {@code reason},
   *     {@code retryable} where they apply
   */
  static Map<String, Object> correlation(CorrelationResult r) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("accepted", r.accepted());
    if (r instanceof CorrelationResult.ProcessStarted s) {
      c.put("status", "STARTED");
      c.put("processInstanceId", s.processInstanceId());
    } else if (r instanceof CorrelationResult.MessageCorrelated m) {
      c.put("status", "CORRELATED");
      c.put("processInstanceId", m.processInstanceId());
    } else if (r instanceof CorrelationResult.AlreadyCorrelated d) {
      c.put("status", "DUPLICATE");
      c.put("messageId", d.messageId());
    } else if (r instanceof CorrelationResult.ActivationConditionNotMet) {
      c.put("status", "IGNORED");
    } else if (r instanceof CorrelationResult.InvalidInput i) {
      c.put("status", "INVALID");
      c.put("reason", i.reason());
    } else if (r instanceof CorrelationResult.NotCorrelated n) {
      c.put("status", "NOT_CORRELATED");
      c.put("reason", n.reason());
      c.put("retryable", n.retryable());
    }
    return c;
  }

  /**
   * Evaluates the expression and merges its answer over the connector's.
   *
   * @param expression the FEEL expression
   * @param feel the evaluator
   * @param call the event and the correlation result
   * @param answer the connector's answer
   * @return the answer to send
   * @throws FeelEvaluationException when the expression fails or gives something that is not an
   *     answer; the message names the problem
   */
  static WebhookResponse apply(String expression, FeelEvaluator feel,
      DefaultInboundContext.Correlation call, WebhookResponse answer) {
    Map<String, Object> vars = new LinkedHashMap<>(call.variables());
    vars.put("correlation", correlation(call.result()));
    Object value = feel.evaluate(expression, vars);
    if (value == null) {
      return answer;
    }
    if (!(value instanceof Map<?, ?> m)) {
      throw new FeelEvaluationException("it must give a context such as {statusCode: 201,"
          + " body: {id: request.body.id}}, not " + value.getClass().getSimpleName());
    }
    for (Object k : m.keySet()) {
      if (!KEYS.contains(String.valueOf(k))) {
        throw new FeelEvaluationException("unknown key '" + k + "'; use statusCode, body and"
            + " headers");
      }
    }
    int status = answer.status();
    if (m.get("statusCode") != null) {
      status = statusCode(m.get("statusCode"));
    }
    Map<String, String> headers = new LinkedHashMap<>(answer.headers());
    if (m.get("headers") instanceof Map<?, ?> h) {
      h.forEach((k, v) -> headers.put(headerName(k), headerValue(k, v)));
    } else if (m.get("headers") != null) {
      throw new FeelEvaluationException("headers must be a context of names and values, not "
          + m.get("headers").getClass().getSimpleName());
    }
    Object body = m.containsKey("body") ? m.get("body") : answer.body();
    return new WebhookResponse(status, headers, body);
  }

  private static int statusCode(Object v) {
    if (v instanceof Number n) {
      BigDecimal d = new BigDecimal(n.toString());
      if (d.stripTrailingZeros().scale() <= 0 && d.intValue() >= 200 && d.intValue() <= 599) {
        return d.intValue();
      }
    }
    throw new FeelEvaluationException("statusCode must be a whole number from 200 to 599, not '"
        + v + "'");
  }

  private static String headerName(Object k) {
    String name = String.valueOf(k);
    if (name.isBlank() || RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))
        || !name.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
      throw new FeelEvaluationException("header '" + name + "' cannot be set: use a token name"
          + " other than Content-Length, Transfer-Encoding and Connection");
    }
    return name;
  }

  private static String headerValue(Object k, Object v) {
    String value = v == null ? "" : String.valueOf(v);
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new FeelEvaluationException("the value of header '" + k + "' contains a line break");
    }
    return value;
  }
}
