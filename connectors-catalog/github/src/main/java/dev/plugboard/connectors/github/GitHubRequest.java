package dev.plugboard.connectors.github;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.plugboard.sdk.FeelMode;
import dev.plugboard.sdk.PropertyType;
import dev.plugboard.sdk.TemplateGroup;
import dev.plugboard.sdk.TemplateProperty;
import dev.plugboard.sdk.TemplateSubType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.util.List;

/**
 * Input of the GitHub connector: one case per operation, chosen by the {@code operation}
 * variable. Every case names the repository ({@code owner}, {@code repo}), the authentication
 * and the API base URL.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "operation")
@TemplateGroup(id = "operation", label = "Operation")
@TemplateGroup(id = "authentication", label = "Authentication")
@TemplateGroup(id = "repository", label = "Repository")
@TemplateGroup(id = "details", label = "Details")
@TemplateGroup(id = "advanced", label = "Advanced")
public sealed interface GitHubRequest {

  /** The github.com REST API; GitHub Enterprise Server uses {@code https://HOST/api/v3}. */
  String DEFAULT_BASE_URL = "https://api.github.com";

  /** Owner and repository names GitHub accepts. */
  String NAME = "[A-Za-z0-9_.-]{1,100}";

  /**
   * The authentication.
   *
   * @return token or app
   */
  GitHubAuthentication authentication();

  /**
   * The REST API base URL, without a trailing slash.
   *
   * @return the base URL
   */
  String baseUrl();

  /**
   * The repository owner (user or organization).
   *
   * @return the owner
   */
  String owner();

  /**
   * The repository name.
   *
   * @return the name
   */
  String repo();

  private static String base(String value) {
    String b = value == null || value.isBlank() ? DEFAULT_BASE_URL : value.strip();
    return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
  }

  private static List<String> copy(List<String> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  /**
   * Opens an issue.
   *
   * @param authentication how to authenticate
   * @param baseUrl API base URL
   * @param owner repository owner
   * @param repo repository name
   * @param title issue title
   * @param body issue text (Markdown)
   * @param labels label names
   * @param assignees user logins
   */
  @TemplateSubType(value = "createIssue", label = "Create an issue")
  record CreateIssue(
      @TemplateProperty(group = "authentication") @Valid @NotNull GitHubAuthentication authentication,
      @TemplateProperty(group = "advanced", label = "API base URL", defaultValue = DEFAULT_BASE_URL,
          description = "GitHub Enterprise Server: https://HOST/api/v3")
      String baseUrl,
      @TemplateProperty(group = "repository", label = "Owner") @NotBlank @Pattern(regexp = NAME) String owner,
      @TemplateProperty(group = "repository", label = "Repository") @NotBlank @Pattern(regexp = NAME) String repo,
      @TemplateProperty(group = "details", label = "Title") @NotBlank String title,
      @TemplateProperty(group = "details", label = "Body", type = PropertyType.TEXT,
          description = "Markdown") String body,
      @TemplateProperty(group = "details", label = "Labels", feel = FeelMode.REQUIRED,
          description = "List of label names, e.g. [\"bug\"]") List<String> labels,
      @TemplateProperty(group = "details", label = "Assignees", feel = FeelMode.REQUIRED,
          description = "List of user logins") List<String> assignees) implements GitHubRequest {
    /** Applies defaults. */
    public CreateIssue {
      baseUrl = base(baseUrl);
      labels = copy(labels);
      assignees = copy(assignees);
    }
  }

  /**
   * Comments on an issue or pull request.
   *
   * @param authentication how to authenticate
   * @param baseUrl API base URL
   * @param owner repository owner
   * @param repo repository name
   * @param issueNumber the issue or pull request number
   * @param body the comment (Markdown)
   */
  @TemplateSubType(value = "addComment", label = "Comment on an issue")
  record AddComment(
      @TemplateProperty(group = "authentication") @Valid @NotNull GitHubAuthentication authentication,
      @TemplateProperty(group = "advanced", label = "API base URL", defaultValue = DEFAULT_BASE_URL)
      String baseUrl,
      @TemplateProperty(group = "repository", label = "Owner") @NotBlank @Pattern(regexp = NAME) String owner,
      @TemplateProperty(group = "repository", label = "Repository") @NotBlank @Pattern(regexp = NAME) String repo,
      @TemplateProperty(group = "details", label = "Issue number") @NotNull @Positive Integer issueNumber,
      @TemplateProperty(group = "details", label = "Comment", type = PropertyType.TEXT)
      @NotBlank String body) implements GitHubRequest {
    /** Applies defaults. */
    public AddComment {
      baseUrl = base(baseUrl);
    }
  }

  /**
   * Adds labels to an issue or pull request.
   *
   * @param authentication how to authenticate
   * @param baseUrl API base URL
   * @param owner repository owner
   * @param repo repository name
   * @param issueNumber the issue or pull request number
   * @param labels label names to add
   */
  @TemplateSubType(value = "addLabels", label = "Add labels to an issue")
  record AddLabels(
      @TemplateProperty(group = "authentication") @Valid @NotNull GitHubAuthentication authentication,
      @TemplateProperty(group = "advanced", label = "API base URL", defaultValue = DEFAULT_BASE_URL)
      String baseUrl,
      @TemplateProperty(group = "repository", label = "Owner") @NotBlank @Pattern(regexp = NAME) String owner,
      @TemplateProperty(group = "repository", label = "Repository") @NotBlank @Pattern(regexp = NAME) String repo,
      @TemplateProperty(group = "details", label = "Issue number") @NotNull @Positive Integer issueNumber,
      @TemplateProperty(group = "details", label = "Labels", feel = FeelMode.REQUIRED)
      @NotEmpty List<@NotBlank String> labels) implements GitHubRequest {
    /** Applies defaults. */
    public AddLabels {
      baseUrl = base(baseUrl);
      labels = labels == null ? null : List.copyOf(labels);
    }
  }

  /**
   * Reads a file through the contents API.
   *
   * @param authentication how to authenticate
   * @param baseUrl API base URL
   * @param owner repository owner
   * @param repo repository name
   * @param path file path in the repository
   * @param ref branch, tag or commit; the default branch when empty
   */
  @TemplateSubType(value = "getFile", label = "Read a file")
  record GetFile(
      @TemplateProperty(group = "authentication") @Valid @NotNull GitHubAuthentication authentication,
      @TemplateProperty(group = "advanced", label = "API base URL", defaultValue = DEFAULT_BASE_URL)
      String baseUrl,
      @TemplateProperty(group = "repository", label = "Owner") @NotBlank @Pattern(regexp = NAME) String owner,
      @TemplateProperty(group = "repository", label = "Repository") @NotBlank @Pattern(regexp = NAME) String repo,
      @TemplateProperty(group = "details", label = "File path", placeholder = "docs/README.md")
      @NotBlank String path,
      @TemplateProperty(group = "details", label = "Ref",
          description = "Branch, tag or commit SHA; empty for the default branch") String ref)
      implements GitHubRequest {
    /** Applies defaults. */
    public GetFile {
      baseUrl = base(baseUrl);
    }
  }

  /**
   * Creates a release (and its tag, when the tag does not exist yet).
   *
   * @param authentication how to authenticate
   * @param baseUrl API base URL
   * @param owner repository owner
   * @param repo repository name
   * @param tagName the tag
   * @param targetCommitish branch or commit the tag is created from when it does not exist
   * @param name release title
   * @param body release notes (Markdown)
   * @param draft create as a draft
   * @param prerelease mark as pre-release
   * @param generateReleaseNotes let GitHub generate the notes
   */
  @TemplateSubType(value = "createRelease", label = "Create a release")
  record CreateRelease(
      @TemplateProperty(group = "authentication") @Valid @NotNull GitHubAuthentication authentication,
      @TemplateProperty(group = "advanced", label = "API base URL", defaultValue = DEFAULT_BASE_URL)
      String baseUrl,
      @TemplateProperty(group = "repository", label = "Owner") @NotBlank @Pattern(regexp = NAME) String owner,
      @TemplateProperty(group = "repository", label = "Repository") @NotBlank @Pattern(regexp = NAME) String repo,
      @TemplateProperty(group = "details", label = "Tag", placeholder = "v1.2.0") @NotBlank String tagName,
      @TemplateProperty(group = "details", label = "Target branch or commit",
          description = "Used only when the tag does not exist; the default branch when empty")
      String targetCommitish,
      @TemplateProperty(group = "details", label = "Release name") String name,
      @TemplateProperty(group = "details", label = "Release notes", type = PropertyType.TEXT) String body,
      @TemplateProperty(group = "details", label = "Draft") Boolean draft,
      @TemplateProperty(group = "details", label = "Pre-release") Boolean prerelease,
      @TemplateProperty(group = "details", label = "Generate release notes") Boolean generateReleaseNotes)
      implements GitHubRequest {
    /** Applies defaults. */
    public CreateRelease {
      baseUrl = base(baseUrl);
    }
  }
}
