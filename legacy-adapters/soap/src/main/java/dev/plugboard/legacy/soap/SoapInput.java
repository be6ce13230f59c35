package dev.plugboard.legacy.soap;

import dev.plugboard.sdk.FeelMode;
import dev.plugboard.sdk.PropertyType;
import dev.plugboard.sdk.Secret;
import dev.plugboard.sdk.TemplateGroup;
import dev.plugboard.sdk.TemplateProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Map;

/**
 * Input of the SOAP connector.
 *
 * @param wsdlUrl a WSDL (http(s) URL, or {@code classpath:} for one bundled in a plugin) that tells
 *     endpoint, SOAP version, action and request element of {@code operation}
 * @param endpointUrl the service URL; overrides the WSDL's address
 * @param operation the operation name (with a WSDL), or the request element's local name
 * @param namespace the request element's namespace (without a WSDL)
 * @param soapAction the SOAP action; overrides the WSDL's
 * @param soapVersion SOAP 1.1 or 1.2 (without a WSDL; default 1.1)
 * @param parameters the request element's children, nested contexts become nested elements
 * @param envelope a complete raw envelope to send instead (then operation/parameters are unused)
 * @param username WS-Security user
 * @param password WS-Security password (a secret)
 * @param passwordType NONE, TEXT or DIGEST
 * @param httpHeaders extra HTTP headers (e.g. Authorization with a secret)
 * @param faultHandling what a SOAP fault becomes
 * @param timeoutSeconds connect and response timeout
 */
@TemplateGroup(id = "service", label = "Service")
@TemplateGroup(id = "request", label = "Request")
@TemplateGroup(id = "security", label = "WS-Security")
@TemplateGroup(id = "advanced", label = "Advanced")
public record SoapInput(
    @TemplateProperty(group = "service", label = "WSDL URL", placeholder = "https://erp.example.com/ws/Orders?wsdl",
        description = "Optional: gives endpoint, SOAP version, action and request element of the operation")
    String wsdlUrl,

    @TemplateProperty(group = "service", label = "Endpoint URL", placeholder = "https://erp.example.com/ws/Orders",
        description = "Overrides the WSDL's address; required without a WSDL")
    String endpointUrl,

    @TemplateProperty(group = "request", label = "Operation", placeholder = "GetOrderStatus")
    String operation,

    @TemplateProperty(group = "request", label = "Namespace", placeholder = "http://example.com/orders",
        description = "The request element's namespace, when there is no WSDL")
    String namespace,

    @TemplateProperty(group = "request", label = "SOAP action", description = "Overrides the WSDL's")
    String soapAction,

    @TemplateProperty(group = "request", label = "SOAP version", defaultValue = "SOAP_11",
        description = "When there is no WSDL")
    SoapVersion soapVersion,

    @TemplateProperty(group = "request", label = "Parameters", feel = FeelMode.REQUIRED,
        description = "The request element's children, e.g. {orderId: \"A-17\", customer: {id: 4}}")
    Map<String, Object> parameters,

    @TemplateProperty(group = "request", label = "Raw envelope", type = PropertyType.TEXT, feel = FeelMode.OPTIONAL,
        description = "A complete SOAP envelope to send as is (WS-Security is still added)")
    String envelope,

    @TemplateProperty(group = "security", label = "Password type", defaultValue = "NONE")
    PasswordType passwordType,

    @TemplateProperty(group = "security", label = "User", conditionProperty = "passwordType",
        conditionEquals = {"TEXT", "DIGEST"})
    String username,

    @TemplateProperty(group = "security", label = "Password", conditionProperty = "passwordType",
        conditionEquals = {"TEXT", "DIGEST"}, description = "Use a secret: {{secrets.ERP_WS_PASSWORD}}")
    @Secret String password,

    @TemplateProperty(group = "advanced", label = "HTTP headers", feel = FeelMode.REQUIRED)
    Map<String, String> httpHeaders,

    @TemplateProperty(group = "advanced", label = "SOAP faults become", defaultValue = "BPMN_ERROR")
    FaultHandling faultHandling,

    @TemplateProperty(group = "advanced", label = "Timeout (seconds)", defaultValue = "30")
    @Min(1) @Max(600) Integer timeoutSeconds) {

  /** Applies defaults. */
  public SoapInput {
    parameters = parameters == null ? Map.of() : parameters;
    passwordType = passwordType == null ? PasswordType.NONE : passwordType;
    httpHeaders = httpHeaders == null ? Map.of() : httpHeaders;
    faultHandling = faultHandling == null ? FaultHandling.BPMN_ERROR : faultHandling;
    timeoutSeconds = timeoutSeconds == null ? 30 : timeoutSeconds;
  }

  @Override
  public String toString() {
    return "SoapInput[wsdl=" + wsdlUrl + ", endpoint=" + endpointUrl + ", operation=" + operation
        + ", user=" + username + ", passwordType=" + passwordType + "]";
  }
}
