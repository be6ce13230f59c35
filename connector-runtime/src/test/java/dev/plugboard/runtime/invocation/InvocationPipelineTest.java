package dev.plugboard.runtime.invocation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.plugboard.runtime.feel.FeelEvaluator;
import dev.plugboard.runtime.invocation.fixtures.BadOutputConnector;
import dev.plugboard.runtime.invocation.fixtures.EchoConnector;
import dev.plugboard.runtime.invocation.fixtures.FailingConnector;
import dev.plugboard.runtime.invocation.fixtures.GreetYamlConnector;
import dev.plugboard.runtime.invocation.fixtures.HangingConnector;
import dev.plugboard.runtime.invocation.fixtures.HttpRouteConnector;
import dev.plugboard.runtime.invocation.fixtures.InMemoryConnectorRegistry;
import dev.plugboard.runtime.metrics.ConnectorMetrics;
import dev.plugboard.runtime.registry.InflightCounter;
import dev.plugboard.runtime.registry.RegisteredConnector;
import dev.plugboard.runtime.secrets.SecretResolver;
import dev.plugboard.sdk.SecretProvider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InvocationPipelineTest {

  static final String SECRET = "s3cr3t-Value-42";

  static WireMockServer wireMock;
  static DefaultCamelContext camel;
  static InMemoryConnectorRegistry registry;
  static SimpleMeterRegistry meters;
  static DefaultInvocationPipeline pipeline;

  @BeforeAll
  static void start() throws Exception {
    wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    wireMock.start();
    camel = new DefaultCamelContext();
    camel.start();
    registry = new InMemoryConnectorRegistry(camel);
    registry.register(new EchoConnector());
    registry.register(new FailingConnector());
    registry.register(new BadOutputConnector());
    registry.register(new HangingConnector());
    registry.register(new HttpRouteConnector());
    registry.register(new GreetYamlConnector());
    Map<String, String> secrets = Map.of("API_KEY", SECRET, "SHORT", "ab");
    SecretProvider provider = name -> Optional.ofNullable(secrets.get(name));
    meters = new SimpleMeterRegistry();
    pipeline = new DefaultInvocationPipeline(registry, camel.createProducerTemplate(),
        new FeelEvaluator(), new SecretResolver(List.of(provider), 4), new ConnectorMetrics(meters),
        InvocationProperties.defaults());
  }

  @AfterAll
  static void stop() {
    pipeline.destroy();
    camel.stop();
    wireMock.stop();
  }

  static Outcome invoke(String type, Map<String, Object> variables, Map<String, String> headers) {
    return pipeline.invoke(new InvocationRequest(type, variables, headers, "job-1", null));
  }

  static Map<String, Object> vars(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void functionConnectorCompletesAndSetsTheResultVariable() {
    Outcome outcome = invoke("test:echo:1", vars("text", "ab", "times", 2),
        Map.of("resultVariable", "echo", "taskName", "Echo task"));
    assertThat(outcome).isInstanceOf(Outcome.Completed.class);
    Outcome.Completed c = (Outcome.Completed) outcome;
    assertThat(c.result()).isEqualTo(Map.of("text", "abab", "length", 4, "header", "Echo task"));
    assertThat(c.variables()).containsOnlyKeys("echo");
    assertThat(c.variables().get("echo")).isEqualTo(c.result());
  }

  @Test
  void resultExpressionMapsTheResponseAndSeesTheVariables() {
    Outcome outcome = invoke("test:echo:1", vars("text", "hi", "customer", "ACME"),
        Map.of("resultExpression", "={greeting: response.text + \" \" + customer, size: response.length}"));
    assertThat(((Outcome.Completed) outcome).variables())
        .containsEntry("greeting", "hi ACME").containsEntry("size", 2L);
  }

  @Test
  void resultExpressionThatIsNotAContextFailsWithoutRetry() {
    Outcome.Failed f = (Outcome.Failed) invoke("test:echo:1", vars("text", "hi"),
        Map.of("resultExpression", "=response.text"));
    assertThat(f.code()).isEqualTo("RESULT_EXPRESSION_FAILED");
    assertThat(f.message()).contains("must return a context").contains("test:echo:1");
    assertThat(f.retries()).isZero();
  }

  @Test
  void feelInputsAreEvaluatedAgainstTheVariables() {
    Outcome outcome = invoke("test:echo:1", vars("name", "Ada", "text", "=\"Hello \" + name", "times", "=1 + 1"),
        Map.of());
    assertThat(((Outcome.Completed) outcome).result()).asInstanceOf(
        org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("text", "Hello AdaHello Ada");
  }

  @Test
  void feelInputsStayDataWhenTheEngineEvaluatedThemItself() {
    Outcome outcome = pipeline.invoke(new InvocationRequest("test:echo:1",
        vars("text", "=1 + 1"), Map.of(), "zeebe-job", 3, false));
    assertThat(((Outcome.Completed) outcome).result()).asInstanceOf(
        org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("text", "=1 + 1");
  }

  @Test
  void aFeelInputThatFailsIsInvalidInputNamingTheVariable() {
    Outcome.Failed f = (Outcome.Failed) invoke("test:echo:1", vars("text", "=1 +"), Map.of());
    assertThat(f.code()).isEqualTo("INVALID_INPUT");
    assertThat(f.message()).contains("'text'").contains("FEEL");
    assertThat(f.retries()).isZero();
  }

  @Test
  void missingVariableIsInvalidInputNamingTheField() {
    Outcome.Failed f = (Outcome.Failed) invoke("test:echo:1", vars("times", 2), Map.of());
    assertThat(f.code()).isEqualTo("INVALID_INPUT");
    assertThat(f.message()).contains("'text'").contains("test:echo:1");
    assertThat(f.retries()).isZero();
  }

  @Test
  void variableOfTheWrongTypeOrRangeIsInvalidInputNamingTheField() {
    Outcome.Failed wrongType = (Outcome.Failed) invoke("test:echo:1", vars("text", "x", "times", "many"), Map.of());
    assertThat(wrongType.code()).isEqualTo("INVALID_INPUT");
    assertThat(wrongType.message()).contains("'times'");
    Outcome.Failed outOfRange = (Outcome.Failed) invoke("test:echo:1", vars("text", "x", "times", 11), Map.of());
    assertThat(outOfRange.message()).contains("'times'").contains("10");
  }

  @Test
  void connectorExceptionFailsWithoutRetryAndWithItsCode() {
    Outcome.Failed f = (Outcome.Failed) invoke("test:fail:1", vars("mode", "connector", "code", "HTTP_404"), Map.of());
    assertThat(f.code()).isEqualTo("HTTP_404");
    assertThat(f.retries()).isZero();
    assertThat(f.message()).contains("test:fail:1").contains("rejected");
  }

  @Test
  void retryableExceptionSpendsOneRetryWithItsOwnBackoff() {
    Outcome.Failed f = (Outcome.Failed) pipeline.invoke(new InvocationRequest("test:fail:1",
        vars("mode", "retryable", "code", "BUSY"), Map.of("retryBackoff", "PT1M"), "job-2", 2));
    assertThat(f.code()).isEqualTo("BUSY");
    assertThat(f.retries()).isEqualTo(1);
    assertThat(f.backoff()).isEqualTo(Duration.ofSeconds(42));
  }

  @Test
  void unexpectedExceptionIsConnectorFailedWithTheRetryBackoffHeader() {
    Outcome.Failed f = (Outcome.Failed) invoke("test:fail:1", vars("mode", "unexpected"),
        Map.of("retryBackoff", "PT1M"));
    assertThat(f.code()).isEqualTo("CONNECTOR_FAILED");
    assertThat(f.message()).contains("IllegalStateException").contains("boom");
    // First attempt without retries from the engine: @Connector(retries = 3) minus one.
    assertThat(f.retries()).isEqualTo(2);
    assertThat(f.backoff()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void firstAttemptTakesTheRetriesHeaderBeforeTheAnnotation() {
    Outcome.Failed f = (Outcome.Failed) invoke("test:fail:1", vars("mode", "unexpected"), Map.of("retries", "7"));
    assertThat(f.retries()).isEqualTo(6);
    assertThat(f.backoff()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void bpmnErrorThrownByTheConnectorBecomesABpmnErrorOutcome() {
    Outcome.BpmnErrorThrown b = (Outcome.BpmnErrorThrown) invoke("test:fail:1",
        vars("mode", "bpmn", "code", "LIMIT_EXCEEDED"), Map.of());
    assertThat(b.code()).isEqualTo("LIMIT_EXCEEDED");
    assertThat(b.variables()).containsEntry("reason", "limit");
  }

  @Test
  void errorExpressionTurnsAFailureIntoABpmnError() {
    Outcome outcome = invoke("test:fail:1", vars("mode", "connector", "code", "HTTP_404", "orderId", "o-1"),
        Map.of("errorExpression", "=if error.code = \"HTTP_404\" then bpmnError(\"NOT_FOUND\", \"no order \" + orderId,"
            + " {missing: orderId}) else null"));
    Outcome.BpmnErrorThrown b = (Outcome.BpmnErrorThrown) outcome;
    assertThat(b.code()).isEqualTo("NOT_FOUND");
    assertThat(b.message()).isEqualTo("no order o-1");
    assertThat(b.variables()).containsEntry("missing", "o-1");
  }

  @Test
  void errorExpressionReturningNullKeepsTheFailure() {
    Outcome.Failed f = (Outcome.Failed) invoke("test:fail:1", vars("mode", "connector", "code", "HTTP_500"),
        Map.of("errorExpression", "=if error.code = \"HTTP_404\" then bpmnError(\"NOT_FOUND\", \"x\") else null"));
    assertThat(f.code()).isEqualTo("HTTP_500");
  }

  @Test
  void errorExpressionIsAlsoEvaluatedOnSuccess() {
    Outcome outcome = invoke("test:fail:1", vars("mode", "ok", "code", "rejected"),
        Map.of("errorExpression", "=if response.status = \"rejected\" then bpmnError(\"REJECTED\", \"rejected\") else null",
            "resultVariable", "r"));
    assertThat(outcome).isInstanceOf(Outcome.BpmnErrorThrown.class);
    Outcome ok = invoke("test:fail:1", vars("mode", "ok", "code", "accepted"),
        Map.of("errorExpression", "=if response.status = \"rejected\" then bpmnError(\"REJECTED\", \"rejected\") else null",
            "resultVariable", "r"));
    assertThat(((Outcome.Completed) ok).variables()).containsEntry("r", Map.of("status", "accepted"));
  }

  @Test
  void oneErrorExpressionCanHandleFailureAndSuccess() {
    String expression = "=if error != null and error.code = \"HTTP_404\" then bpmnError(\"NOT_FOUND\", error.message)"
        + " else if response != null and response.status = \"rejected\" then bpmnError(\"REJECTED\", \"no\")"
        + " else null";
    assertThat(((Outcome.BpmnErrorThrown) invoke("test:fail:1", vars("mode", "connector", "code", "HTTP_404"),
        Map.of("errorExpression", expression))).code()).isEqualTo("NOT_FOUND");
    assertThat(((Outcome.BpmnErrorThrown) invoke("test:fail:1", vars("mode", "ok", "code", "rejected"),
        Map.of("errorExpression", expression))).code()).isEqualTo("REJECTED");
    assertThat(invoke("test:fail:1", vars("mode", "ok", "code", "fine"), Map.of("errorExpression", expression)))
        .isInstanceOf(Outcome.Completed.class);
  }

  @Test
  void jobErrorSetsRetriesBackoffAndVariables() {
    Outcome.Failed f = (Outcome.Failed) invoke("test:fail:1", vars("mode", "connector", "code", "HTTP_503"),
        Map.of("errorExpression", "=jobError(\"try later: \" + error.code, {attempted: true}, 5, @\"PT2M\")"));
    assertThat(f.code()).isEqualTo("HTTP_503");
    assertThat(f.message()).isEqualTo("try later: HTTP_503");
    assertThat(f.retries()).isEqualTo(5);
    assertThat(f.backoff()).isEqualTo(Duration.ofMinutes(2));
    assertThat(f.variables()).containsEntry("attempted", true);

    Outcome.Failed defaults = (Outcome.Failed) pipeline.invoke(new InvocationRequest("test:fail:1",
        vars("mode", "connector", "code", "X"), Map.of("errorExpression", "=jobError(\"again\")"), "job", 4));
    assertThat(defaults.retries()).isEqualTo(3);
    assertThat(defaults.backoff()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void brokenErrorExpressionFailsWithAClearMessage() {
    Outcome.Failed f = (Outcome.Failed) invoke("test:fail:1", vars("mode", "connector", "code", "X"),
        Map.of("errorExpression", "=bpmnError(\"A\""));
    assertThat(f.code()).isEqualTo("ERROR_EXPRESSION_FAILED");
    assertThat(f.message()).contains("errorExpression").contains("test:fail:1");
    assertThat(f.retries()).isZero();
  }

  @Test
  void aCallerInterruptedFromOutsideGetsInterruptedAndKeepsItsRetries() {
    HangingConnector.started = new CountDownLatch(1);
    // The runtime stopping interrupts the engine's thread while the connector runs on it.
    Thread.currentThread().interrupt();
    try {
      Outcome.Failed f = (Outcome.Failed) pipeline.invoke(
          new InvocationRequest("test:hang:1", vars("any", "x"), Map.of(), "job-i", 3));
      assertThat(f.code()).isEqualTo("INTERRUPTED");
      assertThat(f.message()).contains("test:hang:1");
      assertThat(f.retries()).isEqualTo(3);
      // not our timeout's interrupt: it stays set for the caller to see
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void hangingConnectorTimesOutPromptlyAndIsInterrupted() {
    HangingConnector.INTERRUPTED.set(false);
    HangingConnector.started = new CountDownLatch(1);
    RegisteredConnector hang = registry.find("test:hang:1").orElseThrow();
    long start = System.nanoTime();
    Outcome.Failed f = (Outcome.Failed) invoke("test:hang:1", vars("any", "x"), Map.of());
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(f.code()).isEqualTo("TIMEOUT");
    assertThat(f.message()).contains("test:hang:1").contains("PT0.3S");
    assertThat(f.retries()).isEqualTo(1);
    assertThat(took).isLessThan(Duration.ofSeconds(2));
    // The connector ran on this thread; the interrupt meant for it must not leak to the caller.
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    await().atMost(Duration.ofSeconds(5)).untilTrue(HangingConnector.INTERRUPTED);
    // The execution leaves the plugin's in-flight count when the plugin code has really returned.
    await().atMost(Duration.ofSeconds(5)).until(() -> hang.inflight().count() == 0);
  }

  @Test
  void outputThatCannotBeSerializedIsInvalidOutput() {
    Outcome.Failed f = (Outcome.Failed) invoke("test:bad-output:1", vars("any", "x"), Map.of());
    assertThat(f.code()).isEqualTo("INVALID_OUTPUT");
    assertThat(f.message()).contains("test:bad-output:1").contains("cannot be serialized");
    assertThat(f.retries()).isZero();
  }

  @Test
  void unknownTypeIsConnectorNotFoundAndKeepsItsRetries() {
    Outcome.Failed f = (Outcome.Failed) pipeline.invoke(
        new InvocationRequest("acme:nothing:1", vars(), Map.of(), "job-9", 2));
    assertThat(f.code()).isEqualTo("CONNECTOR_NOT_FOUND");
    assertThat(f.message()).contains("acme:nothing:1").contains("Load the plugin");
    assertThat(f.retries()).isEqualTo(2);
    assertThat(f.backoff()).isEqualTo(Duration.ofSeconds(30));
    Outcome.Failed first = (Outcome.Failed) invoke("acme:nothing:1", vars(), Map.of("retries", "4"));
    assertThat(first.retries()).isEqualTo(4);
  }

  @Test
  void missingSecretNamesTheSecret() {
    Outcome.Failed f = (Outcome.Failed) invoke("test:echo:1",
        vars("text", "x", "apiKey", "{{secrets.NOT_THERE}}"), Map.of());
    assertThat(f.code()).isEqualTo("SECRET_NOT_FOUND");
    assertThat(f.message()).contains("NOT_THERE");
    assertThat(f.retries()).isZero();
  }

  @Test
  void secretValuesNeverLeakIntoOutcomeMessages() {
    for (String mode : List.of("connector", "retryable", "unexpected")) {
      Outcome.Failed f = (Outcome.Failed) invoke("test:fail:1",
          vars("mode", mode, "code", "E", "password", "{{secrets.API_KEY}}"), Map.of());
      assertThat(f.message()).doesNotContain(SECRET).contains("****");
    }
    Outcome.BpmnErrorThrown b = (Outcome.BpmnErrorThrown) invoke("test:fail:1",
        vars("mode", "bpmn", "code", "E", "password", "{{secrets.API_KEY}}"), Map.of());
    assertThat(b.message()).doesNotContain(SECRET).contains("****");
    // A @Secret field written in clear is masked as well.
    Outcome.Failed clear = (Outcome.Failed) invoke("test:fail:1",
        vars("mode", "connector", "code", "E", "password", "clear-text-pw-99"), Map.of());
    assertThat(clear.message()).doesNotContain("clear-text-pw-99");
    // And in what an errorExpression passes on from error.message.
    Outcome.Failed mapped = (Outcome.Failed) invoke("test:fail:1",
        vars("mode", "connector", "code", "E", "password", "{{secrets.API_KEY}}"),
        Map.of("errorExpression", "=jobError(error.message)"));
    assertThat(mapped.message()).doesNotContain(SECRET);
  }

  @Test
  void javaDslRouteConnectorCallsTheServerWithHeadersAndSecrets() {
    wireMock.stubFor(get(urlEqualTo("/items/7")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"id\":\"7\",\"name\":\"Widget\"}")));
    Outcome outcome = invoke("test:http-route:1", vars("baseUrl", wireMock.baseUrl(), "id", "7",
        "token", "{{secrets.API_KEY}}"), Map.of("resultExpression", "={itemName: response.name}", "taskName", "Fetch"));
    Outcome.Completed c = (Outcome.Completed) outcome;
    assertThat(c.result()).isEqualTo(Map.of("id", "7", "name", "Widget"));
    assertThat(c.variables()).containsEntry("itemName", "Widget");
    wireMock.verify(getRequestedFor(urlEqualTo("/items/7"))
        .withHeader("Authorization", equalTo("Bearer " + SECRET))
        .withHeader("X-Task", equalTo("Fetch")));
  }

  @Test
  void routeHttpErrorsBecomeHttpCodesRetryableOnlyForServerErrors() {
    wireMock.stubFor(get(urlEqualTo("/items/404")).willReturn(aResponse().withStatus(404)));
    wireMock.stubFor(get(urlEqualTo("/items/503")).willReturn(aResponse().withStatus(503)));
    Outcome.Failed notFound = (Outcome.Failed) invoke("test:http-route:1",
        vars("baseUrl", wireMock.baseUrl(), "id", "404"), Map.of());
    assertThat(notFound.code()).isEqualTo("HTTP_404");
    assertThat(notFound.retries()).isZero();
    Outcome.Failed unavailable = (Outcome.Failed) invoke("test:http-route:1",
        vars("baseUrl", wireMock.baseUrl(), "id", "503"), Map.of());
    assertThat(unavailable.code()).isEqualTo("HTTP_503");
    assertThat(unavailable.retries()).isEqualTo(2);
  }

  @Test
  void yamlRouteTemplateConnectorGetsTheInputAsAMapAndTheHeaders() {
    Outcome.Completed c = (Outcome.Completed) invoke("test:greet-yaml:1", vars("name", "Grace"),
        Map.of("taskName", "Greet", "resultVariable", "greeting"));
    assertThat(c.result()).isEqualTo("Hello, Grace (Greet)");
    assertThat(c.variables()).containsEntry("greeting", "Hello, Grace (Greet)");
  }

  @Test
  void closedInflightCounterMakesThePipelineLookUpTheReplacement() {
    InMemoryConnectorRegistry own = new InMemoryConnectorRegistry(camel);
    DefaultInvocationPipeline p = new DefaultInvocationPipeline(own, camel.createProducerTemplate(),
        new FeelEvaluator(), new SecretResolver(List.of(), 4), new ConnectorMetrics(new SimpleMeterRegistry()),
        InvocationProperties.defaults());
    try {
      RegisteredConnector v1 = own.register(new EchoConnector(), "1.0.0");
      assertThat(p.invoke(new InvocationRequest("test:echo:1", vars("text", "a"), Map.of(), "j", null)))
          .isInstanceOf(Outcome.Completed.class);
      assertThat(p.preparedCount()).isEqualTo(1);
      RegisteredConnector v2 = own.register(new EchoConnector(), "2.0.0");
      assertThat(v1.inflight().closed()).isTrue();
      // The replacement drops v1's cached binder.
      assertThat(p.preparedCount()).isZero();
      assertThat(p.invoke(new InvocationRequest("test:echo:1", vars("text", "a"), Map.of(), "j", null)))
          .isInstanceOf(Outcome.Completed.class);
      assertThat(v2.inflight().count()).isZero();
      own.remove("test:echo:1");
      assertThat(p.preparedCount()).isZero();
      assertThat(((Outcome.Failed) p.invoke(new InvocationRequest("test:echo:1", vars("text", "a"),
          Map.of(), "j", null))).code()).isEqualTo("CONNECTOR_NOT_FOUND");
      // A version whose counter is closed is never entered.
      InflightCounter closed = new InflightCounter();
      closed.close();
      own.putRaw(new RegisteredConnector(v2.definition(), "test", "3.0.0", v2.instance(), null,
          v2.classLoader(), closed));
      assertThat(((Outcome.Failed) p.invoke(new InvocationRequest("test:echo:1", vars("text", "a"),
          Map.of(), "j", null))).code()).isEqualTo("CONNECTOR_NOT_FOUND");
      assertThat(closed.count()).isZero();
    } finally {
      p.destroy();
    }
  }

  @Test
  void metricsCountInvocationsErrorsAndLatencyPerType() {
    invoke("test:echo:1", vars("text", "m"), Map.of());
    invoke("test:fail:1", vars("mode", "connector", "code", "METRIC_CODE"), Map.of());
    invoke("nobody:there:1", vars(), Map.of());
    assertThat(meters.get("plugboard.connector.invocations").tags("type", "test:echo:1", "outcome", "completed")
        .counter().count()).isGreaterThanOrEqualTo(1);
    assertThat(meters.get("plugboard.connector.errors").tags("type", "test:fail:1", "code", "METRIC_CODE")
        .counter().count()).isEqualTo(1);
    assertThat(meters.get("plugboard.connector.invocations").tags("type", "unknown", "outcome", "failed")
        .counter().count()).isGreaterThanOrEqualTo(1);
    assertThat(meters.get("plugboard.connector.latency").tags("type", "test:echo:1").timer().count())
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void concurrentInvocationsAllComplete() throws Exception {
    List<java.util.concurrent.Future<Outcome>> futures = new java.util.ArrayList<>();
    java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      for (int i = 0; i < 200; i++) {
        String text = "t" + i;
        futures.add(callers.submit(() -> invoke("test:echo:1", vars("text", text), new HashMap<>())));
      }
      for (var f : futures) {
        assertThat(f.get()).isInstanceOf(Outcome.Completed.class);
      }
    } finally {
      callers.shutdown();
    }
    assertThat(registry.find("test:echo:1").orElseThrow().inflight().count()).isZero();
  }
}
