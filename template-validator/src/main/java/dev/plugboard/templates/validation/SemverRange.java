package dev.plugboard.templates.validation;

import java.util.regex.Pattern;

/**
 * Whether a text is a semantic version range as npm's {@code semver.validRange} reads it
 * ({@code ^8.6}, {@code >=7.20 <8}, {@code 1.x || 2.x}, {@code 1.2.3 - 2.0.0}, {@code *}); the
 * Camunda Modeler refuses a template whose {@code engines} value is not one.
 */
final class SemverRange {

  private static final String NUMBER = "(?:[xX*]|0|[1-9]\\d*)";
  private static final String IDENTIFIERS = "[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*";
  private static final String PARTIAL = "[vV=]?\\s*" + NUMBER + "(?:\\." + NUMBER + "(?:\\." + NUMBER
      + "(?:-" + IDENTIFIERS + ")?(?:\\+" + IDENTIFIERS + ")?)?)?";
  private static final String COMPARATOR = "(?:<=|>=|<|>|=|~>?|\\^)?\\s*" + PARTIAL;
  private static final String SET =
      "\\s*(?:" + PARTIAL + "\\s+-\\s+" + PARTIAL + "|" + COMPARATOR + "(?:\\s+" + COMPARATOR + ")*)?\\s*";
  private static final Pattern RANGE = Pattern.compile(SET + "(?:\\|\\|" + SET + ")*");

  private SemverRange() {}

  static boolean isValid(String range) {
    return range != null && RANGE.matcher(range).matches();
  }
}
