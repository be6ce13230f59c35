package dev.plugboard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness's arithmetic and table; no benchmark runs in the build. */
class StatsAndReportTest {

  @Test
  void percentilesUseTheNearestRank() {
    List<Long> samples = List.of(5L, 1L, 4L, 2L, 3L, 10L, 9L, 8L, 7L, 6L,
        11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L);
    assertThat(Stats.percentile(samples, 50)).isEqualTo(10L);
    assertThat(Stats.percentile(samples, 95)).isEqualTo(19L);
    assertThat(Stats.percentile(samples, 100)).isEqualTo(20L);
    assertThat(Stats.percentile(List.of(7L), 95)).isEqualTo(7L);
  }

  @Test
  void percentileOfNoSamplesIsAnError() {
    assertThatThrownBy(() -> Stats.percentile(List.of(), 50))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void figuresAreFormattedWithTheirUnit() {
    assertThat(Stats.ms(250_000_000L)).isEqualTo("250 ms");
    assertThat(Stats.ms(12_340_000L)).isEqualTo("12.3 ms");
    assertThat(Stats.seconds(20_500_000_000L)).isEqualTo("20.5 s");
    assertThat(Stats.rate(3456.4)).isEqualTo("3,456/s");
    assertThat(Stats.ratio(1.234)).isEqualTo("1.23x");
    assertThat(Stats.ratio(57.4)).isEqualTo("57x");
  }

  @Test
  void theTableIsAMarkdownTableWithAlignedColumns() {
    String table = Report.table(List.of(
        Row.goal("#3", "hot-load p95", "300 ms", "-", "-", "<= 500 ms", true),
        Row.goal("#4", "tasks/s", "400/s", "900/s pipeline only", "2.25x slower", ">= 500/s",
            false),
        Row.notMeasured("#5", "inbound webhooks", "no harness class yet")));
    List<String> lines = table.lines().toList();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).startsWith("| issue").endsWith("| result |");
    assertThat(lines.get(1)).matches("\\|[-| ]+\\|");
    assertThat(lines.get(2)).contains("PASS");
    assertThat(lines.get(3)).contains("MISS", "2.25x slower");
    assertThat(lines.get(4)).contains("N/A", "not measured: no harness class yet");
    assertThat(lines.stream().map(String::length).distinct()).hasSize(1);
  }
}
