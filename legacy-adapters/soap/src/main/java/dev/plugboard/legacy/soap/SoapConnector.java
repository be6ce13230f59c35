package dev.plugboard.legacy.soap;

import dev.plugboard.sdk.BpmnError;
import dev.plugboard.sdk.Connector;
import dev.plugboard.sdk.ConnectorContext;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.OutboundConnector;
import dev.plugboard.sdk.RetryableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * Calls a SOAP 1.1 or 1.2 operation, described by a WSDL or by namespace and operation name, or
 * sends a raw envelope; adds a WS-Security UsernameToken (PasswordText or PasswordDigest).
 *
 * <p>The JDK's DOM and HTTP client rather than camel-cxf or SAAJ: a connector needs to build one
 * request element from a JSON context, add one header and read a body or a fault; Apache CXF
 * would bring tens of megabytes and its own bus and class loading, and SAAJ's factory lookup
 * works through the context class loader, which a hot-loaded plugin must avoid.
 *
 * <p>SOAP faults become a {@link BpmnError} whose code is the fault code's local name (SOAP 1.2:
 * the innermost subcode), with variables {@code faultCode}, {@code faultString} and
 * {@code detail}; or, with {@code faultHandling: INCIDENT}, a failure with code
 * {@code SOAP_FAULT}. WS-Security authentication faults are always {@code SOAP_AUTH_FAILED}.
 * Other codes: {@code SOAP_UNAVAILABLE} and {@code SOAP_TIMEOUT} (retryable),
 * {@code SOAP_HTTP_ERROR} (retryable for 5xx), {@code SOAP_INVALID_RESPONSE},
 * {@code INVALID_INPUT}.
 */
@Connector(type = "plugboard:soap:1", name = "SOAP web service",
    description = "Call a SOAP 1.1/1.2 operation (from a WSDL or a raw envelope) with optional WS-Security.",
    category = "Legacy", icon = "icons/soap.svg",
    keywords = {"soap", "wsdl", "web service", "ws-security", "xml", "erp", "sap"},
    timeout = "PT120S")
public class SoapConnector implements OutboundConnector<SoapInput, SoapResult> {

  private static final Set<String> AUTH_FAULTS =
      Set.of("FailedAuthentication", "InvalidSecurityToken", "InvalidSecurity", "FailedCheck");

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
  private final Map<String, Wsdl> wsdls = new ConcurrentHashMap<>();

  /** For the runtime. */
  public SoapConnector() {}

