package dev.plugboard.rpa.automationanywhere;

import dev.plugboard.sdk.Secret;
import dev.plugboard.sdk.TemplateGroup;
import dev.plugboard.sdk.TemplateProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Map;

/**
 * What the modeler fills in to run an Automation Anywhere bot.
 *
 * @param controlRoomUrl the Control Room base URL, such as
 *     {@code https://acme.my.automationanywhere.digital}
 * @param username the Control Room user the connector signs in as
 * @param authentication API key (recommended) or password
 * @param apiKey the user's API key, when {@code authentication} is {@code API_KEY}
 * @param password the user's password, when {@code authentication} is {@code PASSWORD}
 * @param botId the file id of the bot in the public workspace
 * @param runAsUserIds the ids of the run-as users (unattended Bot Runners), comma separated
 * @param numOfRunAsUsersToUse how many of the run-as users to run the bot on (empty: one)
 * @param poolIds device pool ids, comma separated (optional)
 * @param botInput the bot's input variables by name; strings, numbers, booleans, lists and
 *     maps become the Control Room's typed values
 * @param automationName the name the run gets in the Control Room's activity (optional)
 * @param waitForCompletion whether to wait for the bot to end
 * @param timeoutSeconds the longest wait for the bot
 * @param pollIntervalMillis how often the run's state is read while waiting
 */
@TemplateGroup(id = "controlRoom", label = "Control Room")
@TemplateGroup(id = "authentication", label = "Authentication")
@TemplateGroup(id = "bot", label = "Bot")
@TemplateGroup(id = "wait", label = "Waiting")
public record AutomationAnywhereInput(
    @NotBlank
    @TemplateProperty(group = "controlRoom", label = "Control Room URL",
        placeholder = "https://acme.my.automationanywhere.digital")
    String controlRoomUrl,
    @NotBlank
    @TemplateProperty(group = "authentication", label = "Username")
    String username,
    @TemplateProperty(group = "authentication", label = "Authenticate with",
        defaultValue = "API_KEY")
    Authentication authentication,
    @Secret
    @TemplateProperty(group = "authentication", label = "API key",
        placeholder = "{{secrets.AA_API_KEY}}", conditionProperty = "authentication",
        conditionEquals = "API_KEY")
    String apiKey,
    @Secret
    @TemplateProperty(group = "authentication", label = "Password",
        placeholder = "{{secrets.AA_PASSWORD}}", conditionProperty = "authentication",
        conditionEquals = "PASSWORD")
    String password,
    @NotNull @Min(1)
    @TemplateProperty(group = "bot", label = "Bot id",
        description = "The bot's file id in the public workspace")
    Long botId,
    @NotBlank @Pattern(regexp = "\\s*\\d+\\s*(,\\s*\\d+\\s*)*")
    @TemplateProperty(group = "bot", label = "Run-as user ids",
        description = "Users with an unattended Bot Runner licence, comma separated",
        placeholder = "12, 13")
    String runAsUserIds,
    @Min(1) @Max(1000)
    @TemplateProperty(group = "bot", label = "Number of run-as users to use")
    Integer numOfRunAsUsersToUse,
    @Pattern(regexp = "(\\s*\\d+\\s*(,\\s*\\d+\\s*)*)?")
    @TemplateProperty(group = "bot", label = "Device pool ids", description = "Comma separated")
    String poolIds,
    @TemplateProperty(group = "bot", label = "Input variables",
        description = "A map of the bot's input variables, e.g. ={invoiceId: invoice.id}")
    Map<String, Object> botInput,
    @TemplateProperty(group = "bot", label = "Automation name",
        description = "The run's name in the Control Room's activity (optional)")
    String automationName,
    @TemplateProperty(group = "wait", label = "Wait for completion", defaultValue = "true")
    Boolean waitForCompletion,
    @Min(1) @Max(86_400)
    @TemplateProperty(group = "wait", label = "Timeout (seconds)", defaultValue = "600")
    Integer timeoutSeconds,
    @Min(100) @Max(600_000)
    @TemplateProperty(group = "wait", label = "Poll interval (ms)", defaultValue = "5000")
    Integer pollIntervalMillis) {

  /** How the connector signs in to the Control Room. */
  public enum Authentication {
    /** Username and API key (the Control Room's "Generate API-Key" permission). */
    @TemplateProperty(label = "API key")
    API_KEY,
    /** Username and password. */
    @TemplateProperty(label = "Password")
    PASSWORD
  }

  /** Never prints the API key or the password. */
  @Override
  public String toString() {
    return "AutomationAnywhereInput[controlRoomUrl=" + controlRoomUrl + ", username=" + username
        + ", authentication=" + authentication + ", botId=" + botId + ", runAsUserIds="
        + runAsUserIds + "]";
  }
}
