package dev.plugboard.connectors.ai;

import java.util.List;

/** What each AI operation returns; the task's result variable holds it as a JSON object. */
public sealed interface AiResult {

  /**
   * Token counts reported by the server.
   *
   * @param inputTokens prompt tokens
   * @param outputTokens answer tokens
   * @param totalTokens both
   */
  record Usage(Integer inputTokens, Integer outputTokens, Integer totalTokens) {}

  /**
   * A chat answer.
   *
   * @param text the answer text
   * @param json the answer parsed as JSON when a schema was given (it fits the schema)
   * @param model the model that answered
   * @param finishReason why the model stopped ({@code STOP}, {@code LENGTH}, ...)
   * @param usage tokens used, summed over attempts
   * @param attempts how many requests it took (1 + repairs)
   */
  record ChatAnswer(String text, Object json, String model, String finishReason, Usage usage,
      int attempts) implements AiResult {}

  /**
   * An extraction or classification.
   *
   * @param result the JSON result; it fits the schema
   * @param model the model that answered
   * @param usage tokens used, summed over attempts
   * @param attempts how many requests it took (1 + repairs)
   */
  record Extraction(Object result, String model, Usage usage, int attempts) implements AiResult {}

  /**
   * Embeddings, one per input text, in input order.
   *
   * @param model the model
   * @param dimensions the vector size
   * @param embeddings the vectors
   * @param usage tokens used
   */
  record Embeddings(String model, int dimensions, List<float[]> embeddings, Usage usage)
      implements AiResult {}
}
