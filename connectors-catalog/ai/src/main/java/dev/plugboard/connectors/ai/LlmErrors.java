package dev.plugboard.connectors.ai;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.RetryableException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;

/**
 * Maps what langchain4j throws to coded connector errors whose messages name the endpoint and
 * never the API key (the server's own error text is included with the key masked).
 */
final class LlmErrors {

  private static final int MAX_DETAIL = 300;

  private LlmErrors() {}

  static ConnectorException map(RuntimeException e, String endpoint, String model, String apiKey) {
    String detail = detail(e, apiKey);
    String at = "LLM server " + endpoint + " (model '" + model + "')";
    if (e instanceof AuthenticationException) {
      return new ConnectorException("LLM_UNAUTHORIZED", at + " refused the credentials" + detail
          + "; check the API key secret and the key header (Azure OpenAI uses 'api-key')", e);
    }
    if (e instanceof ModelNotFoundException) {
      return new ConnectorException("LLM_MODEL_NOT_FOUND", at + " does not know the model or"
          + " path" + detail + "; check the model (Azure: the deployment name) and the base URL", e);
    }
    if (e instanceof RateLimitException) {
      return new RetryableException("LLM_RATE_LIMITED", at + " is rate limiting or out of quota"
          + detail + "; it is retried", null, e);
    }
    if (e instanceof ContentFilteredException) {
      return new ConnectorException("LLM_CONTENT_FILTERED", at + " filtered the content" + detail,
          e);
    }
    if (e instanceof InvalidRequestException) {
      return new ConnectorException("LLM_INVALID_REQUEST", at + " rejected the request" + detail
          + "; check the parameters (some servers do not support json_schema: set 'Enforce the"
          + " schema with' to jsonObject or prompt)", e);
    }
    if (e instanceof InternalServerException) {
      return new RetryableException("LLM_SERVER_ERROR", at + " failed" + detail
          + "; it is retried", null, e);
    }
    if (e instanceof TimeoutException || has(e, HttpTimeoutException.class)) {
      return new RetryableException("LLM_TIMEOUT", at + " did not answer in time; it is retried",
          null, e);
    }
    if (e instanceof HttpException h) {
      int status = h.statusCode();
      return status >= 500
          ? new RetryableException("LLM_HTTP_" + status, at + " answered HTTP " + status + detail
              + "; it is retried", null, e)
          : new ConnectorException("LLM_HTTP_" + status, at + " answered HTTP " + status + detail,
              e);
    }
    if (has(e, ConnectException.class) || has(e, UnknownHostException.class)) {
      return new RetryableException("LLM_UNREACHABLE", "Cannot connect to " + at
          + "; check the base URL and that the server runs; it is retried", null, e);
    }
    if (has(e, com.fasterxml.jackson.core.JsonProcessingException.class)
        || e.getClass().getName().contains("Json")) {
      return new ConnectorException("LLM_INVALID_RESPONSE", at + " answered with a body that is"
          + " not the JSON of an OpenAI-compatible API; check the base URL (it usually ends"
          + " in /v1)", e);
    }
    return new RetryableException("LLM_FAILED", at + " failed: " + e.getClass().getSimpleName()
        + detail + "; it is retried", null, e);
  }

  private static String detail(Throwable e, String apiKey) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return "";
    }
    if (apiKey != null && !apiKey.isBlank()) {
      m = m.replace(apiKey, "***");
    }
    m = m.strip().replaceAll("\\s+", " ");
    return ": " + (m.length() > MAX_DETAIL ? m.substring(0, MAX_DETAIL) + "..." : m);
  }

  private static boolean has(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