  @Override
  public SoapResult execute(SoapInput in, ConnectorContext context) throws InterruptedException {
    Wsdl wsdl = in.wsdlUrl() == null || in.wsdlUrl().isBlank() ? null : wsdl(in);
    SoapVersion version = wsdl != null ? wsdl.version() : in.soapVersion() == null ? SoapVersion.SOAP_11 : in.soapVersion();
    String endpoint = in.endpointUrl() != null && !in.endpointUrl().isBlank() ? in.endpointUrl()
        : wsdl != null ? wsdl.endpoint() : null;
    if (endpoint == null || endpoint.isBlank()) {
      throw new ConnectorException("INVALID_INPUT", "No endpoint: give 'endpointUrl' or a WSDL whose service has an address.");
    }
    String action = in.soapAction() != null ? in.soapAction() : wsdl != null ? wsdl.soapAction() : "";
    Document request = request(in, wsdl, version);
    if (in.passwordType() != PasswordType.NONE) {
      if (in.username() == null || in.username().isBlank()) {
        throw new ConnectorException("INVALID_INPUT", "WS-Security " + in.passwordType() + " needs 'username'.");
      }
      WsSecurity.addUsernameToken(request, version, in.username(), in.password(), in.passwordType());
    }
    byte[] payload = Xml.toString(request, true).getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder http = HttpRequest.newBuilder(uri(endpoint, "endpointUrl"))
        .timeout(Duration.ofSeconds(in.timeoutSeconds()))
        .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
    if (version == SoapVersion.SOAP_11) {
      http.header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"" + action + "\"");
    } else {
      http.header("Content-Type", "application/soap+xml; charset=utf-8"
          + (action.isEmpty() ? "" : "; action=\"" + action + "\""));
    }
    in.httpHeaders().forEach(http::header);
    long started = System.nanoTime();
    HttpResponse<byte[]> response = send(http.build(), endpoint);
    context.logger().info("event=soap_call endpoint={} action={} status={} durationMs={}",
        endpoint, action, response.statusCode(), (System.nanoTime() - started) / 1_000_000);
    return read(response, in, endpoint);
  }

  private Document request(SoapInput in, Wsdl wsdl, SoapVersion version) {
    if (in.envelope() != null && !in.envelope().isBlank()) {
      try {
        Document doc = Xml.parse(in.envelope().getBytes(StandardCharsets.UTF_8));
        String ns = doc.getDocumentElement().getNamespaceURI();
        if (!"Envelope".equals(doc.getDocumentElement().getLocalName())
            || !(SoapVersion.SOAP_11.namespace().equals(ns) || SoapVersion.SOAP_12.namespace().equals(ns))) {
          throw new ConnectorException("INVALID_INPUT", "'envelope' is not a SOAP envelope (root element "
              + doc.getDocumentElement().getNodeName() + ").");
        }
        return doc;
      } catch (SAXException | IOException e) {
        throw new ConnectorException("INVALID_INPUT", "'envelope' is not well-formed XML: " + e.getMessage());
      }
    }
    String element = wsdl != null ? wsdl.requestElement() : in.operation();
    String namespace = wsdl != null ? wsdl.requestNamespace() : in.namespace();
    if (element == null || element.isBlank()) {
      throw new ConnectorException("INVALID_INPUT", "Give 'operation' (and a WSDL or 'namespace'), or a raw 'envelope'.");
    }
    Document doc = Xml.newDocument();
    Element envelope = doc.createElementNS(version.namespace(), "soap:Envelope");
    doc.appendChild(envelope);
    Element body = doc.createElementNS(version.namespace(), "soap:Body");
    envelope.appendChild(body);
    String ns = namespace == null || namespace.isBlank() ? null : namespace;
    Xml.append(doc, body, ns, ns == null ? null : "m", element, in.parameters());
    return doc;
  }

  private Wsdl wsdl(SoapInput in) {
    if (in.operation() == null || in.operation().isBlank()) {
      throw new ConnectorException("INVALID_INPUT", "With a WSDL, 'operation' names the operation to call.");
    }
    String key = in.wsdlUrl() + "#" + in.operation();
    Wsdl cached = wsdls.get(key);
    if (cached != null) {
      return cached;
    }
    byte[] bytes = fetchWsdl(in);
    try {
      Wsdl wsdl = Wsdl.read(Xml.parse(bytes), in.operation(), in.wsdlUrl());
      if (wsdls.size() < 256) {
        wsdls.put(key, wsdl);
      }
      return wsdl;
    } catch (SAXException | IOException e) {
      throw new ConnectorException("INVALID_INPUT", "The WSDL " + in.wsdlUrl() + " is not well-formed XML: " + e.getMessage());
    }
  }

  private byte[] fetchWsdl(SoapInput in) {
    String url = in.wsdlUrl();
    if (url.startsWith("classpath:")) {
      try (InputStream s = SoapConnector.class.getClassLoader().getResourceAsStream(url.substring(10).replaceFirst("^/", ""))) {
        if (s == null) {
          throw new ConnectorException("INVALID_INPUT", "The bundled WSDL " + url + " is not in the plugin.");
        }
        return s.readAllBytes();
      } catch (IOException e) {
        throw new ConnectorException("INVALID_INPUT", "Cannot read the bundled WSDL " + url + ": " + e.getMessage());
      }
    }
    HttpRequest.Builder get = HttpRequest.newBuilder(uri(url, "wsdlUrl")).timeout(Duration.ofSeconds(in.timeoutSeconds())).GET();
    in.httpHeaders().forEach(get::header);
    try {
      HttpResponse<byte[]> r = send(get.build(), url);
      if (r.statusCode() != 200) {
        throw new ConnectorException("INVALID_INPUT", "The WSDL " + url + " answered HTTP " + r.statusCode() + ".");
      }
      return r.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableException("SOAP_UNAVAILABLE", "Interrupted while fetching the WSDL " + url, null, e);
    }
  }

  private HttpResponse<byte[]> send(HttpRequest request, String where) throws InterruptedException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw new RetryableException("SOAP_UNAVAILABLE", "Cannot connect to " + where + ": " + e
          + ". Check the URL and that the service runs.", null, e);
    } catch (HttpTimeoutException e) {
      throw new RetryableException("SOAP_TIMEOUT", where + " did not answer within " + request.timeout().map(Duration::toSeconds).orElse(0L)
          + " s.", null, e);
    } catch (IOException e) {
      throw new RetryableException("SOAP_UNAVAILABLE", "The call to " + where + " failed: " + e, null, e);
    }
  }

  private SoapResult read(HttpResponse<byte[]> response, SoapInput in, String endpoint) {
    int status = response.statusCode();
    Document doc = null;
    if (response.body().length > 0) {
      try {
        doc = Xml.parse(response.body());
      } catch (SAXException | IOException e) {
        doc = null;
      }
    }
    Element body = null;
    if (doc != null && "Envelope".equals(doc.getDocumentElement().getLocalName())) {
      body = Xml.child(doc.getDocumentElement(), doc.getDocumentElement().getNamespaceURI(), "Body");
    }
    Element first = body == null ? null : Xml.children(body).stream().findFirst().orElse(null);
    if (first != null && "Fault".equals(first.getLocalName())) {
      throw fault(first, in, endpoint);
    }
    if (status == 401 || status == 403) {
      throw new ConnectorException("SOAP_AUTH_FAILED", endpoint + " refused the credentials (HTTP " + status
          + "). Check the user and the password secret.");
    }
    if (status >= 400) {
      String msg = endpoint + " answered HTTP " + status + " without a SOAP fault.";
      throw status >= 500 ? new RetryableException("SOAP_HTTP_ERROR", msg) : new ConnectorException("SOAP_HTTP_ERROR", msg);
    }
    if (body == null) {
      throw new ConnectorException("SOAP_INVALID_RESPONSE", endpoint + " answered HTTP " + status
          + " with something that is not a SOAP envelope. Check the endpoint URL.");
    }
    if (first == null) {
      return new SoapResult(Map.of(), "", status); // one-way operation
    }
    Object value = Xml.toValue(first);
    Map<String, Object> map = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> m) {
      m.forEach((k, v) -> map.put((String) k, v));
    } else {
      map.put("value", value);
    }
    return new SoapResult(map, Xml.toString(first, false), status);
  }

  private RuntimeException fault(Element fault, SoapInput in, String endpoint) {
    String ns = fault.getNamespaceURI();
    String code;
    String reason;
    Element detail;
    if (SoapVersion.SOAP_12.namespace().equals(ns)) {
      Element c = Xml.child(fault, ns, "Code");
      code = c == null ? "Receiver" : text(Xml.child(c, ns, "Value"));
      for (Element sub = c == null ? null : Xml.child(c, ns, "Subcode"); sub != null; sub = Xml.child(sub, ns, "Subcode")) {
        code = text(Xml.child(sub, ns, "Value")); // the innermost subcode is the most specific
      }
      Element r = Xml.child(fault, ns, "Reason");
      reason = r == null ? "" : text(Xml.child(r, ns, "Text"));
      detail = Xml.child(fault, ns, "Detail");
    } else {
      code = text(Xml.child(fault, null, "faultcode"));
      reason = text(Xml.child(fault, null, "faultstring"));
      detail = Xml.child(fault, null, "detail");
    }
    String local = code.contains(":") ? code.substring(code.indexOf(':') + 1) : code;
    String message = "SOAP fault from " + endpoint + ": " + code + ": " + reason;
    if (AUTH_FAULTS.contains(local)) {
      return new ConnectorException("SOAP_AUTH_FAILED", message + ". Check the WS-Security user, password and password type.");
    }
    if (in.faultHandling() == FaultHandling.INCIDENT) {
      return new ConnectorException("SOAP_FAULT", message);
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("faultCode", code);
    variables.put("faultString", reason);
    if (detail != null) {
      List<Element> kids = Xml.children(detail);
      variables.put("detail", kids.size() == 1 ? Map.of(kids.get(0).getLocalName(), Xml.toValue(kids.get(0))) : Xml.toValue(detail));
    }
    return new BpmnError(local.isBlank() ? "SOAP_FAULT" : local, message, variables);
  }

  private static String text(Element e) {
    return e == null ? "" : e.getTextContent().strip();
  }

  private static URI uri(String url, String field) {
    try {
      URI u = URI.create(url.strip());
      if (!"http".equalsIgnoreCase(u.getScheme()) && !"https".equalsIgnoreCase(u.getScheme())) {
        throw new IllegalArgumentException("not http(s)");
      }
      return u;
    } catch (IllegalArgumentException e) {
      throw new ConnectorException("INVALID_INPUT", "'" + field + "' " + url + " is not an http(s) URL.");
    }
  }
}
