package dev.plugboard.runtime.inbound;

/** Sources of test plugins and models for the inbound tests. */
final class InboundFixtures {

  private InboundFixtures() {}

  /** A JSON webhook like the catalog one, without authentication. */
  static final String JSON_WEBHOOK = """
      package t.hook;

      import com.fasterxml.jackson.databind.ObjectMapper;
      import dev.plugboard.sdk.*;
      import java.util.Map;

      @Connector(type = "test:webhook:1", name = "Test webhook", category = "Inbound")
      public class JsonHook implements WebhookConnector<JsonHook.Props> {
        public record Props(String note) {}
        private static final ObjectMapper JSON = new ObjectMapper();
        public void activate(Props p, InboundContext ctx) {}
        public String path(Props p) { return null; }
        public WebhookResponse handle(WebhookRequest request, InboundContext ctx) {
          Object body;
          try {
            body = JSON.readValue(request.body(), Object.class);
          } catch (Exception e) {
            return WebhookResponse.of(422, Map.of("code", "INVALID_JSON", "message", "bad json"));
          }
          CorrelationResult r = ctx.correlate(Map.of("request", Map.of("body", body)));
          if (r instanceof CorrelationResult.ProcessStarted s) {
            return WebhookResponse.of(200, Map.of("status", "STARTED", "processInstanceId", s.processInstanceId()));
          } else if (r instanceof CorrelationResult.MessageCorrelated c) {
            return WebhookResponse.of(200, Map.of("status", "CORRELATED", "processInstanceId", c.processInstanceId()));
          } else if (r instanceof CorrelationResult.AlreadyCorrelated d) {
            return WebhookResponse.of(200, Map.of("status", "DUPLICATE"));
          } else if (r instanceof CorrelationResult.ActivationConditionNotMet) {
            return WebhookResponse.of(202, Map.of("status", "IGNORED"));
          } else if (r instanceof CorrelationResult.InvalidInput i) {
            return WebhookResponse.of(422, Map.of("code", "INVALID_INPUT", "message", i.reason()));
          } else if (r instanceof CorrelationResult.NotCorrelated n) {
            return WebhookResponse.of(n.retryable() ? 503 : 409, Map.of("code", "NOT_CORRELATED", "message", n.reason()));
          }
          return WebhookResponse.of(500, "?");
        }
      }
      """;

  /** Start by webhook "orders", then wait for webhook "payments" correlated by orderId. */
  static final String ORDER_BPMN = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="t">
        <bpmn:message id="MsgCreated" name="order-created" />
        <bpmn:message id="MsgPaid" name="order-paid" />
        <bpmn:process id="inbound-order" isExecutable="true" camunda:historyTimeToLive="P1D">
          <bpmn:startEvent id="OrderCreated">
            <bpmn:extensionElements><camunda:properties>
              <camunda:property name="inbound.type" value="test:webhook:1" />
              <camunda:property name="inbound.path" value="orders" />
              <camunda:property name="inbound.activationCondition" value="=request.body.kind = &quot;order&quot;" />
              <camunda:property name="inbound.messageIdExpression" value="=request.body.id" />
              <camunda:property name="inbound.resultExpression" value="={orderId: request.body.orderId}" />
            </camunda:properties></bpmn:extensionElements>
            <bpmn:outgoing>f1</bpmn:outgoing>
            <bpmn:messageEventDefinition messageRef="MsgCreated" />
          </bpmn:startEvent>
          <bpmn:sequenceFlow id="f1" sourceRef="OrderCreated" targetRef="Paid" />
          <bpmn:intermediateCatchEvent id="Paid">
            <bpmn:extensionElements><camunda:properties>
              <camunda:property name="inbound.type" value="test:webhook:1" />
              <camunda:property name="inbound.path" value="payments" />
              <camunda:property name="inbound.correlationKeyExpression" value="=request.body.orderId" />
              <camunda:property name="inbound.correlationVariable" value="orderId" />
              <camunda:property name="inbound.messageIdExpression" value="=request.body.paymentId" />
              <camunda:property name="inbound.resultVariable" value="payment" />
            </camunda:properties></bpmn:extensionElements>
            <bpmn:incoming>f1</bpmn:incoming>
            <bpmn:outgoing>f2</bpmn:outgoing>
            <bpmn:messageEventDefinition messageRef="MsgPaid" />
          </bpmn:intermediateCatchEvent>
          <bpmn:sequenceFlow id="f2" sourceRef="Paid" targetRef="Done" />
          <bpmn:endEvent id="Done"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
        </bpmn:process>
      </bpmn:definitions>
      """;

  /**
   * Two message start events with response expressions ("replies": status, body and header from
   * the event and the correlation; "bad-replies": an expression that gives an unknown key) and
   * one element whose path is invalid, so that it cannot be activated.
   */
  static final String REPLY_BPMN = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="t">
        <bpmn:message id="MsgReply" name="reply" />
        <bpmn:message id="MsgBad" name="bad-reply" />
        <bpmn:message id="MsgBroken" name="broken" />
        <bpmn:process id="inbound-reply" isExecutable="true" camunda:historyTimeToLive="P1D">
          <bpmn:startEvent id="Reply">
            <bpmn:extensionElements><camunda:properties>
              <camunda:property name="inbound.type" value="test:webhook:1" />
              <camunda:property name="inbound.path" value="replies" />
              <camunda:property name="inbound.messageIdExpression" value="=request.body.id" />
              <camunda:property name="inbound.responseExpression" value="={statusCode: if correlation.status = &quot;STARTED&quot; then 201 else null, body: {received: request.body.id, outcome: correlation.status, instance: correlation.processInstanceId}, headers: {&quot;X-Order-Id&quot;: request.body.id}}" />
            </camunda:properties></bpmn:extensionElements>
            <bpmn:outgoing>r1</bpmn:outgoing>
            <bpmn:messageEventDefinition messageRef="MsgReply" />
          </bpmn:startEvent>
          <bpmn:startEvent id="BadReply">
            <bpmn:extensionElements><camunda:properties>
              <camunda:property name="inbound.type" value="test:webhook:1" />
              <camunda:property name="inbound.path" value="bad-replies" />
              <camunda:property name="inbound.responseExpression" value="={status: 201}" />
            </camunda:properties></bpmn:extensionElements>
            <bpmn:outgoing>r2</bpmn:outgoing>
            <bpmn:messageEventDefinition messageRef="MsgBad" />
          </bpmn:startEvent>
          <bpmn:startEvent id="Broken">
            <bpmn:extensionElements><camunda:properties>
              <camunda:property name="inbound.type" value="test:webhook:1" />
              <camunda:property name="inbound.path" value="no spaces allowed" />
            </camunda:properties></bpmn:extensionElements>
            <bpmn:outgoing>r3</bpmn:outgoing>
            <bpmn:messageEventDefinition messageRef="MsgBroken" />
          </bpmn:startEvent>
          <bpmn:sequenceFlow id="r1" sourceRef="Reply" targetRef="End" />
          <bpmn:sequenceFlow id="r2" sourceRef="BadReply" targetRef="End" />
          <bpmn:sequenceFlow id="r3" sourceRef="Broken" targetRef="End" />
          <bpmn:endEvent id="End"><bpmn:incoming>r1</bpmn:incoming><bpmn:incoming>r2</bpmn:incoming><bpmn:incoming>r3</bpmn:incoming></bpmn:endEvent>
        </bpmn:process>
      </bpmn:definitions>
      """;
}
