package dev.plugboard.connectors.http;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.plugboard.connectors.http.support.Authentication;
import dev.plugboard.connectors.http.support.Endpoints;
import dev.plugboard.connectors.http.support.MapOrJsonText;
import dev.plugboard.sdk.FeelMode;
import dev.plugboard.sdk.PropertyType;
import dev.plugboard.sdk.TemplateGroup;
import dev.plugboard.sdk.TemplateProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.Map;

/**
 * The input of the HTTP connector ({@code plugboard:http:1}): one request.
 *
 * @param method the HTTP method; GET when not given
 * @param url the absolute URL; {@code {name}} placeholders are filled from {@code pathParameters}
 * @param pathParameters values for {@code {name}} placeholders in the URL, URL-encoded
 * @param queryParameters query parameters appended to the URL (a list value repeats the name)
 * @param headers request headers
 * @param authentication how to authenticate; none when not given
 * @param bodyType how {@code body} is encoded; JSON when not given
 * @param body the request body
 * @param responseFormat how the response body is returned; AUTO when not given
 * @param followRedirects whether 3xx answers are followed; true when not given
 * @param connectionTimeoutSeconds how long to wait for the connection; 20 when not given
 * @param readTimeoutSeconds how long to wait for the whole response; 60 when not given
 * @param trustAllCertificates accept any TLS certificate (testing only); false when not given
 * @param caCertificatePem extra trusted CA certificates in PEM, for servers with a private CA
 */
