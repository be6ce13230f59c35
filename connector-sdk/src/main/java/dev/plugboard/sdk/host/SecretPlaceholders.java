package dev.plugboard.sdk.host;

import dev.plugboard.sdk.ConnectorException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code {{secrets.NAME}}} placeholders in variables with secret values, anywhere in
 * strings of nested maps and lists, and remembers the values it used so that the caller can mask
 * them.
 */
public final class SecretPlaceholders {

  /** A placeholder: {@code {{secrets.NAME}}}, blanks allowed inside the braces. */
  public static final Pattern PLACEHOLDER =
      Pattern.compile("\\{\\{\\s*secrets\\.([A-Za-z0-9_.\\-]+)\\s*}}");

  private final Function<String, Optional<String>> lookup;
  private final Set<String> used = new LinkedHashSet<>();

  /**
   * A resolver for one invocation.
   *
   * @param lookup finds a secret by name
   */
  public SecretPlaceholders(Function<String, Optional<String>> lookup) {
    this.lookup = lookup;
  }

  /**
   * The secret values substituted so far, for masking.
   *
   * @return the values
   */
  public Set<String> usedValues() {
    return used;
  }

  /**
   * Resolves placeholders in a map of variables.
   *
   * @param variables the variables; not modified
   * @return a copy with every placeholder replaced
   * @throws ConnectorException with code {@code SECRET_NOT_FOUND} naming the secret (never a
   *     value) when a placeholder has no value
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> resolve(Map<String, Object> variables) {
    return (Map<String, Object>) resolveValue(variables);
  }

  /**
   * Resolves placeholders in any value: a string, a map, a list or anything else (returned as
   * is).
   *
   * @param value the value
   * @return the resolved value
   */
  public Object resolveValue(Object value) {
    if (value instanceof String s) {
      return resolveString(s);
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, v) -> copy.put(String.valueOf(k), resolveValue(v)));
      return copy;
    }
    if (value instanceof List<?> l) {
      List<Object> copy = new ArrayList<>(l.size());
      l.forEach(v -> copy.add(resolveValue(v)));
      return copy;
    }
    return value;
  }

  private String resolveString(String s) {
    if (s.indexOf("{{") < 0) {
      return s;
    }
    Matcher m = PLACEHOLDER.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String secret = lookup.apply(name).orElseThrow(() -> new ConnectorException(
          "SECRET_NOT_FOUND",
          "Secret '" + name + "' is not defined in any secret provider; define it (for example"
              + " as environment variable PLUGBOARD_SECRET_" + name + " or as a file named "
              + name + " in the secrets folder) or fix the placeholder"));
      if (!secret.isEmpty()) {
        used.add(secret);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(secret));
    }
    m.appendTail(out);
    return out.toString();
  }
}
