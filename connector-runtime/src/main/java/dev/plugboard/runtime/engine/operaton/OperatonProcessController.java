package dev.plugboard.runtime.engine.operaton;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.operaton.bpm.engine.MismatchingMessageCorrelationException;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngineException;
import org.operaton.bpm.engine.exception.NotFoundException;
import org.operaton.bpm.engine.runtime.MessageCorrelationBuilder;
import org.operaton.bpm.engine.runtime.MessageCorrelationResult;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts processes and correlates messages on the embedded engine with plain JSON variables
 * (objects and arrays arrive as maps and lists, which {@code /engine-rest} cannot take without a
 * JSON data format). Used by scripts (start a {@code pickup-order} with N lines) and tests.
 *
 * <ul>
 *   <li>{@code POST /api/engine/process-definitions/{key}/start} with
 *       {@code {"businessKey": "...", "variables": {...}}} → 201 {@code {"id", "businessKey",
 *       "ended"}}
 *   <li>{@code POST /api/engine/messages/{name}} with {@code {"businessKey": "...",
 *       "correlationKeys": {"orderId": "o-1"}, "variables": {...}}} → 200 with the number of
 *       correlated executions, 404 when nothing waits for that message
 * </ul>
 */
@RestController
@RequestMapping("/api/engine")
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "plugboard.engine",
    havingValue = "operaton", matchIfMissing = true)
public class OperatonProcessController {

  private final ProcessEngine engine;

  /**
   * Creates the controller.
   *
   * @param engine the embedded engine
   */
  public OperatonProcessController(ProcessEngine engine) {
    this.engine = engine;
  }

  /** The body of a start call. */
  public record StartRequest(String businessKey, Map<String, Object> variables) {}

  /** The body of a message correlation. */
  public record MessageRequest(String businessKey, Map<String, Object> correlationKeys,
      Map<String, Object> variables) {}

  /**
   * Starts the latest version of a process definition.
   *
   * @param key the process definition key
   * @param body business key and variables
   * @return 201 with the instance id
   */
  @PostMapping("/process-definitions/{key}/start")
  public ResponseEntity<Map<String, Object>> start(@PathVariable String key,
      @RequestBody(required = false) StartRequest body) {
    StartRequest req = body == null ? new StartRequest(null, Map.of()) : body;
    Map<String, Object> vars = req.variables() == null ? Map.of() : req.variables();
    try {
      ProcessInstance pi = engine.getRuntimeService()
          .startProcessInstanceByKey(key, req.businessKey(), vars);
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("id", pi.getId());
      answer.put("businessKey", pi.getBusinessKey());
      answer.put("ended", pi.isEnded());
      return ResponseEntity.created(URI.create("/engine-rest/process-instance/" + pi.getId()))
          .body(answer);
    } catch (NotFoundException e) {
      return error(HttpStatus.NOT_FOUND, "PROCESS_NOT_FOUND", "No process definition with key '"
          + key + "' is deployed; deploy it (./processes or the Modeler) and try again");
    } catch (ProcessEngineException e) {
      // The start runs the model up to its first wait state: a broken expression or a missing
      // variable surfaces here.
      return error(HttpStatus.UNPROCESSABLE_ENTITY, "START_FAILED", "Process '" + key
          + "' could not start: " + e.getMessage() + "; check the variables and the model");
    }
  }

  /**
   * Correlates a message to every execution waiting for it that matches.
   *
   * @param name the message name
   * @param body business key, correlation variables, variables to set
   * @return 200 with the count, 404 when nothing matched
   */
  @PostMapping("/messages/{name}")
  public ResponseEntity<Map<String, Object>> correlate(@PathVariable String name,
      @RequestBody(required = false) MessageRequest body) {
    MessageRequest req = body == null ? new MessageRequest(null, Map.of(), Map.of()) : body;
    MessageCorrelationBuilder b = engine.getRuntimeService().createMessageCorrelation(name);
    if (req.businessKey() != null) {
      b = b.processInstanceBusinessKey(req.businessKey());
    }
    if (req.correlationKeys() != null) {
      for (Map.Entry<String, Object> e : req.correlationKeys().entrySet()) {
        b = b.processInstanceVariableEquals(e.getKey(), e.getValue());
      }
    }
    if (req.variables() != null && !req.variables().isEmpty()) {
      b = b.setVariables(req.variables());
    }
    try {
      List<MessageCorrelationResult> results = b.correlateAllWithResult();
      if (results.isEmpty()) {
        return error(HttpStatus.NOT_FOUND, "NO_MATCH", "No process waits for message '" + name
            + "' with " + describe(req));
      }
      return ResponseEntity.ok(Map.of("message", name, "correlated", results.size()));
    } catch (MismatchingMessageCorrelationException e) {
      return error(HttpStatus.NOT_FOUND, "NO_MATCH", e.getMessage());
    }
  }

  private static String describe(MessageRequest req) {
    return "businessKey=" + req.businessKey() + " correlationKeys=" + req.correlationKeys();
  }

  private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String code,
      String message) {
    return ResponseEntity.status(status).body(Map.of("code", code, "message", message));
  }
}
