package dev.plugboard.sdk;

import java.util.Map;

/**
 * A business outcome that the process model handles with a BPMN error boundary event (or an
 * error event sub-process) whose error code equals {@link #code()}.
 *
 * <p>It is not a technical failure: no retry happens and no incident is raised when the model
 * catches it. When nothing catches it, the engine raises an incident (Camunda 8) or ends the
 * instance's scope as BPMN prescribes (Operaton).
 */
public class BpmnError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String code;
  private final transient Map<String, Object> variables;

  /**
   * A BPMN error without variables.
   *
   * @param code the BPMN error code
   * @param message a human-readable message
   */
  public BpmnError(String code, String message) {
    this(code, message, Map.of());
  }

  /**
   * A BPMN error that sets variables in the scope of the catching event.
   *
   * @param code the BPMN error code
   * @param message a human-readable message
   * @param variables variables to set, serializable with Jackson
   */
  public BpmnError(String code, String message, Map<String, Object> variables) {
    super(message);
    this.code = code;
    this.variables = variables == null ? Map.of() : Map.copyOf(variables);
  }

  /**
   * The BPMN error code.
   *
   * @return the code
   */
  public String code() {
    return code;
  }

  /**
   * Variables to set where the error is caught.
   *
   * @return the variables, never {@code null}
   */
  public Map<String, Object> variables() {
    return variables;
  }
}
