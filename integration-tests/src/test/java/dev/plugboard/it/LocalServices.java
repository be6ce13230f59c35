package dev.plugboard.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Assumptions;

/**
 * Checks for the servers the tests use on localhost (PostgreSQL 5432, MariaDB 3306, RabbitMQ 5672,
 * Mosquitto 1883, Redis 6379, NATS 4222). A missing server skips the test with the reason on a
 * developer's machine; under {@code CI=true} it fails the test instead, so CI never goes green
 * by skipping.
 */
public final class LocalServices {

  private LocalServices() {}

  /**
   * Requires a TCP server.
   *
   * @param name what it is, for the message, such as "PostgreSQL"
   * @param host the host
   * @param port the port
   */
  public static void require(String name, String host, int port) {
    String reason = null;
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 1000);
    } catch (IOException e) {
      reason = name + " is not reachable on " + host + ":" + port + " (" + e.getMessage()
          + "); start it to run this test";
    }
    if (reason != null) {
      requireCondition(false, reason);
    }
  }

  /** Requires the local PostgreSQL on port 5432. */
  public static void requirePostgres() {
    require("PostgreSQL", "localhost", 5432);
  }

  /**
   * Skips (or, under {@code CI=true}, fails) when a condition does not hold.
   *
   * @param condition what must hold
   * @param reason why the test cannot run otherwise
   */
  public static void requireCondition(boolean condition, String reason) {
    if (condition) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(reason + " (CI=true: a missing service fails the build)");
    }
    Assumptions.abort(reason);
  }
}
