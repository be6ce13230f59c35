package dev.plugboard.connectors.github;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.plugboard.sdk.PropertyType;
import dev.plugboard.sdk.Secret;
import dev.plugboard.sdk.TemplateProperty;
import dev.plugboard.sdk.TemplateSubType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * How the connector authenticates to GitHub: a token (personal access token, fine-grained token,
 * or an installation token obtained elsewhere), or as a GitHub App installation.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public sealed interface GitHubAuthentication {

  /**
   * A bearer token.
   *
   * @param token the token
   */
  @TemplateSubType(value = "token", label = "Token")
  record Token(
      @TemplateProperty(group = "authentication", label = "Token",
          description = "Personal access token or fine-grained token",
          placeholder = "{{secrets.GITHUB_TOKEN}}")
      @Secret @NotBlank String token) implements GitHubAuthentication {
    @Override
    public String toString() {
      return "Token[token=***]";
    }
  }

  /**
   * A GitHub App installation: the connector signs a JWT (RS256) with the app's private key,
   * exchanges it for an installation access token and caches that token until shortly before it
   * expires.
   *
   * @param appId the app id (or client id)
   * @param installationId the installation id of the app in the organization or account
   * @param privateKey the app's private key, PEM (PKCS#1 as GitHub issues it, or PKCS#8)
   */
  @TemplateSubType(value = "app", label = "GitHub App")
  record App(
      @TemplateProperty(group = "authentication", label = "App id",
          description = "The app's id or client id")
      @NotBlank String appId,
      @TemplateProperty(group = "authentication", label = "Installation id",
          description = "From the installation URL: .../settings/installations/<id>")
      @NotBlank @Pattern(regexp = "[0-9]+", message = "must be a number") String installationId,
      @TemplateProperty(group = "authentication", label = "Private key (PEM)",
          type = PropertyType.TEXT, placeholder = "{{secrets.GITHUB_APP_KEY}}")
      @Secret @NotBlank String privateKey) implements GitHubAuthentication {
    @Override
    public String toString() {
      return "App[appId=" + appId + ", installationId=" + installationId + ", privateKey=***]";
    }
  }
}
