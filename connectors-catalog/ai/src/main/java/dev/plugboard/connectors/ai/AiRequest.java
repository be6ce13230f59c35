package dev.plugboard.connectors.ai;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.plugboard.sdk.FeelMode;
import dev.plugboard.sdk.PropertyType;
import dev.plugboard.sdk.Secret;
import dev.plugboard.sdk.TemplateGroup;
import dev.plugboard.sdk.TemplateProperty;
import dev.plugboard.sdk.TemplateSubType;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * Input of the AI / LLM connector: {@code chat}, {@code extract} (classify / extract JSON that
 * fits a schema) or {@code embed}, chosen by the {@code operation} variable, against any
 * OpenAI-compatible server (OpenAI, Azure OpenAI, Ollama, vLLM, LM Studio, ...).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "operation")
@TemplateGroup(id = "operation", label = "Operation")
@TemplateGroup(id = "server", label = "Model server")
@TemplateGroup(id = "prompt", label = "Prompt")
@TemplateGroup(id = "output", label = "Structured output")
@TemplateGroup(id = "advanced", label = "Advanced")
public sealed interface AiRequest {

  /** OpenAI's API; Ollama: {@code http://localhost:11434/v1}; Azure: {@code https://RES.openai.azure.com/openai/v1}. */
  String DEFAULT_BASE_URL = "https://api.openai.com/v1";

  /**
   * The server's base URL, without a trailing slash.
   *
   * @return the base URL
   */
  String baseUrl();

  /**
   * The API key, or empty for servers without authentication (a local Ollama).
   *
   * @return the key
   */
  String apiKey();

  /**
   * How the key is sent: {@code bearer} ({@code Authorization: Bearer}) or {@code api-key}
   * (Azure OpenAI's header).
   *
   * @return the header style
   */
  String apiKeyHeader();

  /**
   * A value for the {@code api-version} query parameter (Azure OpenAI deployments API).
   *
   * @return the version or empty
   */
  String apiVersion();

  /**
   * The model (OpenAI/Ollama model name, or the Azure deployment name).
   *
   * @return the model
   */
  String model();

  private static String base(String value) {
    String b = value == null || value.isBlank() ? DEFAULT_BASE_URL : value.strip();
    return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
  }

  private static String header(String value) {
    return value == null || value.isBlank() ? "bearer" : value.strip();
  }

  /**
   * A chat completion: system and user prompt; optionally an answer that must fit a JSON schema.
   *
   * @param baseUrl server base URL
   * @param apiKey API key
   * @param apiKeyHeader how the key is sent
   * @param apiVersion Azure api-version
   * @param model model name
   * @param systemPrompt instructions
   * @param userPrompt the user's message
   * @param temperature sampling temperature, 0 to 2
   * @param maxTokens maximum tokens of the answer
   * @param jsonSchema a JSON schema the answer must fit (an object or JSON text); empty: free text
   * @param structuredOutput how the schema is enforced: {@code jsonSchema}, {@code jsonObject}, {@code prompt}
   * @param maxRepairAttempts how often a non-fitting answer is sent back with the errors
   */
  @TemplateSubType(value = "chat", label = "Chat completion")
  record Chat(
      @TemplateProperty(group = "server", label = "Base URL", defaultValue = DEFAULT_BASE_URL,
          description = "OpenAI-compatible API, e.g. http://localhost:11434/v1 for Ollama")
      String baseUrl,
      @TemplateProperty(group = "server", label = "API key", placeholder = "{{secrets.OPENAI_API_KEY}}",
          description = "Empty for servers without authentication")
      @Secret String apiKey,
      @TemplateProperty(group = "advanced", label = "API key header", defaultValue = "bearer",
          choices = {"bearer:Authorization: Bearer", "api-key:api-key (Azure OpenAI)"})
      String apiKeyHeader,
      @TemplateProperty(group = "advanced", label = "API version",
          description = "Azure OpenAI api-version query parameter, if the endpoint needs one")
      String apiVersion,
      @TemplateProperty(group = "server", label = "Model", placeholder = "gpt-4o-mini")
      @NotBlank String model,
      @TemplateProperty(group = "prompt", label = "System prompt", type = PropertyType.TEXT)
      String systemPrompt,
      @TemplateProperty(group = "prompt", label = "User prompt", type = PropertyType.TEXT)
      @NotBlank String userPrompt,
      @TemplateProperty(group = "prompt", label = "Temperature", description = "0 to 2")
      @DecimalMin("0") @DecimalMax("2") Double temperature,
      @TemplateProperty(group = "prompt", label = "Maximum tokens") @Min(1) Integer maxTokens,
      @TemplateProperty(group = "output", label = "JSON schema of the answer", feel = FeelMode.OPTIONAL,
          type = PropertyType.TEXT, description = "Empty for a free-text answer")
      Object jsonSchema,
      @TemplateProperty(group = "output", label = "Enforce the schema with", defaultValue = "jsonSchema",
          choices = {"jsonSchema:response_format json_schema", "jsonObject:response_format json_object + prompt",
              "prompt:the prompt only"})
      String structuredOutput,
      @TemplateProperty(group = "output", label = "Repair attempts", defaultValue = "0",
          description = "How often an answer that does not fit the schema is sent back with the errors")
      @Min(0) @Max(5) Integer maxRepairAttempts) implements AiRequest {

    /** Applies defaults. */
    public Chat {
      baseUrl = base(baseUrl);
      apiKeyHeader = header(apiKeyHeader);
      maxRepairAttempts = maxRepairAttempts == null ? 0 : maxRepairAttempts;
    }

    @Override
    public String toString() {
      return "Chat[baseUrl=" + baseUrl + ", model=" + model + "]";
    }
  }

