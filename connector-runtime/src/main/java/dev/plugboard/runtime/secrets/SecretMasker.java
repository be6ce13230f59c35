package dev.plugboard.runtime.secrets;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Masks secret values as {@value #MASK} in text: log lines, error messages, API answers, metric
 * tags.
 *
 * <p>It is process-wide (static) because Logback creates its converters itself, outside Spring.
 * Every value a placeholder resolved to is remembered, up to {@value #MAX_VALUES} values (the
 * oldest are forgotten first); values shorter than the minimum length are not masked.
 */
public final class SecretMasker {

  /** What a secret value is replaced with. */
  public static final String MASK = "****";
  static final int MAX_VALUES = 10_000;

  private static final Object LOCK = new Object();
  private static final LinkedHashSet<String> VALUES = new LinkedHashSet<>();
  /** Longest first, so that a secret containing another one is masked whole. */
  private static volatile List<String> snapshot = List.of();
  private static volatile int minLength = 4;

  private SecretMasker() {}

  /**
   * Sets the shortest value that is masked.
   *
   * @param length the minimum length, at least 1
   */
  public static void minLength(int length) {
    minLength = Math.max(1, length);
  }

  /**
   * Whether a value is long enough to be masked.
   *
   * @param value a secret value
   * @return true when {@link #register} will mask it
   */
  public static boolean maskable(String value) {
    return value != null && value.length() >= minLength;
  }

  /**
   * Remembers secret values so that every later log line and message masks them.
   *
   * @param values secret values
   */
  public static void register(Collection<String> values) {
    if (values.isEmpty()) {
      // Most invocations use no secret: no global lock for them.
      return;
    }
    synchronized (LOCK) {
      boolean changed = false;
      for (String v : values) {
        if (maskable(v) && VALUES.add(v)) {
          changed = true;
        }
      }
      if (!changed) {
        return;
      }
      while (VALUES.size() > MAX_VALUES) {
        VALUES.remove(VALUES.iterator().next());
      }
      snapshot = VALUES.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }
  }

  /**
   * Masks every known secret value in a text.
   *
   * @param text any text, may be {@code null}
   * @return the masked text
   */
  public static String mask(String text) {
    return mask(text, Set.of());
  }

  /**
   * Masks every known secret value and the given extra values in a text.
   *
   * @param text any text, may be {@code null}
   * @param extra more values to mask (for example the secrets of one invocation)
   * @return the masked text
   */
  public static String mask(String text, Collection<String> extra) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String result = text;
    for (String value : extra) {
      if (value != null && !value.isEmpty() && result.contains(value)) {
        result = result.replace(value, MASK);
      }
    }
    for (String value : snapshot) {
      if (result.contains(value)) {
        result = result.replace(value, MASK);
      }
    }
    return result;
  }

  /**
   * Masks every known secret value in the strings of a JSON-like value (maps, lists, strings),
   * for answers that show a connector's result to a person.
   *
   * @param value a value of plain maps, lists, strings, numbers, booleans
   * @return a copy with masked strings (other values as they are)
   */
  public static Object maskDeep(Object value) {
    if (snapshot.isEmpty()) {
      return value;
    }
    if (value instanceof String s) {
      return mask(s);
    }
    if (value instanceof java.util.Map<?, ?> m) {
      java.util.Map<String, Object> copy = new java.util.LinkedHashMap<>();
      m.forEach((k, v) -> copy.put(mask(String.valueOf(k)), maskDeep(v)));
      return copy;
    }
    if (value instanceof java.util.List<?> l) {
      java.util.List<Object> copy = new java.util.ArrayList<>(l.size());
      l.forEach(v -> copy.add(maskDeep(v)));
      return copy;
    }
    return value;
  }

  /** Forgets every value; for tests. */
  static void clear() {
    synchronized (LOCK) {
      VALUES.clear();
      snapshot = List.of();
    }
  }
}
