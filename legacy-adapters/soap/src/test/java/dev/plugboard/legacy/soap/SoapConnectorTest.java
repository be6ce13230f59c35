package dev.plugboard.legacy.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.sdk.BpmnError;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.RetryableException;
import dev.plugboard.sdk.testkit.ConnectorTestKit;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SoapConnectorTest {

  BankService bank;

  @BeforeEach
  void start() throws Exception {
    bank = new BankService();
  }

  @AfterEach
  void stop() {
    bank.close();
  }

  ConnectorTestKit kit(String path, String passwordType) {
    return ConnectorTestKit.of(new SoapConnector())
        .secret("WS_PASSWORD", BankService.PASSWORD)
        .variable("wsdlUrl", bank.url(path + "?wsdl"))
        .variable("operation", "GetBalance")
        .variable("passwordType", passwordType)
        .variable("username", BankService.USER)
        .variable("password", "{{secrets.WS_PASSWORD}}");
  }

  @Test
  @SuppressWarnings("unchecked")
  void callsAWsdlOperationOverSoap11WithPasswordDigest() throws Exception {
    SoapResult r = (SoapResult) kit("/bank11", "DIGEST").variable("parameters", Map.of("accountId", "4711")).execute();
    assertThat(r.httpStatus()).isEqualTo(200);
    assertThat(r.body()).containsEntry("accountId", "4711").containsEntry("entry", List.of("opening", "interest"));
    assertThat((Map<String, Object>) r.body().get("balance")).containsEntry("@currency", "EUR").containsEntry("#text", "1234.50");
    assertThat(r.xml()).contains("GetBalanceResponse");
    assertThat(bank.lastHeaders).containsEntry("soapaction", "\"urn:bank:GetBalance\"");
    assertThat(bank.lastHeaders.get("content-type")).startsWith("text/xml");
    assertThat(bank.lastPasswordType).isEqualTo(WsSecurity.DIGEST);
  }

  @Test
  void callsSoap12WithPasswordText() throws Exception {
    SoapResult r = (SoapResult) kit("/bank12", "TEXT").variable("parameters", Map.of("accountId", "1")).execute();
    assertThat(r.body()).containsEntry("accountId", "1");
    assertThat(bank.lastHeaders.get("content-type")).startsWith("application/soap+xml").contains("action=\"urn:bank:GetBalance\"");
    assertThat(bank.lastPasswordType).isEqualTo(WsSecurity.TEXT);
  }

  @Test
  void callsWithoutAWsdlAndWithARawEnvelope() throws Exception {
    SoapResult r = (SoapResult) kit("/bank11", "DIGEST").variable("wsdlUrl", null)
        .variable("endpointUrl", bank.url("/bank11")).variable("namespace", BankService.NS)
        .variable("parameters", Map.of("accountId", "22")).execute();
    assertThat(r.body()).containsEntry("accountId", "22");

    String envelope = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>"
        + "<b:GetBalance xmlns:b=\"" + BankService.NS + "\"><b:accountId>33</b:accountId></b:GetBalance></s:Body></s:Envelope>";
    SoapResult raw = (SoapResult) kit("/bank12", "TEXT").variable("wsdlUrl", null).variable("soapVersion", "SOAP_12")
        .variable("endpointUrl", bank.url("/bank12")).variable("envelope", envelope).execute();
    assertThat(raw.body()).containsEntry("accountId", "33");
  }

  @Test
  void aSoapFaultBecomesABpmnErrorWithTheFaultCode() {
    for (String path : List.of("/bank11", "/bank12")) {
      assertThatThrownBy(() -> kit(path, "DIGEST").variable("parameters", Map.of("accountId", "000")).execute())
          .isInstanceOf(BpmnError.class)
          .hasMessageContaining("No account 000")
          .satisfies(e -> {
            BpmnError error = (BpmnError) e;
            assertThat(error.code()).isEqualTo("AccountUnknown");
            assertThat(error.variables()).containsEntry("faultCode", "tns:AccountUnknown")
                .containsEntry("detail", Map.of("AccountFault", Map.of("accountId", "000")));
          });
    }
  }

  @Test
  void aSoapFaultCanBeAnIncidentInstead() {
    assertThatThrownBy(() -> kit("/bank11", "DIGEST").variable("faultHandling", "INCIDENT")
        .variable("parameters", Map.of("accountId", "000")).execute())
        .isInstanceOf(ConnectorException.class)
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("SOAP_FAULT"));
  }

  @Test
  void wrongWsSecurityPasswordIsSoapAuthFailedWithoutThePassword() {
    assertThatThrownBy(() -> kit("/bank11", "TEXT").secret("WS_PASSWORD", "guess-123")
        .variable("parameters", Map.of("accountId", "1")).execute())
        .isInstanceOf(ConnectorException.class)
        .hasMessageNotContaining("guess-123")
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("SOAP_AUTH_FAILED"));
  }

  @Test
  void anUnknownWsdlOperationIsInvalidInput() {
    assertThatThrownBy(() -> kit("/bank11", "TEXT").variable("operation", "Transfer").execute())
        .hasMessageContaining("no SOAP operation 'Transfer'")
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("INVALID_INPUT"));
  }

  @Test
  void aServiceThatIsDownIsRetryableSoapUnavailable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String down = "http://127.0.0.1:" + port + "/ws";
    assertThatThrownBy(() -> kit("/bank11", "NONE").variable("wsdlUrl", null).variable("endpointUrl", down)
        .variable("namespace", BankService.NS).variable("parameters", Map.of("accountId", "1")).execute())
        .isInstanceOf(RetryableException.class)
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("SOAP_UNAVAILABLE"));
  }

  @Test
  void aResponseWithADoctypeIsNotParsed() {
    bank.raw = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
        + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><r>&e;</r></soap:Body></soap:Envelope>";
    assertThatThrownBy(() -> kit("/bank11", "NONE").variable("wsdlUrl", null).variable("endpointUrl", bank.url("/raw"))
        .variable("namespace", BankService.NS).execute())
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("SOAP_INVALID_RESPONSE"));
  }
}