  /**
   * Classify or extract: returns JSON that fits a schema, sending non-fitting answers back with
   * the validation errors up to {@code maxRepairAttempts} times.
   *
   * @param baseUrl server base URL
   * @param apiKey API key
   * @param apiKeyHeader how the key is sent
   * @param apiVersion Azure api-version
   * @param model model name
   * @param instructions what to extract or how to classify
   * @param text the text to work on
   * @param jsonSchema the schema of the result (an object or JSON text)
   * @param categories for classification without a schema: the allowed labels
   * @param temperature sampling temperature (default 0)
   * @param maxTokens maximum tokens of the answer
   * @param structuredOutput how the schema is enforced
   * @param maxRepairAttempts attempts after the first (default 2)
   */
  @TemplateSubType(value = "extract", label = "Classify / extract JSON")
  record Extract(
      @TemplateProperty(group = "server", label = "Base URL", defaultValue = DEFAULT_BASE_URL)
      String baseUrl,
      @TemplateProperty(group = "server", label = "API key", placeholder = "{{secrets.OPENAI_API_KEY}}")
      @Secret String apiKey,
      @TemplateProperty(group = "advanced", label = "API key header", defaultValue = "bearer",
          choices = {"bearer:Authorization: Bearer", "api-key:api-key (Azure OpenAI)"})
      String apiKeyHeader,
      @TemplateProperty(group = "advanced", label = "API version") String apiVersion,
      @TemplateProperty(group = "server", label = "Model", placeholder = "gpt-4o-mini")
      @NotBlank String model,
      @TemplateProperty(group = "prompt", label = "Instructions", type = PropertyType.TEXT,
          placeholder = "Extract the order number and the customer's request")
      String instructions,
      @TemplateProperty(group = "prompt", label = "Text", type = PropertyType.TEXT)
      @NotBlank String text,
      @TemplateProperty(group = "output", label = "JSON schema of the result", feel = FeelMode.OPTIONAL,
          type = PropertyType.TEXT, description = "Required unless categories are given")
      Object jsonSchema,
      @TemplateProperty(group = "output", label = "Categories", feel = FeelMode.REQUIRED,
          description = "Classification shortcut: a list of labels; the result is {label, confidence}")
      List<String> categories,
      @TemplateProperty(group = "prompt", label = "Temperature", defaultValue = "0")
      @DecimalMin("0") @DecimalMax("2") Double temperature,
      @TemplateProperty(group = "prompt", label = "Maximum tokens") @Min(1) Integer maxTokens,
      @TemplateProperty(group = "output", label = "Enforce the schema with", defaultValue = "jsonSchema",
          choices = {"jsonSchema:response_format json_schema", "jsonObject:response_format json_object + prompt",
              "prompt:the prompt only"})
      String structuredOutput,
      @TemplateProperty(group = "output", label = "Repair attempts", defaultValue = "2")
      @Min(0) @Max(5) Integer maxRepairAttempts) implements AiRequest {

    /** Applies defaults. */
    public Extract {
      baseUrl = base(baseUrl);
      apiKeyHeader = header(apiKeyHeader);
      temperature = temperature == null ? 0.0 : temperature;
      maxRepairAttempts = maxRepairAttempts == null ? 2 : maxRepairAttempts;
      categories = categories == null ? List.of() : List.copyOf(categories);
    }

    @Override
    public String toString() {
      return "Extract[baseUrl=" + baseUrl + ", model=" + model + "]";
    }
  }

  /**
   * Embeddings of one or more texts.
   *
   * @param baseUrl server base URL
   * @param apiKey API key
   * @param apiKeyHeader how the key is sent
   * @param apiVersion Azure api-version
   * @param model embedding model
   * @param input one text or a list of texts
   * @param dimensions the vector size, for models that can shorten it
   */
  @TemplateSubType(value = "embed", label = "Embeddings")
  record Embed(
      @TemplateProperty(group = "server", label = "Base URL", defaultValue = DEFAULT_BASE_URL)
      String baseUrl,
      @TemplateProperty(group = "server", label = "API key", placeholder = "{{secrets.OPENAI_API_KEY}}")
      @Secret String apiKey,
      @TemplateProperty(group = "advanced", label = "API key header", defaultValue = "bearer",
          choices = {"bearer:Authorization: Bearer", "api-key:api-key (Azure OpenAI)"})
      String apiKeyHeader,
      @TemplateProperty(group = "advanced", label = "API version") String apiVersion,
      @TemplateProperty(group = "server", label = "Model", placeholder = "text-embedding-3-small")
      @NotBlank String model,
      @TemplateProperty(group = "prompt", label = "Input", type = PropertyType.TEXT,
          description = "A text, or a FEEL list of texts")
      @NotNull Object input,
      @TemplateProperty(group = "advanced", label = "Dimensions") @Min(1) Integer dimensions)
      implements AiRequest {

    /** Applies defaults. */
    public Embed {
      baseUrl = base(baseUrl);
      apiKeyHeader = header(apiKeyHeader);
    }

    @Override
    public String toString() {
      return "Embed[baseUrl=" + baseUrl + ", model=" + model + "]";
    }
  }
}
