package dev.plugboard.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The stand-in for a remote API: the JDK's HTTP server on loopback, answering every request with
 * a small JSON body. Kept minimal so that its own cost is the same for the pipeline and the
 * baselines that call it.
 */
final class StubHttpServer implements AutoCloseable {

  private static final byte[] ANSWER =
      "{\"ok\":true,\"reservationId\":\"r-1\"}".getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private final ExecutorService pool;
  private final AtomicLong reservations = new AtomicLong();
  private volatile long firstReservationAt;

  StubHttpServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    pool = Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "bench-stub-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(pool);
    server.createContext("/", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        in.readAllBytes();
      }
      if (exchange.getRequestURI().getPath().endsWith("/reservations")) {
        if (reservations.incrementAndGet() == 1) {
          firstReservationAt = System.nanoTime();
        }
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, ANSWER.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(ANSWER);
      }
    });
    server.start();
  }

  /** The base URL, {@code http://127.0.0.1:<port>}. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** How many {@code .../reservations} calls arrived. */
  long reservations() {
    return reservations.get();
  }

  /** {@link System#nanoTime()} of the first reservation since the last reset; 0 if none. */
  long firstReservationAt() {
    return firstReservationAt;
  }

  void resetReservations() {
    reservations.set(0);
    firstReservationAt = 0;
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
