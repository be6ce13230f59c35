package dev.plugboard.legacy.files;

import dev.plugboard.sdk.ConnectorException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Confines remote paths to a root folder. A path is normalized ({@code .} and {@code ..} folded)
 * before anything touches the server, and one that would leave the root is refused with
 * {@code PATH_OUTSIDE_ROOT}.
 */
public final class RemotePaths {

  private final String root;

  /**
   * A confinement to one root.
   *
   * @param root an absolute POSIX path, {@code /} for the whole server; {@code null} means {@code /}
   */
  public RemotePaths(String root) {
    String r = root == null || root.isBlank() ? "/" : root.strip();
    if (!r.startsWith("/")) {
      r = "/" + r;
    }
    this.root = join("/", r, r);
  }

  /** The normalized root, never ending with {@code /} unless it is {@code /}. */
  public String root() {
    return root;
  }

  /**
   * Resolves a path given by the process against the root. A leading {@code /} also means the
   * root: {@code /in/a.txt} and {@code in/a.txt} are the same file.
   *
   * @param path the path from the input
   * @return the absolute, normalized server path inside the root
   * @throws ConnectorException {@code PATH_OUTSIDE_ROOT} or {@code INVALID_INPUT}
   */
  public String resolve(String path) {
    if (path == null || path.isBlank()) {
      throw new ConnectorException("INVALID_INPUT", "The path is empty; give a path inside " + root + ".");
    }
    if (path.indexOf('\0') >= 0 || path.indexOf('\\') >= 0) {
      throw new ConnectorException("INVALID_INPUT", "The path '" + printable(path)
          + "' contains a backslash or a NUL character; use '/' between folders.");
    }
    return join(root, path, path);
  }

  /**
   * The parent folder of a resolved path.
   *
   * @param resolved a path from {@link #resolve}
   * @return its parent, at least {@code /}
   */
  public static String parent(String resolved) {
    int i = resolved.lastIndexOf('/');
    return i <= 0 ? "/" : resolved.substring(0, i);
  }

  /**
   * The last segment of a resolved path.
   *
   * @param resolved a path from {@link #resolve}
   * @return the file name
   */
  public static String name(String resolved) {
    return resolved.substring(resolved.lastIndexOf('/') + 1);
  }

  private String join(String base, String path, String original) {
    Deque<String> parts = new ArrayDeque<>();
    int floor = 0;
    if (!base.equals("/")) {
      for (String s : base.split("/")) {
        if (!s.isEmpty()) {
          parts.addLast(s);
        }
      }
      floor = parts.size();
    }
    for (String s : path.split("/")) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        if (parts.size() <= floor) {
          throw new ConnectorException("PATH_OUTSIDE_ROOT", "The path '" + printable(original)
              + "' leads outside the root folder " + (root == null ? base : root)
              + "; use a path inside it.");
        }
        parts.removeLast();
      } else {
        parts.addLast(s);
      }
    }
    return "/" + String.join("/", parts);
  }

  private static String printable(String s) {
    return s.replace("\0", "\\0");
  }
}
