package dev.plugboard.connectors.http.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpErrorsTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

  static RawResponse withRetryAfter(String value) {
    return new RawResponse("GET", URI.create("http://x/"), 503,
        Map.of("retry-after", List.of(value)), new byte[0]);
  }

  @Test
  void readsRetryAfterAsSecondsOrHttpDateAndCapsIt() {
    assertThat(HttpErrors.retryAfter(withRetryAfter("120"), CLOCK)).isEqualTo(Duration.ofMinutes(2));
    assertThat(HttpErrors.retryAfter(withRetryAfter("Wed, 25 Nov 2026 10:00:30 GMT"), CLOCK))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(HttpErrors.retryAfter(withRetryAfter("Wed, 25 Nov 2026 09:00:00 GMT"), CLOCK))
        .isEqualTo(Duration.ZERO);
    assertThat(HttpErrors.retryAfter(withRetryAfter("999999"), CLOCK)).isEqualTo(HttpErrors.MAX_RETRY_AFTER);
    assertThat(HttpErrors.retryAfter(withRetryAfter("soon"), CLOCK)).isNull();
  }
}
