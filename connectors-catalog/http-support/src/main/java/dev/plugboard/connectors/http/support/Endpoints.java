package dev.plugboard.connectors.http.support;

import java.net.URI;

/** Names an endpoint in messages and logs without anything that may carry a secret. */
public final class Endpoints {

  /**
   * The pattern of URL inputs: an absolute http(s) URL, or (in the modeler, before evaluation) a
   * FEEL expression or a secret placeholder. Plain JavaScript regex syntax, because the modeler
   * checks the same pattern.
   */
  public static final String URL_PATTERN = "^(=|\\{\\{|[hH][tT][tT][pP][sS]?://[^\\s/?#]).*";

  private Endpoints() {}

  /**
   * {@code METHOD scheme://host:port/path}: without the query string (API keys travel there) and
   * without user info.
   *
   * @param method the HTTP method
   * @param uri the target
   * @return the description
   */
  public static String describe(String method, URI uri) {
    return method + " " + withoutSecrets(uri);
  }

  /**
   * The URI without query string, fragment and user info.
   *
   * @param uri the URI
   * @return scheme, host, port and path
   */
  public static String withoutSecrets(URI uri) {
    if (uri == null) {
      return "<no URL>";
    }
    StringBuilder out = new StringBuilder();
    if (uri.getScheme() != null) {
      out.append(uri.getScheme()).append("://");
    }
    if (uri.getHost() != null) {
      out.append(uri.getHost());
    }
    if (uri.getPort() >= 0) {
      out.append(':').append(uri.getPort());
    }
    if (uri.getRawPath() != null) {
      out.append(uri.getRawPath());
    }
    return out.toString();
  }
}
