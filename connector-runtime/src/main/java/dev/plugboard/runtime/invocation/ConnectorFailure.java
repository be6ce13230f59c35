package dev.plugboard.runtime.invocation;

import dev.plugboard.sdk.BpmnError;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.RetryableException;
import java.lang.reflect.Method;
import java.time.Duration;
import org.apache.camel.CamelExecutionException;

/**
 * A failed execution, classified: its code, message (not yet masked), whether it is worth another
 * try, and the backoff it asked for.
 *
 * @param code the error code
 * @param message what went wrong
 * @param retryable whether retries are spent (true) or the job fails for good (false)
 * @param backoff the backoff the failure asked for, {@code null} for the task's
 */
record ConnectorFailure(String code, String message, boolean retryable, Duration backoff) {

  /**
   * Classifies an exception thrown by a connector (or its route).
   *
   * @param type the connector type, for messages
   * @param thrown the exception
   * @return the failure
   */
  static ConnectorFailure of(String type, Throwable thrown) {
    Throwable t = unwrap(thrown);
    if (t instanceof RetryableException r) {
      return new ConnectorFailure(r.code(), connectorMessage(type, r.code(), r.getMessage()), true, r.backoff());
    }
    if (t instanceof ConnectorException c) {
      return new ConnectorFailure(c.code(), connectorMessage(type, c.code(), c.getMessage()), false, null);
    }
    Integer status = httpStatus(t);
    if (status != null) {
      boolean retry = status >= 500 || status == 408 || status == 429;
      return new ConnectorFailure("HTTP_" + status, "Connector '" + type + "' got HTTP status "
          + status + " from the remote system: " + firstLine(t.getMessage())
          + (retry ? "" : ". Check the request's input (URL, parameters, credentials)."), retry, null);
    }
    return new ConnectorFailure("CONNECTOR_FAILED", "Connector '" + type + "' failed with "
        + t.getClass().getName() + ": " + firstLine(t.getMessage())
        + ". This is retried; if it persists, see the runtime log for the connector's stack trace.",
        true, null);
  }

  /**
   * The BPMN error inside an exception, if any.
   *
   * @param thrown the exception
   * @return the BPMN error or {@code null}
   */
  static BpmnError bpmnError(Throwable thrown) {
    return unwrap(thrown) instanceof BpmnError b ? b : null;
  }

  /** Digs the connector's own exception out of Camel's (and executors') wrappers. */
  static Throwable unwrap(Throwable thrown) {
    Throwable t = thrown;
    for (int depth = 0; depth < 10 && t != null; depth++) {
      if (t instanceof BpmnError || t instanceof ConnectorException) {
        return t;
      }
      Throwable cause = t.getCause();
      boolean wrapper = t instanceof CamelExecutionException
          || t instanceof java.util.concurrent.ExecutionException
          || t instanceof java.lang.reflect.UndeclaredThrowableException
          || t.getClass().getName().equals("org.apache.camel.RuntimeCamelException");
      if (cause == null) {
        return t;
      }
      if (!wrapper && !(cause instanceof BpmnError || cause instanceof ConnectorException)) {
        return t;
      }
      t = cause;
    }
    return t == null ? thrown : t;
  }

  /** The status of camel-http's HttpOperationFailedException, read by name: it is plugin-side. */
  private static Integer httpStatus(Throwable t) {
    if (!t.getClass().getSimpleName().equals("HttpOperationFailedException")) {
      return null;
    }
    try {
      Method m = t.getClass().getMethod("getStatusCode");
      return (Integer) m.invoke(t);
    } catch (ReflectiveOperationException | ClassCastException e) {
      return null;
    }
  }

  private static String connectorMessage(String type, String code, String message) {
    return "Connector '" + type + "' failed with " + code + ": " + (message == null ? "(no message)" : message);
  }

  static String firstLine(String s) {
    if (s == null) {
      return "(no message)";
    }
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 500 ? line.substring(0, 500) + "..." : line;
  }
}
