package dev.plugboard.runtime.api;

import dev.plugboard.runtime.invocation.InvocationPipeline;
import dev.plugboard.runtime.invocation.InvocationRequest;
import dev.plugboard.runtime.invocation.Outcome;
import dev.plugboard.runtime.registry.ConnectorRegistry;
import dev.plugboard.runtime.registry.RegisteredConnector;
import dev.plugboard.runtime.secrets.SecretMasker;
import dev.plugboard.sdk.Connector;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/connectors} lists the connector types of the loaded plugins;
 * {@code POST /api/connectors/{type}/invoke} runs one outbound connector through the same
 * {@link InvocationPipeline} the engines use.
 *
 * <p>Invoke answers: 200 {@code {"result", "variables"}}; 400 {@code INVALID_INPUT},
 * {@code SECRET_NOT_FOUND}, {@code NOT_OUTBOUND}, {@code RESULT_EXPRESSION_FAILED},
 * {@code ERROR_EXPRESSION_FAILED}; 404 {@code CONNECTOR_NOT_FOUND}; 422 a BPMN error (with its
 * {@code variables}); 502 any other connector failure (its own code, for example
 * {@code HTTP_503}, {@code CONNECTOR_FAILED}, {@code INVALID_OUTPUT}); 503 {@code INTERRUPTED};
 * 504 {@code TIMEOUT}. Known secret values are masked ({@code ****}) everywhere in the answer,
 * the result included.
 */
@RestController
@RequestMapping("/api/connectors")
public class ConnectorsController {

  private final ConnectorRegistry registry;
  private final InvocationPipeline pipeline;

  /**
   * The controller.
   *
   * @param registry the loaded connectors
   * @param pipeline the invocation pipeline
   */
  public ConnectorsController(ConnectorRegistry registry, InvocationPipeline pipeline) {
    this.registry = registry;
    this.pipeline = pipeline;
  }

  /**
   * One connector type as the API lists it.
   *
   * @param type the connector type
   * @param name the display name
   * @param version the template version
   * @param pluginId the providing plugin
   * @param pluginVersion the plugin's version
   * @param kind {@code outbound} or {@code inbound}
   * @param runAs {@code function}, {@code route}, {@code yaml-route}, {@code webhook},
   *     {@code polling} or {@code subscription}
   * @param category the catalog category
   * @param description one sentence
   * @param timeout the execution timeout (ISO-8601)
   * @param retries default retries
   * @param retryBackoff default backoff (ISO-8601)
   */
  public record ConnectorInfo(String type, String name, int version, String pluginId,
      String pluginVersion, String kind, String runAs, String category, String description,
      String timeout, int retries, String retryBackoff) {

    static ConnectorInfo of(RegisteredConnector c) {
      Connector a = c.definition().annotation();
      String runAs = switch (c.definition().kind()) {
        case OUTBOUND_FUNCTION -> "function";
        case OUTBOUND_ROUTE -> "route";
        case OUTBOUND_YAML_ROUTE -> "yaml-route";
        default -> c.definition().kind().name().substring("INBOUND_".length()).toLowerCase(Locale.ROOT);
      };
      return new ConnectorInfo(c.type(), a.name(), a.version(), c.pluginId(), c.pluginVersion(),
          c.definition().kind().inbound() ? "inbound" : "outbound", runAs, a.category(),
          a.description(), a.timeout(), a.retries(), a.retryBackoff());
    }
  }

  /**
   * The body of an invoke call.
   *
   * @param variables the task's variables; strings starting with {@code =} are FEEL
   * @param headers task headers: {@code resultVariable}, {@code resultExpression},
   *     {@code errorExpression}, {@code retries}, {@code retryBackoff}
   */
  public record InvokeRequest(Map<String, Object> variables, Map<String, String> headers) {}

  /**
   * A successful invocation.
   *
   * @param result the connector's result as JSON
   * @param variables the variables an engine would set (from the result and error mapping)
   */
  public record InvokeResult(Object result, Map<String, Object> variables) {}

  /**
   * Lists the connector types of the loaded plugins, sorted by type.
   *
   * @return the connectors
   */
  @GetMapping
  public List<ConnectorInfo> list() {
    return registry.all().stream()
        .map(ConnectorInfo::of)
        .sorted(Comparator.comparing(ConnectorInfo::type))
        .toList();
  }

  /**
   * Runs a connector once, outside any process.
   *
   * @param type the connector type
   * @param body variables and headers; may be empty
   * @return the result or an {@link ApiError}
   */
  @PostMapping("/{type}/invoke")
  public ResponseEntity<?> invoke(@PathVariable("type") String type,
      @RequestBody(required = false) InvokeRequest body) {
    Map<String, Object> variables = body == null || body.variables() == null ? Map.of() : body.variables();
    Map<String, String> headers = body == null || body.headers() == null ? Map.of() : body.headers();
    Outcome outcome = pipeline.invoke(new InvocationRequest(type, variables, headers,
        "api-" + UUID.randomUUID(), null));
    // Unlike an engine, which must get the real values, an API answer is read by people: a
    // connector that copies a secret into its result must not show it here.
    if (outcome instanceof Outcome.Completed c) {
      return ResponseEntity.ok(new InvokeResult(SecretMasker.maskDeep(c.result()), masked(c.variables())));
    }
    if (outcome instanceof Outcome.BpmnErrorThrown b) {
      return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY)
          .body(new ApiError(b.code(), b.message(), masked(b.variables()), null, null));
    }
    Outcome.Failed f = (Outcome.Failed) outcome;
    return ResponseEntity.status(status(f.code()))
        .body(new ApiError(f.code(), f.message(), f.variables().isEmpty() ? null : masked(f.variables()),
            f.retries(), f.backoff() == null ? null : f.backoff().toString()));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> masked(Map<String, Object> variables) {
    return (Map<String, Object>) SecretMasker.maskDeep(variables);
  }

  /**
   * The HTTP status of a failure code.
   *
   * @param code the failure code
   * @return the status
   */
  static HttpStatus status(String code) {
    return switch (code) {
      case "CONNECTOR_NOT_FOUND" -> HttpStatus.NOT_FOUND;
      case "INVALID_INPUT", "SECRET_NOT_FOUND", "NOT_OUTBOUND", "RESULT_EXPRESSION_FAILED",
          "ERROR_EXPRESSION_FAILED" -> HttpStatus.BAD_REQUEST;
      case "TIMEOUT" -> HttpStatus.GATEWAY_TIMEOUT;
      case "INTERRUPTED" -> HttpStatus.SERVICE_UNAVAILABLE;
      default -> HttpStatus.BAD_GATEWAY;
    };
  }
}
