package dev.plugboard.connectors.graphql;

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
 * The input of the GraphQL connector ({@code plugboard:graphql:1}): one query or mutation.
 *
 * @param url the GraphQL endpoint
 * @param query the query or mutation document
 * @param variables the operation's variables
 * @param operationName which operation of the document to run, when it holds several
 * @param method POST (default) or GET (queries only, for servers and caches that want GET)
 * @param headers extra request headers
 * @param authentication how to authenticate; none when not given
 * @param connectionTimeoutSeconds how long to wait for the connection; 20 when not given
 * @param readTimeoutSeconds how long to wait for the whole response; 60 when not given
 * @param trustAllCertificates accept any TLS certificate (testing only); false when not given
 * @param caCertificatePem extra trusted CA certificates in PEM, for servers with a private CA
 */
@TemplateGroup(id = "endpoint", label = "GraphQL endpoint")
@TemplateGroup(id = "authentication", label = "Authentication")
@TemplateGroup(id = "operation", label = "Query")
@TemplateGroup(id = "connection", label = "Timeouts and TLS")
public record GraphqlInput(
    @TemplateProperty(group = "endpoint", label = "URL", feel = FeelMode.OPTIONAL,
        placeholder = "https://api.example.com/graphql")
    @NotBlank @Pattern(regexp = Endpoints.URL_PATTERN, message = "must be an absolute http:// or https:// URL")
    String url,

    @TemplateProperty(group = "operation", label = "Query or mutation", type = PropertyType.TEXT,
        feel = FeelMode.OPTIONAL,
        placeholder = "query Order($id: ID!) { order(id: $id) { id status } }",
        description = "The GraphQL document; pass values through variables, not string concatenation")
    @NotBlank String query,

    @TemplateProperty(group = "operation", label = "Variables", feel = FeelMode.REQUIRED,
        description = "The operation's variables, for example ={id: orderId}")
    @JsonDeserialize(using = MapOrJsonText.class) Map<String, Object> variables,

    @TemplateProperty(group = "operation", label = "Operation name", feel = FeelMode.OPTIONAL,
        description = "Only when the document holds several operations")
    String operationName,

    @TemplateProperty(group = "endpoint", label = "Method", defaultValue = "POST")
    Method method,

    @TemplateProperty(group = "endpoint", label = "Headers", feel = FeelMode.REQUIRED,
        description = "Extra request headers, for example ={\"X-Request-Id\": orderId}")
    @JsonDeserialize(using = MapOrJsonText.class) Map<String, Object> headers,

    @TemplateProperty(group = "authentication", label = "Authentication type")
    @Valid Authentication authentication,

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

  /** How the operation is sent. */
  public enum Method {
    /** A JSON body {@code {query, variables, operationName}} (GraphQL over HTTP). */
    @TemplateProperty(label = "POST") POST,
    /** Query string parameters; queries only. */
    @TemplateProperty(label = "GET") GET;

    /**
     * Reads a value in any letter case.
     *
     * @param value the name
     * @return the constant, {@code null} for a blank value
     */
    @JsonCreator
    public static Method of(String value) {
      if (value == null || value.isBlank()) {
        return null; // an empty template field: the default applies
      }
      for (Method m : values()) {
        if (m.name().equalsIgnoreCase(value.trim())) {
          return m;
        }
      }
      throw new IllegalArgumentException("'" + value + "' is not one of POST, GET");
    }
  }
}
