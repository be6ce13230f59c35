package dev.plugboard.rpa.uipath;

import dev.plugboard.sdk.Secret;
import dev.plugboard.sdk.TemplateGroup;
import dev.plugboard.sdk.TemplateProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;

/**
 * What the modeler fills in to start a UiPath job.
 *
 * @param orchestratorUrl the Orchestrator base URL, such as
 *     {@code https://cloud.uipath.com/acme/DefaultTenant/orchestrator_}
 * @param identityUrl the identity server, such as {@code https://cloud.uipath.com/identity_};
 *     the token endpoint is {@code <identityUrl>/connect/token}
 * @param clientId the external application's client id
 * @param clientSecret the external application's client secret
 * @param scope the OAuth scopes
 * @param folderId the Orchestrator folder (organization unit) id
 * @param releaseKey the process (release) key to start
 * @param inputArguments the job's input arguments
 * @param waitForCompletion whether to wait for the job to end
 * @param timeoutSeconds the longest wait for the job
 * @param pollIntervalMillis how often the job state is read while waiting
 */
@TemplateGroup(id = "orchestrator", label = "Orchestrator")
@TemplateGroup(id = "authentication", label = "Authentication")
@TemplateGroup(id = "job", label = "Job")
public record UiPathInput(
    @NotBlank
    @TemplateProperty(group = "orchestrator", label = "Orchestrator URL",
        placeholder = "https://cloud.uipath.com/acme/DefaultTenant/orchestrator_")
    String orchestratorUrl,
    @NotBlank
    @TemplateProperty(group = "authentication", label = "Identity server URL",
        placeholder = "https://cloud.uipath.com/identity_",
        description = "The token endpoint is <this URL>/connect/token")
    String identityUrl,
    @NotBlank
    @TemplateProperty(group = "authentication", label = "Client id")
    String clientId,
    @NotBlank @Secret
    @TemplateProperty(group = "authentication", label = "Client secret",
        placeholder = "{{secrets.UIPATH_CLIENT_SECRET}}")
    String clientSecret,
    @TemplateProperty(group = "authentication", label = "Scopes",
        defaultValue = "OR.Jobs OR.Execution OR.Folders.Read")
    String scope,
    @NotBlank
    @TemplateProperty(group = "job", label = "Folder id",
        description = "Orchestrator folder (organization unit) id")
    String folderId,
    @NotBlank
    @TemplateProperty(group = "job", label = "Release key", description = "The process to start")
    String releaseKey,
    @TemplateProperty(group = "job", label = "Input arguments")
    Map<String, Object> inputArguments,
    @TemplateProperty(group = "job", label = "Wait for completion", defaultValue = "true")
    Boolean waitForCompletion,
    @Min(1) @Max(86_400)
    @TemplateProperty(group = "job", label = "Timeout (seconds)", defaultValue = "600")
    Integer timeoutSeconds,
    @Min(100) @Max(600_000)
    @TemplateProperty(group = "job", label = "Poll interval (ms)", defaultValue = "2000")
    Integer pollIntervalMillis) {

  @Override
  public String toString() {
    return "UiPathInput[orchestratorUrl=" + orchestratorUrl + ", clientId=" + clientId
        + ", folderId=" + folderId + ", releaseKey=" + releaseKey + "]";
  }
}
