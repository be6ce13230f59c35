package dev.plugboard.connectors.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import dev.plugboard.sdk.Connector;
import dev.plugboard.sdk.ConnectorContext;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.OutboundConnector;
import dev.plugboard.sdk.RetryableException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Chat completion, classify / extract with schema-checked JSON, and embeddings against any
 * OpenAI-compatible server, through langchain4j's OpenAI module with the JDK HTTP client.
 */
@Connector(
    type = "plugboard:ai:1",
    name = "AI / LLM",
    description = "Chat, classify / extract JSON fitting a schema, and embeddings with any"
        + " OpenAI-compatible model server",
    category = "AI",
    icon = "ai.svg",
    documentationRef = "https://platform.openai.com/docs/api-reference/chat",
    keywords = {"ai", "llm", "openai", "ollama", "azure", "gpt", "embeddings", "classify", "extract"},
    timeout = "PT120S",
    retries = 2,
    retryBackoff = "PT30S")
public class AiConnector implements OutboundConnector<AiRequest, AiResult> {

  private static final Duration MAX_CALL = Duration.ofSeconds(110);

  private final ObjectMapper mapper = new ObjectMapper();

  /** Creates the connector; the runtime calls it. */
  public AiConnector() {}

  @Override
  public AiResult execute(AiRequest input, ConnectorContext context) {
    // langchain4j looks up codecs and factories with ServiceLoader on the context class loader:
    // inside a plugin that must be the plugin's loader.
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(AiConnector.class.getClassLoader());
    try {
      if (input instanceof AiRequest.Chat chat) {
        return chat(chat, context);
      }
      if (input instanceof AiRequest.Extract extract) {
        return extract(extract, context);
      }
      return embed((AiRequest.Embed) input, context);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private AiResult chat(AiRequest.Chat in, ConnectorContext context) {
    SchemaCheck schema = SchemaCheck.of(in.jsonSchema(), mapper);
    String mode = mode(in.structuredOutput());
    List<ChatMessage> messages = new ArrayList<>();
    String system = in.systemPrompt() == null ? "" : in.systemPrompt();
    if (schema != null && !mode.equals("jsonSchema")) {
      system = withSchema(system, schema);
    }
    if (!system.isBlank()) {
      messages.add(SystemMessage.from(system));
    }
    messages.add(UserMessage.from(in.userPrompt()));
    Attempts run = converse(in, messages, schema, mode, in.temperature(), in.maxTokens(),
        in.maxRepairAttempts(), context);
    return new AiResult.ChatAnswer(run.text, run.json == null ? null : toObject(run.json),
        run.model, run.finishReason, run.usage(), run.attempts);
  }

  private AiResult extract(AiRequest.Extract in, ConnectorContext context) {
    Object schemaValue = in.jsonSchema();
    boolean noSchema = schemaValue == null || schemaValue instanceof String s && s.isBlank();
    if (noSchema && in.categories().isEmpty()) {
      throw new ConnectorException("INVALID_INPUT", "extract needs 'jsonSchema' (the shape of the"
          + " result) or 'categories' (the labels to classify into)");
    }
    if (noSchema) {
      schemaValue = classificationSchema(in.categories());
    }
    SchemaCheck schema = SchemaCheck.of(schemaValue, mapper);
    String instructions = in.instructions() == null || in.instructions().isBlank()
        ? (in.categories().isEmpty() ? "Extract the requested information from the user's text."
            : "Classify the user's text into exactly one of the allowed labels and give your"
                + " confidence between 0 and 1.")
        : in.instructions();
    List<ChatMessage> messages = new ArrayList<>();
    messages.add(SystemMessage.from(withSchema(instructions, schema)));
    messages.add(UserMessage.from(in.text()));
    Attempts run = converse(in, messages, schema, mode(in.structuredOutput()), in.temperature(),
        in.maxTokens(), in.maxRepairAttempts(), context);
    return new AiResult.Extraction(toObject(run.json), run.model, run.usage(), run.attempts);
  }

  /**
   * Sends the conversation; when a schema is given and the answer does not fit, sends the answer
   * back with the problems, up to {@code repairs} more times.
   */
  private Attempts converse(AiRequest in, List<ChatMessage> messages, SchemaCheck schema,
      String mode, Double temperature, Integer maxTokens, int repairs, ConnectorContext context) {
    Logger log = context.logger();
    String endpoint = in.baseUrl() + "/chat/completions";
    var parameters = ChatRequestParameters.builder()
        .modelName(in.model()).temperature(temperature).maxOutputTokens(maxTokens);
    if (schema != null && mode.equals("jsonSchema")) {
      parameters.responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON)
          .jsonSchema(JsonSchema.builder().name("result")
              .rootElement(JsonRawSchema.from(schema.text())).build())
          .build());
    } else if (schema != null && mode.equals("jsonObject")) {
      parameters.responseFormat(ResponseFormat.JSON);
    }
    Attempts run = new Attempts();
    List<ChatMessage> conversation = new ArrayList<>(messages);
    List<String> problems = List.of();
    while (run.attempts <= repairs) {
      OpenAiChatModel model = chatModel(in, callTimeout(context.deadline(), "LLM_TIMEOUT"));
      ChatResponse response;
      try {
        response = model.chat(ChatRequest.builder().messages(conversation)
            .parameters(parameters.build()).build());
      } catch (RuntimeException e) {
        throw LlmErrors.map(e, endpoint, in.model(), in.apiKey());
      }
      run.attempts++;
      run.add(response.tokenUsage());
      run.model = response.modelName() != null ? response.modelName() : in.model();
      run.finishReason = response.finishReason() == null ? null : response.finishReason().name();
      run.text = response.aiMessage() == null ? null : response.aiMessage().text();
      if (schema == null) {
        log.info("llm chat done model={} attempts={} outputTokens={}", run.model, run.attempts,
            run.outputTokens);
        return run;
      }
      SchemaCheck.Outcome outcome = schema.check(run.text);
      if (outcome.fits()) {
        run.json = outcome.json();
        log.info("llm structured answer fits model={} attempts={} outputTokens={}", run.model,
            run.attempts, run.outputTokens);
        return run;
      }
      problems = outcome.problems();
      log.info("llm answer does not fit the schema model={} attempt={} problems={}", run.model,
          run.attempts, problems.size());
      conversation.add(AiMessage.from(run.text == null ? "" : run.text));
      conversation.add(UserMessage.from("Your answer does not fit the required JSON schema:\n- "
          + String.join("\n- ", problems)
          + "\nAnswer again with only the corrected JSON, no explanations."));
    }
    throw new ConnectorException("LLM_INVALID_OUTPUT", "The answer of model '" + in.model()
        + "' at " + endpoint + " did not fit the JSON schema after " + run.attempts
        + " attempt(s): " + String.join("; ", problems) + ". Raise 'Repair attempts', simplify"
        + " the schema, or use a stronger model.");
  }

