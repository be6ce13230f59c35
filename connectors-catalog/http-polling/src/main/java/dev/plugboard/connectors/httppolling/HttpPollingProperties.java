package dev.plugboard.connectors.httppolling;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.plugboard.connectors.http.support.Authentication;
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
 * The element properties of an HTTP polling activation. Element properties are fixed text (the
 * runtime does not evaluate FEEL in them), except {@code {{secrets.NAME}}} placeholders.
 *
 * @param method GET or POST; GET when not given
 * @param url the absolute URL polled
 * @param headers request headers as JSON object text
 * @param body the request body for POST, sent as written
 * @param authentication how to authenticate; none when not given
 * @param interval the wait between polls: ISO-8601 ({@code PT30S}) or seconds ({@code 30})
 * @param itemsPointer JSON Pointer to a list in the response body; each item becomes one event
 * @param conditionalRequests send the last {@code ETag} / {@code Last-Modified} back
 * @param connectionTimeoutSeconds how long to wait for the connection
 * @param readTimeoutSeconds how long to wait for the complete response
 * @param trustAllCertificates accept any TLS certificate (testing only)
 * @param caCertificatePem extra trusted CA certificates in PEM
 */
@TemplateGroup(id = "endpoint", label = "HTTP endpoint")
@TemplateGroup(id = "authentication", label = "Authentication")
@TemplateGroup(id = "polling", label = "Polling")
@TemplateGroup(id = "connection", label = "Timeouts and TLS")
public record HttpPollingProperties(
    @TemplateProperty(group = "endpoint", label = "Method", defaultValue = "GET")
    Method method,

    @TemplateProperty(group = "endpoint", label = "URL", feel = FeelMode.NONE,
        placeholder = "https://api.example.com/orders?status=new",
        description = "Absolute http:// or https:// URL, polled as written")
    @NotBlank @Pattern(regexp = URL_PATTERN, message = "must be an absolute http:// or https:// URL")
    String url,

    @TemplateProperty(group = "endpoint", label = "Headers", type = PropertyType.TEXT,
        feel = FeelMode.NONE,
        description = "Request headers as JSON object text, for example"
            + " {\"Accept\": \"application/json\"}")
    @JsonDeserialize(using = MapOrJsonText.class) Map<String, Object> headers,

    @TemplateProperty(group = "endpoint", label = "Body", type = PropertyType.TEXT,
        feel = FeelMode.NONE, conditionProperty = "method", conditionEquals = "POST",
        description = "Sent as written; Content-Type application/json unless the headers say"
            + " otherwise")
    String body,

    @TemplateProperty(group = "authentication", label = "Authentication type")
    @Valid Authentication authentication,

    @TemplateProperty(group = "polling", label = "Interval", defaultValue = "PT30S",
        feel = FeelMode.NONE,
        description = "Wait between polls: an ISO-8601 duration (PT30S, PT5M) or seconds (30);"
            + " at least 1 second")
    @Pattern(regexp = INTERVAL_PATTERN, message = "must be an ISO-8601 duration such as PT30S,"
        + " or a number of seconds")
    String interval,

    @TemplateProperty(group = "polling", label = "Items (JSON Pointer)", feel = FeelMode.NONE,
        placeholder = "/orders",
        description = "Where the list of items is in the JSON response body, for example /orders"
            + " or /data/items; each item becomes one event (item in the expressions). Leave"
            + " empty to make the whole response one event.")
    String itemsPointer,

    @TemplateProperty(group = "polling", label = "Conditional requests (ETag)",
        defaultValue = "true",
        description = "Send the last ETag as If-None-Match (and Last-Modified as"
            + " If-Modified-Since); a 304 Not Modified answer emits nothing")
    Boolean conditionalRequests,

    @TemplateProperty(group = "connection", label = "Connection timeout (seconds)",
        defaultValue = "10")
    @Min(1) @Max(60) Integer connectionTimeoutSeconds,

    @TemplateProperty(group = "connection", label = "Read timeout (seconds)", defaultValue = "30",
        description = "The longest wait for the complete response; a slower answer counts as a"
            + " failed poll")
    @Min(1) @Max(240) Integer readTimeoutSeconds,

    @TemplateProperty(group = "connection", label = "Trust all certificates",
        defaultValue = "false",
        description = "Turns off TLS certificate and host name checks. Testing only; logged as a"
            + " warning.")
    Boolean trustAllCertificates,

    @TemplateProperty(group = "connection", label = "CA certificate (PEM)", type = PropertyType.TEXT,
        feel = FeelMode.NONE,
        description = "Extra trusted CA certificates for servers with a private CA"
            + " (-----BEGIN CERTIFICATE----- blocks)")
    String caCertificatePem) {

  /** An http(s) URL, or a secret placeholder that resolves to one (checked again after). */
  static final String URL_PATTERN = "^(\\{\\{|[hH][tT][tT][pP][sS]?://[^\\s/?#]).*";
  /** Seconds, or an ISO-8601 duration. */
  static final String INTERVAL_PATTERN = "^\\s*([0-9]+|[pP][0-9dDtThHmMsS.,]+)\\s*$";

  /** The HTTP methods a poll may use. */
  public enum Method {
    /** GET. */ @TemplateProperty(label = "GET") GET,
    /** POST, for query APIs that take a body (search endpoints, GraphQL). */
    @TemplateProperty(label = "POST") POST
  }

  @Override
  public String toString() {
    // The URL may carry a key in its query string, the headers a token: neither is printed.
    return "HttpPollingProperties[method=" + method + ", interval=" + interval + ", itemsPointer="
        + itemsPointer + ", authentication=" + authentication + "]";
  }
}
