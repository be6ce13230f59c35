package dev.plugboard.runtime.inbound;

/**
 * Camunda 8 flavoured models and cluster answers for the Camunda 8 inbound tests: the
 * {@code zeebe:property} bindings and {@code zeebe:subscription} correlation keys that the
 * Camunda 8 inbound element templates write.
 */
final class Camunda8Fixtures {

  private Camunda8Fixtures() {}

  /**
   * Process {@code c8-order}: start by webhook {@code c8-orders}, then wait for webhook
   * {@code c8-payments} (correlated by {@code orderId}, deduplicated by payment id); version 1 also
   * has a boundary event on webhook {@code c8-cancel}, which version 2 dropped.
   *
   * @param withCancel whether to include the boundary event (version 1)
   * @return the BPMN XML
   */
  static String orderBpmn(boolean withCancel) {
    String cancel = !withCancel ? "" : """
            <bpmn:boundaryEvent id="Cancelled" attachedToRef="Paid">
              <bpmn:extensionElements><zeebe:properties>
                <zeebe:property name="inbound.type" value="test:webhook:1" />
                <zeebe:property name="inbound.path" value="c8-cancel" />
                <zeebe:property name="inbound.correlationKeyExpression" value="=request.body.orderId" />
              </zeebe:properties></bpmn:extensionElements>
              <bpmn:messageEventDefinition messageRef="MsgCancel" />
            </bpmn:boundaryEvent>
        """;
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
            xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="defs" targetNamespace="t"
            modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">
          <bpmn:message id="MsgCreated" name="c8-order-created" />
          <bpmn:message id="MsgPaid" name="c8-order-paid">
            <bpmn:extensionElements><zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements>
          </bpmn:message>
          <bpmn:message id="MsgCancel" name="c8-order-cancelled">
            <bpmn:extensionElements><zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements>
          </bpmn:message>
          <bpmn:message id="MsgDynamic" name="=&quot;dyn-&quot; + orderId" />
          <bpmn:process id="c8-order" isExecutable="true">
            <bpmn:startEvent id="OrderCreated">
              <bpmn:extensionElements><zeebe:properties>
                <zeebe:property name="inbound.type" value="test:webhook:1" />
                <zeebe:property name="inbound.path" value="c8-orders" />
                <zeebe:property name="inbound.activationCondition" value="=request.body.kind = &quot;order&quot;" />
                <zeebe:property name="inbound.resultExpression" value="={orderId: request.body.orderId}" />
              </zeebe:properties></bpmn:extensionElements>
              <bpmn:outgoing>f1</bpmn:outgoing>
              <bpmn:messageEventDefinition messageRef="MsgCreated" />
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="OrderCreated" targetRef="Paid" />
            <bpmn:receiveTask id="Paid" messageRef="MsgPaid">
              <bpmn:extensionElements><zeebe:properties>
                <zeebe:property name="inbound.type" value="test:webhook:1" />
                <zeebe:property name="inbound.path" value="c8-payments" />
                <zeebe:property name="inbound.correlationKeyExpression" value="=request.body.orderId" />
                <zeebe:property name="inbound.messageIdExpression" value="=request.body.paymentId" />
                <zeebe:property name="inbound.resultVariable" value="payment" />
              </zeebe:properties></bpmn:extensionElements>
              <bpmn:incoming>f1</bpmn:incoming>
              <bpmn:outgoing>f2</bpmn:outgoing>
            </bpmn:receiveTask>
        %s
            <bpmn:sequenceFlow id="f2" sourceRef="Paid" targetRef="Dynamic" />
            <bpmn:intermediateCatchEvent id="Dynamic">
              <bpmn:extensionElements><zeebe:properties>
                <zeebe:property name="inbound.type" value="test:webhook:1" />
                <zeebe:property name="inbound.path" value="c8-dynamic" />
                <zeebe:property name="inbound.correlationKeyExpression" value="=request.body.orderId" />
              </zeebe:properties></bpmn:extensionElements>
              <bpmn:incoming>f2</bpmn:incoming>
              <bpmn:outgoing>f3</bpmn:outgoing>
              <bpmn:messageEventDefinition messageRef="MsgDynamic" />
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f3" sourceRef="Dynamic" targetRef="Done" />
            <bpmn:endEvent id="Done"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(cancel);
  }

  /** A process without inbound elements. */
  static final String PLAIN_BPMN = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d2" targetNamespace="t">
        <bpmn:process id="plain" isExecutable="true">
          <bpmn:startEvent id="s" />
        </bpmn:process>
      </bpmn:definitions>
      """;

  /**
   * The answer of {@code POST /v2/process-definitions/search}: {@code c8-order} versions 1 (key
   * 11) and 2 (key 12), {@code plain} version 1 (key 21).
   */
  static final String DEFINITIONS = """
      {"items":[
        {"processDefinitionKey":"11","processDefinitionId":"c8-order","version":1,"name":"Order","resourceName":"order.bpmn","tenantId":"<default>","hasStartForm":false},
        {"processDefinitionKey":"12","processDefinitionId":"c8-order","version":2,"name":"Order","resourceName":"order.bpmn","tenantId":"<default>","hasStartForm":false},
        {"processDefinitionKey":"21","processDefinitionId":"plain","version":1,"name":"Plain","resourceName":"plain.bpmn","tenantId":"<default>","hasStartForm":false}
      ],"page":{"totalItems":3}}
      """;

  /** One ACTIVE instance of {@code c8-order} version 1. */
  static final String ACTIVE_V1_INSTANCE = """
      {"items":[{"processInstanceKey":"31","processDefinitionId":"c8-order","processDefinitionKey":"11",
        "processDefinitionVersion":1,"processDefinitionName":"Order","state":"ACTIVE",
        "startDate":"2026-11-25T10:00:00.000Z","tenantId":"<default>","hasIncident":false}],
       "page":{"totalItems":1}}
      """;

  /** No instances. */
  static final String NO_INSTANCES = "{\"items\":[],\"page\":{\"totalItems\":0}}";
}
