package dev.plugboard.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Percentiles and formatting of durations measured in nanoseconds. */
final class Stats {

  private Stats() {}

  /**
   * The nearest-rank percentile.
   *
   * @param nanos the samples (not modified)
   * @param p the percentile, 0 &lt; p &lt;= 100
   * @return the sample at that rank
   */
  static long percentile(List<Long> nanos, double p) {
    if (nanos.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  static double millis(long nanos) {
    return nanos / 1_000_000.0;
  }

  static String ms(long nanos) {
    double ms = millis(nanos);
    return ms >= 100 ? String.format(Locale.ROOT, "%.0f ms", ms)
        : String.format(Locale.ROOT, "%.1f ms", ms);
  }

  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
  }

  static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f/s", perSecond);
  }

  static String micros(double micros) {
    return String.format(Locale.ROOT, "%,.0f µs", micros);
  }

  static String ratio(double r) {
    return String.format(Locale.ROOT, r >= 10 ? "%.0fx" : "%.2fx", r);
  }
}