  private AiResult embed(AiRequest.Embed in, ConnectorContext context) {
    List<TextSegment> segments = new ArrayList<>();
    if (in.input() instanceof Collection<?> texts) {
      for (Object t : texts) {
        segments.add(TextSegment.from(text(t)));
      }
    } else {
      segments.add(TextSegment.from(text(in.input())));
    }
    if (segments.isEmpty()) {
      throw new ConnectorException("INVALID_INPUT", "'input' holds no text to embed");
    }
    Duration timeout = callTimeout(context.deadline(), "LLM_TIMEOUT");
    OpenAiEmbeddingModel.OpenAiEmbeddingModelBuilder builder = OpenAiEmbeddingModel.builder()
        .httpClientBuilder(httpClient(timeout))
        .baseUrl(in.baseUrl())
        .modelName(in.model())
        .dimensions(in.dimensions())
        .timeout(timeout)
        .maxRetries(0);
    authenticate(in, builder::apiKey, builder::customHeaders, builder::customQueryParams);
    Response<List<Embedding>> response;
    try {
      response = builder.build().embedAll(segments);
    } catch (RuntimeException e) {
      throw LlmErrors.map(e, in.baseUrl() + "/embeddings", in.model(), in.apiKey());
    }
    List<float[]> vectors = response.content().stream().map(Embedding::vector).toList();
    TokenUsage usage = response.tokenUsage();
    context.logger().info("llm embeddings done model={} count={} dimensions={}", in.model(),
        vectors.size(), vectors.isEmpty() ? 0 : vectors.get(0).length);
    return new AiResult.Embeddings(in.model(), vectors.isEmpty() ? 0 : vectors.get(0).length,
        vectors, usage == null ? new AiResult.Usage(null, null, null)
            : new AiResult.Usage(usage.inputTokenCount(), usage.outputTokenCount(),
                usage.totalTokenCount()));
  }