@TemplateGroup(id = "endpoint", label = "HTTP endpoint")
@TemplateGroup(id = "authentication", label = "Authentication")
@TemplateGroup(id = "payload", label = "Payload")
@TemplateGroup(id = "response", label = "Response")
@TemplateGroup(id = "connection", label = "Timeouts and TLS")
public record HttpInput(
    @TemplateProperty(group = "endpoint", label = "Method", defaultValue = "GET")
    HttpMethod method,

    @TemplateProperty(group = "endpoint", label = "URL", feel = FeelMode.OPTIONAL,
        placeholder = "https://api.example.com/orders/{orderId}",
        description = "Absolute http:// or https:// URL; {name} placeholders are filled from the"
            + " path parameters")
    @NotBlank @Pattern(regexp = Endpoints.URL_PATTERN, message = "must be an absolute http:// or https:// URL")
    String url,

    @TemplateProperty(group = "endpoint", label = "Path parameters", feel = FeelMode.REQUIRED,
        description = "Values for {name} placeholders in the URL, for example"
            + " ={orderId: order.id}; URL-encoded")
    @JsonDeserialize(using = MapOrJsonText.class) Map<String, Object> pathParameters,

    @TemplateProperty(group = "endpoint", label = "Query parameters", feel = FeelMode.REQUIRED,
        description = "Appended to the URL, URL-encoded, for example ={sku: line.sku, limit: 10}")
    @JsonDeserialize(using = MapOrJsonText.class) Map<String, Object> queryParameters,

    @TemplateProperty(group = "endpoint", label = "Headers", feel = FeelMode.REQUIRED,
        description = "Request headers, for example ={\"X-Request-Id\": orderId} (or JSON object text)")
    @JsonDeserialize(using = MapOrJsonText.class) Map<String, Object> headers,

    @TemplateProperty(group = "authentication", label = "Authentication type")
    @Valid Authentication authentication,

    @TemplateProperty(group = "payload", label = "Body type", defaultValue = "JSON",
        conditionProperty = "method", conditionEquals = {"POST", "PUT", "PATCH", "DELETE"})
    BodyType bodyType,

    @TemplateProperty(group = "payload", label = "Body", type = PropertyType.TEXT,
        feel = FeelMode.OPTIONAL,
        conditionProperty = "method", conditionEquals = {"POST", "PUT", "PATCH", "DELETE"},
        description = "JSON: a FEEL context or JSON text. Text: a string. Binary: base64 text or"
            + " a document {content, contentType}. Form: a FEEL context of fields.")
    Object body,

    @TemplateProperty(group = "response", label = "Response format", defaultValue = "AUTO")
    ResponseFormat responseFormat,

    @TemplateProperty(group = "response", label = "Follow redirects", defaultValue = "true")
    Boolean followRedirects,

    @TemplateProperty(group = "connection", label = "Connection timeout (seconds)",
        defaultValue = "20")
    @Min(1) @Max(60) Integer connectionTimeoutSeconds,

    @TemplateProperty(group = "connection", label = "Read timeout (seconds)", defaultValue = "60",
        description = "The longest wait for the complete response")
    @Min(1) @Max(240) Integer readTimeoutSeconds,

    @TemplateProperty(group = "connection", label = "Trust all certificates",
        defaultValue = "false",
        description = "Turns off TLS certificate and host name checks. Testing only; logged as a"
            + " warning.")
    Boolean trustAllCertificates,

    @TemplateProperty(group = "connection", label = "CA certificate (PEM)", type = PropertyType.TEXT,
        feel = FeelMode.OPTIONAL,
        description = "Extra trusted CA certificates for servers with a private CA"
            + " (-----BEGIN CERTIFICATE----- blocks)")
    String caCertificatePem) {

  /** An HTTP method. */
  public enum HttpMethod {
    /** GET. */ @TemplateProperty(label = "GET") GET,
    /** POST. */ @TemplateProperty(label = "POST") POST,
    /** PUT. */ @TemplateProperty(label = "PUT") PUT,
    /** PATCH. */ @TemplateProperty(label = "PATCH") PATCH,
    /** DELETE. */ @TemplateProperty(label = "DELETE") DELETE,
    /** HEAD. */ @TemplateProperty(label = "HEAD") HEAD,
    /** OPTIONS. */ @TemplateProperty(label = "OPTIONS") OPTIONS;

    /**
     * Reads a value in any letter case, as a FEEL expression or a hand-written variable gives it.
     *
     * @param value the name
     * @return the constant, {@code null} for a blank value
     */
    @JsonCreator
    public static HttpMethod of(String value) {
      if (value == null || value.isBlank()) {
        return null; // an empty template field: the default applies
      }
      for (HttpMethod c : values()) {
        if (c.name().equalsIgnoreCase(value.trim())) {
          return c;
        }
      }
      throw new IllegalArgumentException("'" + value + "' is not one of "
          + java.util.Arrays.toString(values()));
    }
  }

  /** How the request body is encoded. */
  public enum BodyType {
    /** JSON ({@code application/json}). */
    @TemplateProperty(label = "JSON") JSON,
    /** Plain text ({@code text/plain; charset=UTF-8}). */
    @TemplateProperty(label = "Text") TEXT,
    /** Bytes given as base64 ({@code application/octet-stream} unless set). */
    @TemplateProperty(label = "Binary (base64)") BINARY,
    /** An HTML form ({@code application/x-www-form-urlencoded}). */
    @TemplateProperty(label = "Form (URL-encoded)") FORM;

    /**
     * Reads a value in any letter case, as a FEEL expression or a hand-written variable gives it.
     *
     * @param value the name
     * @return the constant, {@code null} for a blank value
     */
    @JsonCreator
    public static BodyType of(String value) {
      if (value == null || value.isBlank()) {
        return null; // an empty template field: the default applies
      }
      for (BodyType c : values()) {
        if (c.name().equalsIgnoreCase(value.trim())) {
          return c;
        }
      }
      throw new IllegalArgumentException("'" + value + "' is not one of "
          + java.util.Arrays.toString(values()));
    }
  }

  /** How the response body is returned. */
  public enum ResponseFormat {
    /** JSON when the server says JSON, text for text types, a document for anything else. */
    @TemplateProperty(label = "Automatic (by Content-Type)") AUTO,
    /** Always parse as JSON; a body that is not JSON fails with INVALID_RESPONSE. */
    @TemplateProperty(label = "JSON") JSON,
    /** The body as a string. */
    @TemplateProperty(label = "Text") TEXT,
    /** The body as a document: base64 content, content type and size. */
    @TemplateProperty(label = "Document (base64)") DOCUMENT;

    /**
     * Reads a value in any letter case, as a FEEL expression or a hand-written variable gives it.
     *
     * @param value the name
     * @return the constant, {@code null} for a blank value
     */
    @JsonCreator
    public static ResponseFormat of(String value) {
      if (value == null || value.isBlank()) {
        return null; // an empty template field: the default applies
      }
      for (ResponseFormat c : values()) {
        if (c.name().equalsIgnoreCase(value.trim())) {
          return c;
        }
      }
      throw new IllegalArgumentException("'" + value + "' is not one of "
          + java.util.Arrays.toString(values()));
    }
  }
}
