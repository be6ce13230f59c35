package dev.plugboard.it.plugin;

import dev.plugboard.sdk.BpmnError;
import dev.plugboard.sdk.Connector;
import dev.plugboard.sdk.ConnectorContext;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.OutboundConnector;
import dev.plugboard.sdk.RetryableException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * A tiny connector the integration tests package as a plugin jar at test time
 * ({@link dev.plugboard.it.TestPlugins}): echoes its item, optionally records the call over HTTP,
 * works for a while, fails or throws a BPMN error on request.
 */
@Connector(type = "it:echo:1", name = "Echo (integration tests)", retries = 2,
    retryBackoff = "PT1S")
public class EchoConnector implements OutboundConnector<EchoInput, Map<String, Object>> {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Override
  public Map<String, Object> execute(EchoInput input, ConnectorContext context) throws Exception {
    if (input.recordUrl() != null && !input.recordUrl().isBlank()) {
      HTTP.send(HttpRequest.newBuilder(URI.create(input.recordUrl()))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"" + input.item() + "\"}"))
          .build(), HttpResponse.BodyHandlers.discarding());
    }
    if (input.sleepMillis() != null && input.sleepMillis() > 0) {
      // Simulates a slow backend call; the test kills a runtime while tasks are in here.
      Thread.sleep(input.sleepMillis());
    }
    if (input.failCode() != null && !input.failCode().isBlank()) {
      throw new ConnectorException(input.failCode(), "Echo asked to fail for item " + input.item());
    }
    if (input.retryCode() != null && !input.retryCode().isBlank()) {
      throw new RetryableException(input.retryCode(), "Echo asked to retry item " + input.item());
    }
    if (input.bpmnErrorCode() != null && !input.bpmnErrorCode().isBlank()) {
      throw new BpmnError(input.bpmnErrorCode(), "Echo business error for item " + input.item());
    }
    return Map.of("echo", input.item(), "jobKey", context.jobKey());
  }
}
