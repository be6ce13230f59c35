package dev.plugboard.runtime.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.runtime.feel.FeelEvaluationException;
import dev.plugboard.runtime.feel.FeelEvaluator;
import dev.plugboard.sdk.CorrelationResult;
import dev.plugboard.sdk.WebhookResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponseExpressionTest {

  static final FeelEvaluator FEEL = new FeelEvaluator();
  static final WebhookResponse DEFAULT = new WebhookResponse(200,
      Map.of("WWW-Connector", "kept"), Map.of("status", "STARTED"));

  static DefaultInboundContext.Correlation started() {
    return new DefaultInboundContext.Correlation(
        Map.of("request", Map.of("body", Map.of("id", "a-1"))),
        new CorrelationResult.ProcessStarted("pi-7"));
  }

  WebhookResponse apply(String expression, DefaultInboundContext.Correlation call) {
    return ResponseExpression.apply(expression, FEEL, call, DEFAULT);
  }

  @Test
  void statusBodyAndHeadersComeFromTheRequestAndTheCorrelation() {
    WebhookResponse r = apply("={statusCode: 201, body: {id: request.body.id,"
        + " instance: correlation.processInstanceId}, headers: {\"X-Id\": request.body.id}}",
        started());
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.body()).isEqualTo(Map.of("id", "a-1", "instance", "pi-7"));
    assertThat(r.headers()).containsEntry("X-Id", "a-1").containsEntry("WWW-Connector", "kept");
  }

  @Test
  void missingKeysAndNullKeepTheConnectorsAnswer() {
    assertThat(apply("={headers: {\"X-A\": \"b\"}}", started()).status()).isEqualTo(200);
    assertThat(apply("={headers: {\"X-A\": \"b\"}}", started()).body()).isEqualTo(DEFAULT.body());
    assertThat(apply("=null", started())).isSameAs(DEFAULT);
    assertThat(apply("={statusCode: null, body: \"ok\"}", started()).status()).isEqualTo(200);
  }

  @Test
  void everyCorrelationOutcomeIsNamed() {
    assertThat(ResponseExpression.correlation(new CorrelationResult.AlreadyCorrelated("m")))
        .containsEntry("status", "DUPLICATE").containsEntry("messageId", "m")
        .containsEntry("accepted", true);
    assertThat(ResponseExpression.correlation(new CorrelationResult.NotCorrelated("none", false)))
        .containsEntry("status", "NOT_CORRELATED").containsEntry("reason", "none")
        .containsEntry("retryable", false).containsEntry("accepted", false);
    assertThat(ResponseExpression.correlation(new CorrelationResult.ActivationConditionNotMet()))
        .containsEntry("status", "IGNORED");
    assertThat(ResponseExpression.correlation(new CorrelationResult.InvalidInput("bad")))
        .containsEntry("status", "INVALID");
    assertThat(ResponseExpression.correlation(new CorrelationResult.MessageCorrelated("pi")))
        .containsEntry("status", "CORRELATED");
  }

  @Test
  void answersThatCannotBeSentAreRejectedWithTheReason() {
    assertThatThrownBy(() -> apply("={status: 201}", started()))
        .isInstanceOf(FeelEvaluationException.class).hasMessageContaining("unknown key 'status'");
    assertThatThrownBy(() -> apply("=\"text\"", started()))
        .hasMessageContaining("must give a context");
    assertThatThrownBy(() -> apply("={statusCode: 99}", started()))
        .hasMessageContaining("200 to 599");
    assertThatThrownBy(() -> apply("={statusCode: 201.5}", started()))
        .hasMessageContaining("whole number");
    assertThatThrownBy(() -> apply("={headers: {\"Content-Length\": \"1\"}}", started()))
        .hasMessageContaining("Content-Length");
    assertThatThrownBy(() -> apply("={headers: {\"X-A\": \"a\nb\"}}", started()))
        .hasMessageContaining("line break");
    assertThatThrownBy(() -> apply("={headers: \"x\"}", started()))
        .hasMessageContaining("headers must be a context");
  }
}
