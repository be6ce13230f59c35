package dev.plugboard.benchmarks;

/**
 * One line of the benchmark table.
 *
 * @param issue the issue that names the figure ({@code #3}, {@code #4}, ...)
 * @param measure what was measured
 * @param value the measured figure, with its unit
 * @param baseline the comparison measured in the same run, or {@code -}
 * @param ratio the ratio to the baseline, or {@code -}
 * @param goal the goal, or {@code -}
 * @param verdict {@code PASS}, {@code MISS}, {@code INFO} (no goal) or {@code N/A} (not measured)
 */
public record Row(String issue, String measure, String value, String baseline, String ratio,
    String goal, String verdict) {

  /** A row without a goal. */
  static Row info(String issue, String measure, String value, String baseline, String ratio) {
    return new Row(issue, measure, value, baseline, ratio, "-", "INFO");
  }

  /** A row with a goal and whether it was met. */
  static Row goal(String issue, String measure, String value, String baseline, String ratio,
      String goal, boolean met) {
    return new Row(issue, measure, value, baseline, ratio, goal, met ? "PASS" : "MISS");
  }

  /** The same row without a goal (an absolute figure with its baseline). */
  Row withoutGoal() {
    return new Row(issue, measure, value, baseline, ratio, "-", "INFO");
  }

  /** A figure that could not be measured, with the reason. */
  static Row notMeasured(String issue, String measure, String reason) {
    return new Row(issue, measure, "not measured: " + reason, "-", "-", "-", "N/A");
  }
}