  private OpenAiChatModel chatModel(AiRequest in, Duration timeout) {
    OpenAiChatModel.OpenAiChatModelBuilder builder = OpenAiChatModel.builder()
        .httpClientBuilder(httpClient(timeout))
        .baseUrl(in.baseUrl())
        .modelName(in.model())
        .timeout(timeout)
        // Retries belong to the engine (job retries with backoff), not to a hidden loop here.
        .maxRetries(0);
    authenticate(in, builder::apiKey, builder::customHeaders, builder::customQueryParams);
    return builder.build();
  }

  /** Picks the JDK client explicitly: no ServiceLoader lookup across class loaders. */
  private static JdkHttpClientBuilder httpClient(Duration timeout) {
    return new JdkHttpClientBuilder()
        .httpClientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1))
        .connectTimeout(timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10))
        .readTimeout(timeout);
  }

  private static void authenticate(AiRequest in, java.util.function.Consumer<String> apiKey,
      java.util.function.Consumer<Map<String, String>> headers,
      java.util.function.Consumer<Map<String, String>> query) {
    boolean hasKey = in.apiKey() != null && !in.apiKey().isBlank();
    if (hasKey && in.apiKeyHeader().equalsIgnoreCase("api-key")) {
      headers.accept(Map.of("api-key", in.apiKey()));
      apiKey.accept("unused");
    } else if (hasKey) {
      apiKey.accept(in.apiKey());
    } else {
      // Local servers (Ollama, vLLM) take no key, but the client insists on one.
      apiKey.accept("no-key");
    }
    if (in.apiVersion() != null && !in.apiVersion().isBlank()) {
      query.accept(Map.of("api-version", in.apiVersion().strip()));
    }
  }

  private static String withSchema(String instructions, SchemaCheck schema) {
    return (instructions.isBlank() ? "" : instructions.strip() + "\n\n")
        + "Answer with only a JSON value that fits this JSON schema, without Markdown:\n"
        + schema.text();
  }

  private static Map<String, Object> classificationSchema(List<String> categories) {
    Map<String, Object> label = new LinkedHashMap<>();
    label.put("type", "string");
    label.put("enum", categories);
    Map<String, Object> confidence = Map.of("type", "number", "minimum", 0, "maximum", 1);
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", Map.of("label", label, "confidence", confidence));
    schema.put("required", List.of("label", "confidence"));
    schema.put("additionalProperties", false);
    return schema;
  }

  private static String mode(String value) {
    if (value == null || value.isBlank()) {
      return "jsonSchema";
    }
    return switch (value.strip()) {
      case "jsonSchema", "jsonObject", "prompt" -> value.strip();
      default -> throw new ConnectorException("INVALID_INPUT", "'structuredOutput' is '" + value
          + "'; use jsonSchema, jsonObject or prompt");
    };
  }

  private static String text(Object value) {
    if (value == null || String.valueOf(value).isBlank()) {
      throw new ConnectorException("INVALID_INPUT", "'input' holds an empty text; every text to"
          + " embed must have content");
    }
    return String.valueOf(value);
  }

  private Object toObject(JsonNode json) {
    return mapper.convertValue(json, Object.class);
  }

  private static Duration callTimeout(Instant deadline, String code) {
    Duration left = Duration.between(Instant.now(), deadline);
    if (left.isNegative() || left.isZero()) {
      throw new RetryableException(code, "No time left for the LLM call before the task's"
          + " deadline", null, null);
    }
    return left.compareTo(MAX_CALL) < 0 ? left : MAX_CALL;
  }

  /** State of one conversation over its attempts. */
  private static final class Attempts {
    int attempts;
    String text;
    JsonNode json;
    String model;
    String finishReason;
    Integer inputTokens;
    Integer outputTokens;

    void add(TokenUsage usage) {
      if (usage == null) {
        return;
      }
      inputTokens = sum(inputTokens, usage.inputTokenCount());
      outputTokens = sum(outputTokens, usage.outputTokenCount());
    }

    AiResult.Usage usage() {
      Integer total = inputTokens == null && outputTokens == null ? null
          : sum(inputTokens, outputTokens);
      return new AiResult.Usage(inputTokens, outputTokens, total);
    }

    private static Integer sum(Integer a, Integer b) {
      return a == null ? b : b == null ? a : a + b;
    }
  }
}
