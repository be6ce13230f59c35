package dev.plugboard.runtime.web;

import dev.plugboard.runtime.plugins.PluginHost;
import dev.plugboard.runtime.plugins.PluginInfo;
import dev.plugboard.runtime.plugins.PluginState;
import dev.plugboard.runtime.plugins.PluginStateListener;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/plugins/events}: a server-sent event stream with one {@code plugin} event per
 * plugin state change (upload, a jar appearing in or leaving the watched folder, replace,
 * remove), so the console's plugin list updates by itself. The data is the plugin as
 * {@code GET /api/plugins} lists it, plus {@code previous} (the state before).
 *
 * <p>A comment line is sent every {@value #HEARTBEAT_SECONDS} seconds: it keeps proxies from
 * closing an idle stream and finds closed browsers, whose emitters are then dropped. A stream
 * ends after {@link #STREAM_LIFETIME}; the browser's {@code EventSource} reconnects by itself.
 */
@RestController
public class PluginEventsController implements PluginStateListener {

  static final int HEARTBEAT_SECONDS = 20;
  static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);
  private static final Logger LOG = LoggerFactory.getLogger(PluginEventsController.class);

  private final PluginHost host;
  private final Set<SseEmitter> emitters = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
      r -> {
        Thread t = new Thread(r, "plugboard-sse-heartbeat");
        t.setDaemon(true);
        return t;
      });

  /**
   * The controller; listens to the host's state changes from now on.
   *
   * @param host the plugin host
   */
  public PluginEventsController(PluginHost host) {
    this.host = host;
    host.addListener(this);
    heartbeat.scheduleAtFixedRate(this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS,
        TimeUnit.SECONDS);
  }

  /**
   * Opens a stream. The first event, {@code ready}, says the stream is live, so a client that
   * (re)connects knows to reload the list once.
   *
   * @return the stream
   */
  @GetMapping(path = "/api/plugins/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  public SseEmitter events() {
    SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
    emitters.add(emitter);
    emitter.onCompletion(() -> emitters.remove(emitter));
    emitter.onTimeout(() -> {
      emitters.remove(emitter);
      emitter.complete();
    });
    emitter.onError(e -> emitters.remove(emitter));
    try {
      emitter.send(SseEmitter.event().name("ready").data(Map.of("clients", emitters.size()))
          .reconnectTime(2000));
    } catch (IOException e) {
      emitters.remove(emitter);
    }
    LOG.debug("plugin event stream opened clients={}", emitters.size());
    return emitter;
  }

  @Override
  public void stateChanged(PluginInfo plugin, PluginState previous) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("plugin", plugin);
    data.put("previous", previous);
    // Sent from our own thread: a slow browser must not hold up the plugin host.
    try {
      heartbeat.execute(() -> broadcast(data));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // Shutting down: the streams are being closed anyway.
    }
  }

  private void broadcast(Map<String, Object> data) {
    for (SseEmitter emitter : emitters) {
      try {
        emitter.send(SseEmitter.event().name("plugin").data(data, MediaType.APPLICATION_JSON));
      } catch (IOException | IllegalStateException e) {
        // The browser went away; the next send would fail the same way.
        emitters.remove(emitter);
      }
    }
  }

  /** Number of open streams (for tests and logs). */
  int openStreams() {
    return emitters.size();
  }

  private void beat() {
    for (SseEmitter emitter : emitters) {
      try {
        emitter.send(SseEmitter.event().comment("keep-alive"));
      } catch (IOException | IllegalStateException e) {
        emitters.remove(emitter);
      }
    }
  }

  /** Ends every stream, so that shutdown does not wait for open browsers. */
  @PreDestroy
  public void close() {
    host.removeListener(this);
    heartbeat.shutdownNow();
    for (SseEmitter emitter : emitters) {
      emitter.complete();
    }
    emitters.clear();
  }
}
