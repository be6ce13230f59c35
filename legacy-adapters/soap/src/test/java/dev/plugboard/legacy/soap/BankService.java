package dev.plugboard.legacy.soap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A small SOAP service on the JDK's HTTP server: GetBalance over SOAP 1.1 (/bank11) and 1.2
 * (/bank12), WSDLs at ?wsdl, WS-Security UsernameToken checked (PasswordText and PasswordDigest).
 */
final class BankService implements AutoCloseable {

  static final String NS = "http://bank.example.com/ws";
  static final String USER = "clerk";
  static final String PASSWORD = "p@ss-word";

  private final HttpServer server;
  final Map<String, String> lastHeaders = new ConcurrentHashMap<>();
  volatile String lastPasswordType;
  volatile String raw;

  BankService() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/bank11", ex -> handle(ex, SoapVersion.SOAP_11));
    server.createContext("/bank12", ex -> handle(ex, SoapVersion.SOAP_12));
    server.createContext("/raw", ex -> respond(ex, 200, "text/xml", raw));
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private void handle(HttpExchange ex, SoapVersion version) throws IOException {
    if ("GET".equals(ex.getRequestMethod())) {
      respond(ex, 200, "text/xml", wsdl(version, url(version == SoapVersion.SOAP_11 ? "/bank11" : "/bank12")));
      return;
    }
    lastHeaders.clear();
    ex.getRequestHeaders().forEach((k, v) -> lastHeaders.put(k.toLowerCase(), v.get(0)));
    String ct = version == SoapVersion.SOAP_11 ? "text/xml; charset=utf-8" : "application/soap+xml; charset=utf-8";
    try {
      Document doc = Xml.parse(ex.getRequestBody().readAllBytes());
      Element env = doc.getDocumentElement();
      if (!version.namespace().equals(env.getNamespaceURI())) {
        respond(ex, 500, ct, fault(version, "VersionMismatch", "wrong envelope namespace", null));
        return;
      }
      if (!authenticated(env)) {
        respond(ex, 500, ct, fault(version, "wsse:FailedAuthentication", "The security token could not be authenticated", null));
        return;
      }
      Element body = Xml.child(env, version.namespace(), "Body");
      Element op = Xml.children(body).get(0);
      String account = Xml.child(op, NS, "accountId").getTextContent();
      if (account.equals("000")) {
        respond(ex, 500, ct, fault(version, "tns:AccountUnknown", "No account 000",
            "<tns:AccountFault xmlns:tns=\"" + NS + "\"><tns:accountId>000</tns:accountId></tns:AccountFault>"));
        return;
      }
      respond(ex, 200, ct, envelope(version, "<tns:GetBalanceResponse xmlns:tns=\"" + NS + "\">"
          + "<tns:accountId>" + account + "</tns:accountId><tns:balance currency=\"EUR\">1234.50</tns:balance>"
          + "<tns:entry>opening</tns:entry><tns:entry>interest</tns:entry></tns:GetBalanceResponse>"));
    } catch (Exception e) {
      respond(ex, 500, ct, fault(version, version == SoapVersion.SOAP_11 ? "soap:Server" : "soap:Receiver", e.toString(), null));
    }
  }

  private boolean authenticated(Element env) {
    Element header = Xml.child(env, env.getNamespaceURI(), "Header");
    Element security = header == null ? null : Xml.child(header, WsSecurity.WSSE, "Security");
    Element token = security == null ? null : Xml.child(security, WsSecurity.WSSE, "UsernameToken");
    if (token == null) {
      return false;
    }
    String user = Xml.child(token, WsSecurity.WSSE, "Username").getTextContent();
    Element pw = Xml.child(token, WsSecurity.WSSE, "Password");
    lastPasswordType = pw.getAttribute("Type");
    if (WsSecurity.DIGEST.equals(lastPasswordType)) {
      byte[] nonce = Base64.getDecoder().decode(Xml.child(token, WsSecurity.WSSE, "Nonce").getTextContent());
      String created = Xml.child(token, WsSecurity.WSU, "Created").getTextContent();
      return USER.equals(user) && WsSecurity.digest(nonce, created, PASSWORD).equals(pw.getTextContent());
    }
    return USER.equals(user) && PASSWORD.equals(pw.getTextContent());
  }

