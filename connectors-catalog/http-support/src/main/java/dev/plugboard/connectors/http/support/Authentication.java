package dev.plugboard.connectors.http.support;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.plugboard.sdk.FeelMode;
import dev.plugboard.sdk.Secret;
import dev.plugboard.sdk.TemplateProperty;
import dev.plugboard.sdk.TemplateSubType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * How an HTTP request authenticates: the {@code authentication} input of the HTTP and GraphQL
 * connectors.
 *
 * <p>The discriminator {@code type} selects the case ({@code none}, {@code basic},
 * {@code bearer}, {@code apiKey}, {@code oauth2ClientCredentials}); the element template shows it
 * as a dropdown and each case's fields only when that case is chosen. Credentials are meant to be
 * {@code {{secrets.NAME}}} placeholders; their values never appear in logs or error messages.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
public sealed interface Authentication {

  /** No authentication. */
  @TemplateSubType(value = "none", label = "None")
  record None() implements Authentication {}

  /**
   * HTTP Basic authentication (RFC 7617).
   *
   * @param username the user name
   * @param password the password
   */
  @TemplateSubType(value = "basic", label = "Basic")
  record Basic(
      @TemplateProperty(label = "Username", feel = FeelMode.OPTIONAL)
      @NotBlank String username,
      @TemplateProperty(label = "Password", feel = FeelMode.OPTIONAL,
          description = "Use a secret: {{secrets.MY_PASSWORD}}")
      @Secret @NotBlank String password) implements Authentication {

    @Override
    public String toString() {
      return "Basic[username=" + username + ", password=***]";
    }
  }

  /**
   * A bearer token sent as {@code Authorization: Bearer <token>} (RFC 6750).
   *
   * @param token the token
   */
  @TemplateSubType(value = "bearer", label = "Bearer token")
  record Bearer(
      @TemplateProperty(label = "Bearer token", feel = FeelMode.OPTIONAL,
          description = "Use a secret: {{secrets.MY_TOKEN}}")
      @Secret @NotBlank String token) implements Authentication {

    @Override
    public String toString() {
      return "Bearer[token=***]";
    }
  }

  /**
   * An API key in a request header or a query parameter.
   *
   * @param location where the key goes
   * @param name the header or query parameter name, for example {@code X-API-Key}
   * @param value the key
   */
  @TemplateSubType(value = "apiKey", label = "API key")
  record ApiKey(
      @TemplateProperty(label = "API key location", defaultValue = "HEADER")
      ApiKeyLocation location,
      @TemplateProperty(label = "API key name", feel = FeelMode.OPTIONAL,
          placeholder = "X-API-Key",
          description = "The header or query parameter that carries the key")
      @NotBlank String name,
      @TemplateProperty(label = "API key value", feel = FeelMode.OPTIONAL,
          description = "Use a secret: {{secrets.MY_API_KEY}}")
      @Secret @NotBlank String value) implements Authentication {

    /** Where an API key goes. */
    public enum ApiKeyLocation {
      /** In a request header. */
      @TemplateProperty(label = "Header") HEADER,
      /** In a query parameter. */
      @TemplateProperty(label = "Query parameter") QUERY;

      /**
       * Reads a value in any letter case, as a FEEL expression or a hand-written variable gives it.
       *
       * @param value the name
       * @return the constant, {@code null} for a blank value
       */
      @JsonCreator
      public static ApiKeyLocation of(String value) {
        if (value == null || value.isBlank()) {
          return null; // an empty template field: the default applies
        }
        for (ApiKeyLocation c : values()) {
          if (c.name().equalsIgnoreCase(value.trim())) {
            return c;
          }
        }
        throw new IllegalArgumentException("'" + value + "' is not one of "
            + java.util.Arrays.toString(values()));
      }
    }

    /**
     * The location, {@link ApiKeyLocation#HEADER} when none was given.
     *
     * @return the location
     */
    public ApiKeyLocation effectiveLocation() {
      return location == null ? ApiKeyLocation.HEADER : location;
    }

    @Override
    public String toString() {
      return "ApiKey[location=" + effectiveLocation() + ", name=" + name + ", value=***]";
    }
  }

  /**
   * OAuth 2.0 client credentials grant (RFC 6749 section 4.4): the connector fetches an access
   * token from {@code tokenUrl}, caches it until shortly before it expires, and sends it as a
   * bearer token.
   *
   * @param tokenUrl the token endpoint
   * @param clientId the client id
   * @param clientSecret the client secret
   * @param scopes space-separated scopes, may be empty
   * @param audience the {@code audience} parameter some servers need (Auth0, Camunda), may be empty
   * @param clientAuthentication how the client credentials reach the token endpoint
   */
  @TemplateSubType(value = "oauth2ClientCredentials", label = "OAuth 2.0 client credentials")
  record OAuth2ClientCredentials(
      @TemplateProperty(label = "Token URL", feel = FeelMode.OPTIONAL,
          placeholder = "https://auth.example.com/oauth/token",
          description = "The OAuth 2.0 token endpoint")
      @NotBlank @Pattern(regexp = Endpoints.URL_PATTERN, message = "must be an http:// or https:// URL")
      String tokenUrl,
      @TemplateProperty(label = "Client ID", feel = FeelMode.OPTIONAL)
      @NotBlank String clientId,
      @TemplateProperty(label = "Client secret", feel = FeelMode.OPTIONAL,
          description = "Use a secret: {{secrets.MY_CLIENT_SECRET}}")
      @Secret @NotBlank String clientSecret,
      @TemplateProperty(label = "Scopes", feel = FeelMode.OPTIONAL,
          description = "Space-separated; leave empty for the server's default")
      String scopes,
      @TemplateProperty(label = "Audience", feel = FeelMode.OPTIONAL,
          description = "Only for servers that require an audience parameter")
      String audience,
      @TemplateProperty(label = "Client authentication", defaultValue = "BASIC_HEADER")
      ClientAuthentication clientAuthentication) implements Authentication {

    /** How the client id and secret are sent to the token endpoint. */
    public enum ClientAuthentication {
      /** As an HTTP Basic Authorization header ({@code client_secret_basic}). */
      @TemplateProperty(label = "Basic auth header") BASIC_HEADER,
      /** As form parameters in the request body ({@code client_secret_post}). */
      @TemplateProperty(label = "Credentials in body") REQUEST_BODY;

      /**
       * Reads a value in any letter case, as a FEEL expression or a hand-written variable gives it.
       *
       * @param value the name
       * @return the constant, {@code null} for a blank value
       */
      @JsonCreator
      public static ClientAuthentication of(String value) {
        if (value == null || value.isBlank()) {
          return null; // an empty template field: the default applies
        }
        for (ClientAuthentication c : values()) {
          if (c.name().equalsIgnoreCase(value.trim())) {
            return c;
          }
        }
        throw new IllegalArgumentException("'" + value + "' is not one of "
            + java.util.Arrays.toString(values()));
      }
    }

    /**
     * The client authentication, {@link ClientAuthentication#BASIC_HEADER} when none was given.
     *
     * @return the client authentication
     */
    public ClientAuthentication effectiveClientAuthentication() {
      return clientAuthentication == null ? ClientAuthentication.BASIC_HEADER : clientAuthentication;
    }

    @Override
    public String toString() {
      return "OAuth2ClientCredentials[tokenUrl=" + tokenUrl + ", clientId=" + clientId
          + ", clientSecret=***, scopes=" + scopes + ", audience=" + audience + "]";
    }
  }
}
