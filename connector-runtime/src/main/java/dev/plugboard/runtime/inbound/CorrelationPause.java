package dev.plugboard.runtime.inbound;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A test hook, off unless {@code plugboard.inbound.test.pause-dir} is set: holds every
 * correlation at one point ({@code plugboard.inbound.test.pause-at}: {@code before-correlate},
 * after the event was received and before the engine transaction; or {@code after-commit},
 * after the engine committed and before the connector acknowledges), writes
 * {@code <dir>/reached} and waits until {@code <dir>/release} exists. A crash test kills the
 * process while it waits, so it knows exactly where the process died. Not for production.
 */
final class CorrelationPause {

  /** Where a correlation is held. */
  enum Point {
    BEFORE_CORRELATE, AFTER_COMMIT;

    static Point parse(String value) {
      try {
        return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("plugboard.inbound.test.pause-at is '" + value
            + "'; use before-correlate or after-commit", e);
      }
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(CorrelationPause.class);

  private final Path dir;
  private final Point point;

  CorrelationPause(Path dir, Point point) {
    this.dir = dir;
    this.point = point;
  }

  void at(Point reached, InboundElement element) {
    if (reached != point) {
      return;
    }
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("reached"), element.activationKey());
      LOG.warn("test hook: correlation held point={} element={} until {} exists", point,
          element.activationKey(), dir.resolve("release"));
      while (!Files.exists(dir.resolve("release"))) {
        // A file written by another process: there is nothing to wait on but the file itself.
        TimeUnit.MILLISECONDS.sleep(20);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
