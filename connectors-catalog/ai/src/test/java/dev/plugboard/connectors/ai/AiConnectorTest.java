package dev.plugboard.connectors.ai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.RetryableException;
import dev.plugboard.sdk.testkit.ConnectorTestKit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AiConnectorTest {

  private static final String KEY = "sk-test-SECRET-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ORDER_SCHEMA = "{\"type\":\"object\",\"properties\":{"
      + "\"orderNumber\":{\"type\":\"integer\"},\"intent\":{\"enum\":[\"cancel\",\"pickup\"]}},"
      + "\"required\":[\"orderNumber\",\"intent\"]}";

  @RegisterExtension
  static WireMockExtension llm = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort()).build();

  private ConnectorTestKit kit(String operation) {
    return ConnectorTestKit.of(new AiConnector())
        .secret("OPENAI_API_KEY", KEY)
        .variable("operation", operation)
        .variable("baseUrl", llm.baseUrl() + "/v1")
        .variable("apiKey", "{{secrets.OPENAI_API_KEY}}")
        .variable("model", "gpt-4o-mini");
  }

  private static String completion(String content) throws Exception {
    return JSON.writeValueAsString(Map.of(
        "id", "chatcmpl-1", "object", "chat.completion", "created", 1700000000,
        "model", "gpt-4o-mini-2024-07-18",
        "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
            "message", Map.of("role", "assistant", "content", content))),
        "usage", Map.of("prompt_tokens", 20, "completion_tokens", 7, "total_tokens", 27)));
  }

  @Test
  void chatSendsSystemAndUserPromptWithParameters() throws Exception {
    llm.stubFor(post("/v1/chat/completions").willReturn(okJson(completion("Hello Ada!"))));

    Object result = kit("chat").variable("systemPrompt", "Be brief.")
        .variable("userPrompt", "Greet Ada").variable("temperature", 0.2)
        .variable("maxTokens", 50).execute();

    AiResult.ChatAnswer answer = (AiResult.ChatAnswer) result;
    assertThat(answer.text()).isEqualTo("Hello Ada!");
    assertThat(answer.json()).isNull();
    assertThat(answer.model()).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(answer.finishReason()).isEqualTo("STOP");
    assertThat(answer.usage()).isEqualTo(new AiResult.Usage(20, 7, 27));
    assertThat(answer.attempts()).isEqualTo(1);
    llm.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
        .withHeader("Authorization", equalTo("Bearer " + KEY))
        .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o-mini")))
        .withRequestBody(matchingJsonPath("$.temperature", equalTo("0.2")))
        .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("50")))
        .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system")))
        .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo("Be brief.")))
        .withRequestBody(matchingJsonPath("$.messages[1].content", equalTo("Greet Ada"))));
  }

  @Test
  void chatWithASchemaAsksForJsonSchemaOutputAndReturnsTheParsedJson() throws Exception {
    llm.stubFor(post("/v1/chat/completions").willReturn(okJson(
        completion("{\"orderNumber\": 42, \"intent\": \"pickup\"}"))));

    AiResult.ChatAnswer answer = (AiResult.ChatAnswer) kit("chat")
        .variable("userPrompt", "When can I pick up order 42?")
        .variable("jsonSchema", ORDER_SCHEMA).execute();

    assertThat(answer.json()).isEqualTo(Map.of("orderNumber", 42, "intent", "pickup"));
    llm.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
        .withRequestBody(matchingJsonPath("$.response_format.type", equalTo("json_schema")))
        .withRequestBody(matchingJsonPath("$.response_format.json_schema.schema.required[0]",
            equalTo("orderNumber"))));
  }

  @Test
  void extractFeedsValidationErrorsBackUntilTheAnswerFits() throws Exception {
    llm.stubFor(post("/v1/chat/completions").inScenario("repair").whenScenarioStateIs(STARTED)
        .willReturn(okJson(completion("```json\n{\"orderNumber\": \"forty-two\"}\n```")))
        .willSetStateTo("repaired"));
    llm.stubFor(post("/v1/chat/completions").inScenario("repair").whenScenarioStateIs("repaired")
        .willReturn(okJson(completion("{\"orderNumber\": 42, \"intent\": \"cancel\"}"))));

    AiResult.Extraction extraction = (AiResult.Extraction) kit("extract")
        .variable("instructions", "Extract the order number and what the customer wants.")
        .variable("text", "Please cancel my order forty-two.")
        .variable("jsonSchema", JSON.readValue(ORDER_SCHEMA, Map.class))
        .variable("structuredOutput", "jsonObject")
        .execute();

    assertThat(extraction.result()).isEqualTo(Map.of("orderNumber", 42, "intent", "cancel"));
    assertThat(extraction.attempts()).isEqualTo(2);
    assertThat(extraction.usage()).isEqualTo(new AiResult.Usage(40, 14, 54));
    List<LoggedRequest> requests = llm.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")));
    assertThat(requests).hasSize(2);
    String first = requests.get(0).getBodyAsString();
    assertThat(JSON.readTree(first).at("/response_format/type").asText()).isEqualTo("json_object");
    assertThat(JSON.readTree(first).at("/messages/0/content").asText()).contains("\"required\"");
    var repair = JSON.readTree(requests.get(1).getBodyAsString()).path("messages");
    assertThat(repair).hasSize(4);
    assertThat(repair.get(2).path("role").asText()).isEqualTo("assistant");
    assertThat(repair.get(3).path("content").asText())
        .contains("does not fit").contains("/orderNumber").contains("intent");
  }

  @Test
  void extractGivesUpWithLlmInvalidOutputAfterTheRepairAttempts() throws Exception {
    llm.stubFor(post("/v1/chat/completions").willReturn(okJson(completion("I think it is 42."))));

    assertThatThrownBy(() -> kit("extract").variable("text", "order 42")
        .variable("jsonSchema", ORDER_SCHEMA).variable("maxRepairAttempts", 1).execute())
        .isExactlyInstanceOf(ConnectorException.class)
        .hasMessageContaining("after 2 attempt(s)")
        .hasMessageContaining("not JSON")
        .hasMessageContaining(llm.baseUrl() + "/v1/chat/completions")
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("LLM_INVALID_OUTPUT");
    llm.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
  }

  @Test
  void classifiesIntoCategoriesWithoutAHandWrittenSchema() throws Exception {
    llm.stubFor(post("/v1/chat/completions").willReturn(okJson(
        completion("{\"label\": \"complaint\", \"confidence\": 0.93}"))));

    AiResult.Extraction extraction = (AiResult.Extraction) kit("extract")
        .variable("text", "The parcel arrived broken!")
        .variable("categories", List.of("question", "complaint", "praise")).execute();

    assertThat(extraction.result()).isEqualTo(Map.of("label", "complaint", "confidence", 0.93));
    llm.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
        .withRequestBody(matchingJsonPath("$.temperature", equalTo("0.0")))
        .withRequestBody(matchingJsonPath(
            "$.response_format.json_schema.schema.properties.label.enum[1]", equalTo("complaint"))));
  }

  @Test
  void embedsAListOfTexts() throws Exception {
    llm.stubFor(post("/v1/embeddings").willReturn(okJson("{\"object\":\"list\",\"model\":"
        + "\"text-embedding-3-small\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
        + "\"embedding\":[0.1,0.2,0.3]},{\"object\":\"embedding\",\"index\":1,"
        + "\"embedding\":[0.4,0.5,0.6]}],\"usage\":{\"prompt_tokens\":6,\"total_tokens\":6}}")));

    AiResult.Embeddings result = (AiResult.Embeddings) kit("embed")
        .variable("model", "text-embedding-3-small")
        .variable("input", List.of("first text", "second text")).variable("dimensions", 3)
        .execute();

    assertThat(result.dimensions()).isEqualTo(3);
    assertThat(result.embeddings()).hasSize(2);
    assertThat(result.embeddings().get(1)).containsExactly(0.4f, 0.5f, 0.6f);
    assertThat(result.usage().inputTokens()).isEqualTo(6);
    llm.verify(postRequestedFor(urlEqualTo("/v1/embeddings"))
        .withRequestBody(equalToJson("{\"model\":\"text-embedding-3-small\","
            + "\"input\":[\"first text\",\"second text\"],\"dimensions\":3}", true, true)));
  }

  @Test
  void azureStyleKeyHeaderAndApiVersionAreSent() throws Exception {
    llm.stubFor(post(urlPathEqualTo("/openai/deployments/mini/chat/completions"))
        .willReturn(okJson(completion("ok"))));

    kit("chat").variable("baseUrl", llm.baseUrl() + "/openai/deployments/mini")
        .variable("apiKeyHeader", "api-key").variable("apiVersion", "2024-10-21")
        .variable("userPrompt", "ping").execute();

    llm.verify(postRequestedFor(urlPathEqualTo("/openai/deployments/mini/chat/completions"))
        .withQueryParam("api-version", equalTo("2024-10-21"))
        .withHeader("api-key", equalTo(KEY)));
  }

  @Test
  void refusedKeyIsNotRetriedAndNeverShown() {
    llm.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\","
            + "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}")));

    assertThatThrownBy(() -> kit("chat").variable("userPrompt", "hi").execute())
        .isExactlyInstanceOf(ConnectorException.class)
        .hasMessageContaining(llm.baseUrl() + "/v1/chat/completions")
        .hasMessageNotContaining(KEY)
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("LLM_UNAUTHORIZED");
  }

  @Test
  void httpErrorsGetSpecificCodesAndOnlyTransientOnesAreRetried() {
    llm.stubFor(post("/v1/chat/completions").withRequestBody(containing("five-hundred"))
        .willReturn(aResponse().withStatus(500).withBody("{\"error\":{\"message\":\"boom\"}}")));
    llm.stubFor(post("/v1/chat/completions").withRequestBody(containing("too-many"))
        .willReturn(aResponse().withStatus(429).withBody("{\"error\":{\"message\":\"slow down\"}}")));
    llm.stubFor(post("/v1/chat/completions").withRequestBody(containing("no-model"))
        .willReturn(aResponse().withStatus(404).withBody("{\"error\":{\"message\":\"model not found\"}}")));
    llm.stubFor(post("/v1/chat/completions").withRequestBody(containing("bad-request"))
        .willReturn(aResponse().withStatus(400).withBody("{\"error\":{\"message\":\"bad temperature\"}}")));

    assertCode("five-hundred", RetryableException.class, "LLM_SERVER_ERROR");
    assertCode("too-many", RetryableException.class, "LLM_RATE_LIMITED");
    assertCode("no-model", ConnectorException.class, "LLM_MODEL_NOT_FOUND");
    assertCode("bad-request", ConnectorException.class, "LLM_INVALID_REQUEST");
  }

  private void assertCode(String prompt, Class<? extends ConnectorException> type, String code) {
    assertThatThrownBy(() -> kit("chat").variable("userPrompt", prompt).execute())
        .isExactlyInstanceOf(type)
        .hasMessageContaining(llm.baseUrl() + "/v1/chat/completions")
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo(code);
  }

  @Test
  void slowServerTimesOutAndIsRetryable() throws Exception {
    llm.stubFor(post("/v1/chat/completions").willReturn(okJson(completion("late"))
        .withFixedDelay(3_000)));

    assertThatThrownBy(() -> kit("chat").variable("userPrompt", "hi")
        .timeout(Duration.ofMillis(400)).execute())
        .isInstanceOf(RetryableException.class)
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("LLM_TIMEOUT");
  }

  @Test
  void bodyThatIsNotOpenAiJsonIsReported() {
    llm.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("<html>gateway</html>")));

    assertThatThrownBy(() -> kit("chat").variable("userPrompt", "hi").execute())
        .isExactlyInstanceOf(ConnectorException.class)
        .hasMessageContaining("not the JSON of an OpenAI-compatible API")
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("LLM_INVALID_RESPONSE");
  }

  @Test
  void unusableSchemasAreInvalidInput() {
    assertThatThrownBy(() -> kit("extract").variable("text", "x").variable("jsonSchema", "{not json")
        .execute())
        .hasMessageContaining("'jsonSchema' is not valid JSON")
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("INVALID_INPUT");
    assertThatThrownBy(() -> kit("extract").variable("text", "x")
        .variable("jsonSchema", "{\"$ref\":\"http://169.254.169.254/latest\"}").execute())
        .hasMessageContaining("only references inside the schema")
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("INVALID_INPUT");
    assertThatThrownBy(() -> kit("extract").variable("text", "x").execute())
        .hasMessageContaining("categories")
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("INVALID_INPUT");
  }
}
