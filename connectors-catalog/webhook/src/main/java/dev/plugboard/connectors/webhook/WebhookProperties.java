package dev.plugboard.connectors.webhook;

import dev.plugboard.sdk.Secret;
import dev.plugboard.sdk.TemplateGroup;
import dev.plugboard.sdk.TemplateProperty;

/**
 * The element properties of a webhook. The path is the template's {@code inbound.path}.
 *
 * @param auth how requests authenticate
 * @param username user name (BASIC)
 * @param password password (BASIC)
 * @param apiKey the expected key (API_KEY)
 * @param apiKeyHeader the header carrying it (API_KEY)
 * @param jwtSecret shared secret for HS256 tokens (JWT)
 * @param jwksUrl JWKS URL for RS256 tokens (JWT)
 * @param jwtIssuer expected {@code iss}, optional (JWT)
 * @param jwtAudience expected {@code aud}, optional (JWT)
 * @param hmacSecret shared secret (HMAC)
 * @param hmacHeader header with the signature (HMAC)
 * @param hmacAlgorithm signature algorithm (HMAC)
 */
@TemplateGroup(id = "authentication", label = "Authentication")
public record WebhookProperties(
    @TemplateProperty(group = "authentication", label = "Authentication",
        defaultValue = "NONE") AuthType auth,
    @TemplateProperty(group = "authentication", label = "User name",
        conditionProperty = "auth", conditionEquals = "BASIC") String username,
    @Secret @TemplateProperty(group = "authentication", label = "Password",
        conditionProperty = "auth", conditionEquals = "BASIC") String password,
    @Secret @TemplateProperty(group = "authentication", label = "API key",
        conditionProperty = "auth", conditionEquals = "API_KEY") String apiKey,
    @TemplateProperty(group = "authentication", label = "API key header",
        defaultValue = "X-API-Key", conditionProperty = "auth", conditionEquals = "API_KEY")
    String apiKeyHeader,
    @Secret @TemplateProperty(group = "authentication", label = "JWT secret (HS256)",
        conditionProperty = "auth", conditionEquals = "JWT") String jwtSecret,
    @TemplateProperty(group = "authentication", label = "JWKS URL (RS256)",
        conditionProperty = "auth", conditionEquals = "JWT") String jwksUrl,
    @TemplateProperty(group = "authentication", label = "Expected issuer",
        conditionProperty = "auth", conditionEquals = "JWT") String jwtIssuer,
    @TemplateProperty(group = "authentication", label = "Expected audience",
        conditionProperty = "auth", conditionEquals = "JWT") String jwtAudience,
    @Secret @TemplateProperty(group = "authentication", label = "HMAC secret",
        conditionProperty = "auth", conditionEquals = "HMAC") String hmacSecret,
    @TemplateProperty(group = "authentication", label = "Signature header",
        defaultValue = "X-Signature-256", conditionProperty = "auth", conditionEquals = "HMAC")
    String hmacHeader,
    @TemplateProperty(group = "authentication", label = "HMAC algorithm",
        defaultValue = "SHA_256", conditionProperty = "auth", conditionEquals = "HMAC")
    HmacAlgorithm hmacAlgorithm) {

  /** Fills defaults for properties the element leaves empty. */
  public WebhookProperties {
    auth = auth == null ? AuthType.NONE : auth;
    apiKeyHeader = apiKeyHeader == null || apiKeyHeader.isBlank() ? "X-API-Key" : apiKeyHeader;
    hmacHeader = hmacHeader == null || hmacHeader.isBlank() ? "X-Signature-256" : hmacHeader;
    hmacAlgorithm = hmacAlgorithm == null ? HmacAlgorithm.SHA_256 : hmacAlgorithm;
  }

  @Override
  public String toString() {
    return "WebhookProperties[auth=" + auth + ", username=" + username + ", apiKeyHeader="
        + apiKeyHeader + ", jwksUrl=" + jwksUrl + ", hmacHeader=" + hmacHeader + "]";
  }
}