  private static String envelope(SoapVersion v, String body) {
    return "<soap:Envelope xmlns:soap=\"" + v.namespace() + "\"><soap:Body>" + body + "</soap:Body></soap:Envelope>";
  }

  private static String fault(SoapVersion v, String code, String reason, String detail) {
    String wsse = "xmlns:wsse=\"" + WsSecurity.WSSE + "\" xmlns:tns=\"" + NS + "\"";
    if (v == SoapVersion.SOAP_11) {
      return envelope(v, "<soap:Fault " + wsse + "><faultcode>" + code + "</faultcode><faultstring>" + reason
          + "</faultstring>" + (detail == null ? "" : "<detail>" + detail + "</detail>") + "</soap:Fault>");
    }
    return envelope(v, "<soap:Fault " + wsse + "><soap:Code><soap:Value>soap:Sender</soap:Value><soap:Subcode><soap:Value>"
        + code + "</soap:Value></soap:Subcode></soap:Code><soap:Reason><soap:Text xml:lang=\"en\">" + reason
        + "</soap:Text></soap:Reason>" + (detail == null ? "" : "<soap:Detail>" + detail + "</soap:Detail>") + "</soap:Fault>");
  }

  static String wsdl(SoapVersion v, String address) {
    String soap = v == SoapVersion.SOAP_11 ? "http://schemas.xmlsoap.org/wsdl/soap/" : "http://schemas.xmlsoap.org/wsdl/soap12/";
    return "<?xml version=\"1.0\"?><wsdl:definitions xmlns:wsdl=\"http://schemas.xmlsoap.org/wsdl/\""
        + " xmlns:soap=\"" + soap + "\" xmlns:tns=\"" + NS + "\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\""
        + " targetNamespace=\"" + NS + "\">"
        + "<wsdl:types><xs:schema targetNamespace=\"" + NS + "\" elementFormDefault=\"qualified\">"
        + "<xs:element name=\"GetBalance\"><xs:complexType><xs:sequence><xs:element name=\"accountId\" type=\"xs:string\"/>"
        + "</xs:sequence></xs:complexType></xs:element></xs:schema></wsdl:types>"
        + "<wsdl:message name=\"GetBalanceRequest\"><wsdl:part name=\"parameters\" element=\"tns:GetBalance\"/></wsdl:message>"
        + "<wsdl:message name=\"GetBalanceResponse\"><wsdl:part name=\"parameters\" element=\"tns:GetBalanceResponse\"/></wsdl:message>"
        + "<wsdl:portType name=\"BankPort\"><wsdl:operation name=\"GetBalance\"><wsdl:input message=\"tns:GetBalanceRequest\"/>"
        + "<wsdl:output message=\"tns:GetBalanceResponse\"/></wsdl:operation></wsdl:portType>"
        + "<wsdl:binding name=\"BankBinding\" type=\"tns:BankPort\"><soap:binding style=\"document\""
        + " transport=\"http://schemas.xmlsoap.org/soap/http\"/><wsdl:operation name=\"GetBalance\">"
        + "<soap:operation soapAction=\"urn:bank:GetBalance\"/><wsdl:input><soap:body use=\"literal\"/></wsdl:input>"
        + "<wsdl:output><soap:body use=\"literal\"/></wsdl:output></wsdl:operation></wsdl:binding>"
        + "<wsdl:service name=\"Bank\"><wsdl:port name=\"BankPort\" binding=\"tns:BankBinding\">"
        + "<soap:address location=\"" + address + "\"/></wsdl:port></wsdl:service></wsdl:definitions>";
  }

  private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
