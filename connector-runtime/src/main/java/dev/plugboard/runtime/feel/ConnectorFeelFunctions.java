package dev.plugboard.runtime.feel;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.camunda.feel.context.JavaFunction;
import org.camunda.feel.context.JavaFunctionProvider;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.valuemapper.ValueMapper;

/**
 * The FEEL functions of an {@code errorExpression}: {@code bpmnError(code, message)},
 * {@code bpmnError(code, message, variables)}, {@code jobError(message)} up to
 * {@code jobError(message, variables, retries, retryBackoff)}.
 *
 * <p>Each returns a context marked with {@value #MARKER} so that {@link ErrorDirective#from}
 * recognises it after evaluation, whatever else the expression computed around it.
 */
final class ConnectorFeelFunctions extends JavaFunctionProvider {

  /** The context entry that marks a function result: {@code "bpmnError"} or {@code "jobError"}. */
  static final String MARKER = "plugboardErrorType";

  private final ValueMapper values;
  private final Map<String, List<JavaFunction>> functions;

  ConnectorFeelFunctions(ValueMapper values) {
    this.values = values;
    this.functions = Map.of(
        "bpmnError", List.of(
            function(List.of("code", "message"), this::bpmnError),
            function(List.of("code", "message", "variables"), this::bpmnError)),
        "jobError", List.of(
            function(List.of("message"), this::jobError),
            function(List.of("message", "variables"), this::jobError),
            function(List.of("message", "variables", "retries"), this::jobError),
            function(List.of("message", "variables", "retries", "retryBackoff"), this::jobError)));
  }

  private static JavaFunction function(List<String> params, Function<List<Val>, Val> body) {
    return new JavaFunction(params, body);
  }

  private Val bpmnError(List<Val> args) {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put(MARKER, "bpmnError");
    context.put("code", unpack(args, 0));
    context.put("message", unpack(args, 1));
    context.put("variables", unpack(args, 2));
    return values.toVal(context);
  }

  private Val jobError(List<Val> args) {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put(MARKER, "jobError");
    context.put("message", unpack(args, 0));
    context.put("variables", unpack(args, 1));
    context.put("retries", unpack(args, 2));
    context.put("retryBackoff", unpack(args, 3));
    return values.toVal(context);
  }

  private Object unpack(List<Val> args, int index) {
    return index < args.size() ? values.unpackVal(args.get(index)) : null;
  }

  @Override
  public Optional<JavaFunction> resolveFunction(String name) {
    List<JavaFunction> overloads = functions.get(name);
    return overloads == null ? Optional.empty() : Optional.of(overloads.get(0));
  }

  @Override
  public List<JavaFunction> resolveFunctions(String name) {
    return functions.getOrDefault(name, List.of());
  }

  @Override
  public Collection<String> getFunctionNames() {
    return functions.keySet();
  }
}
