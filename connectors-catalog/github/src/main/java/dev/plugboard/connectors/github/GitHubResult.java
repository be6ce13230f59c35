package dev.plugboard.connectors.github;

import java.util.List;

/** What each GitHub operation returns; the task's result variable holds it as a JSON object. */
public sealed interface GitHubResult {

  /**
   * An opened issue.
   *
   * @param number the issue number
   * @param id the issue id
   * @param url the issue's web page
   * @param state {@code open}
   */
  record IssueCreated(int number, long id, String url, String state) implements GitHubResult {}

  /**
   * A posted comment.
   *
   * @param id the comment id
   * @param url the comment's web page
   */
  record CommentCreated(long id, String url) implements GitHubResult {}

  /**
   * The labels of the issue after adding.
   *
   * @param issueNumber the issue number
   * @param labels all label names the issue now has
   */
  record LabelsAdded(int issueNumber, List<String> labels) implements GitHubResult {}

  /**
   * A file read through the contents API.
   *
   * @param path the file path
   * @param sha the blob SHA (needed to update the file later)
   * @param size the size in bytes
   * @param content the content as UTF-8 text, or {@code null} when it is not valid UTF-8
   * @param contentBase64 the content, base64 encoded (for binary files)
   */
  record FileContent(String path, String sha, long size, String content, String contentBase64)
      implements GitHubResult {}

  /**
   * A created release.
   *
   * @param id the release id
   * @param tagName the tag
   * @param url the release's web page
   * @param uploadUrl where release assets are uploaded (URI template)
   * @param draft whether it is a draft
   * @param prerelease whether it is a pre-release
   */
  record ReleaseCreated(long id, String tagName, String url, String uploadUrl, boolean draft,
      boolean prerelease) implements GitHubResult {}
}
