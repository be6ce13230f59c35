package dev.plugboard.runtime.feel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FailedParseResult;
import org.camunda.feel.api.ParseResult;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.api.FailedEvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.impl.DefaultValueMapper;
import org.camunda.feel.impl.JavaValueMapper;
import org.camunda.feel.valuemapper.CustomValueMapper;
import org.camunda.feel.valuemapper.ValueMapper;
import org.springframework.stereotype.Component;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Evaluates FEEL expressions (Camunda's {@code feel-engine}) with Java values in and out: maps,
 * lists, strings, numbers, booleans, {@code java.time} values.
 *
 * <p>Knows the error-mapping functions {@code bpmnError(...)} and {@code jobError(...)}. One
 * instance is thread-safe and shared; the engine keeps no state between evaluations.
 */
@Component
public class FeelEvaluator {

  private static final int MAX_CACHED = 2_000;

  private final FeelEngineApi engine;
  /** Parsing costs more than evaluating; the same expressions run for every job of a task. */
  private final Map<String, ParsedExpression> parsed = new ConcurrentHashMap<>();

  /** An evaluator with the connector functions. */
  public FeelEvaluator() {
    // The functions build their result contexts with the same Java-first mapping as the engine,
    // so that a context passed as `variables` comes back as a java.util.Map.
    List<CustomValueMapper> mappers = List.of(new JavaValueMapper(), DefaultValueMapper.instance());
    ValueMapper javaValues =
        new ValueMapper.CompositeValueMapper(CollectionConverters.asScala(mappers).toList());
    this.engine = FeelEngineBuilder.forJava()
        .withFunctionProvider(new ConnectorFeelFunctions(javaValues))
        .build();
  }

  /**
   * Whether a value is a FEEL expression in the Camunda convention: a string starting with
   * {@code =}.
   *
   * @param value any value
   * @return true for {@code "=..."}
   */
  public static boolean isExpression(Object value) {
    return value instanceof String s && s.startsWith("=");
  }

  /**
   * Evaluates an expression.
   *
   * @param expression the expression, with or without the leading {@code =}
   * @param context the variables the expression sees
   * @return the result as a Java value, {@code null} for FEEL {@code null}
   * @throws FeelEvaluationException with the engine's reason when it does not parse or evaluate
   */
  public Object evaluate(String expression, Map<String, Object> context) {
    String body = expression.startsWith("=") ? expression.substring(1) : expression;
    ParsedExpression tree = parsed.get(body);
    if (tree == null) {
      ParseResult parse = engine.parseExpression(body);
      if (parse.isFailure()) {
        String reason = parse instanceof FailedParseResult failed
            ? failed.failure().message() : "cannot parse '" + body + "'";
        throw new FeelEvaluationException(reason);
      }
      tree = parse.parsedExpression();
      if (parsed.size() >= MAX_CACHED) {
        // Expressions come from task headers and models: a handful per process. A flood means
        // generated expressions; start over rather than grow without bound.
        parsed.clear();
      }
      parsed.put(body, tree);
    }
    EvaluationResult result;
    try {
      result = engine.evaluate(tree, context);
    } catch (RuntimeException e) {
      throw new FeelEvaluationException("FEEL expression cannot be evaluated: " + e.getMessage());
    }
    if (result.isFailure()) {
      String reason = result instanceof FailedEvaluationResult failed
          ? failed.failure().message() : String.valueOf(result);
      throw new FeelEvaluationException(reason);
    }
    return result.result();
  }
}
