package dev.plugboard.rpa.server;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The RPA bot API under {@code /api/rpa}. Every call but the OpenAPI description needs
 * {@code Authorization: Bearer <bot token>}; the admin token is not a bot token.
 */
@RestController
@RequestMapping("/api/rpa")
public class RpaController {

  private static final String BEARER = "bearer ";

  private final RpaQueue queue;
  private final BotAuthenticator bots;
  private final ArtifactStore artifacts;

  /**
   * @param queue the work queue
   * @param bots the bot authenticator
   * @param artifacts the artifact store
   */
  public RpaController(RpaQueue queue, BotAuthenticator bots, ArtifactStore artifacts) {
    this.queue = queue;
    this.bots = bots;
    this.artifacts = artifacts;
  }

  /** The OpenAPI description of this API. */
  @GetMapping(value = "/openapi.yaml", produces = "application/yaml")
  public ResponseEntity<String> openApi() throws IOException {
    try (InputStream in = new ClassPathResource("dev/plugboard/rpa/server/openapi.yaml")
        .getInputStream()) {
      return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/yaml"))
          .body(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** Fetch and lock items, long polling. */
  @PostMapping("/items/fetch")
  public List<RpaApi.Item> fetch(HttpServletRequest request,
      @RequestBody(required = false) RpaApi.FetchRequest body) {
    RpaProperties.Bot bot = bot(request);
    RpaApi.FetchRequest f = body == null ? new RpaApi.FetchRequest(null, null, null, null, null)
        : body;
    if (f.botId() != null && !f.botId().equals(bot.id())) {
      throw new RpaException(403, "BOT_ID_MISMATCH", "botId '" + f.botId() + "' is not the bot"
          + " of this token ('" + bot.id() + "'); leave botId out or send the right token");
    }
    return queue.fetch(bot, f);
  }

  /** Extend the lock of a held item. */
  @PostMapping("/items/{id}/heartbeat")
  public Map<String, Object> heartbeat(HttpServletRequest request, @PathVariable String id,
      @RequestBody(required = false) RpaApi.HeartbeatRequest body) {
    Instant until;
    try {
      until = queue.heartbeat(bot(request), id, body == null ? null : body.lockDuration());
    } catch (org.operaton.bpm.engine.OptimisticLockingException e) {
      throw new RpaException(409, "CONFLICT", "Item '" + id + "' changed concurrently; send the"
          + " heartbeat again");
    }
    return Map.of("id", id, "lockExpiresAt", until.toString());
  }

  /** Complete a held item. */
  @PostMapping("/items/{id}/complete")
  public ResponseEntity<Void> complete(HttpServletRequest request, @PathVariable String id,
      @RequestBody(required = false) RpaApi.CompleteRequest body) {
    RpaProperties.Bot bot = bot(request);
    queue.complete(bot, id, body == null ? null : body.output(), artifacts.list(id));
    return ResponseEntity.noContent().build();
  }

  /** Fail a held item (business or technical). */
  @PostMapping("/items/{id}/fail")
  public ResponseEntity<Void> fail(HttpServletRequest request, @PathVariable String id,
      @RequestBody RpaApi.FailRequest body) {
    queue.fail(bot(request), id, body);
    return ResponseEntity.noContent().build();
  }

  /** Upload an artifact of a held item (raw body). */
  @PutMapping("/items/{id}/artifacts/{name}")
  public ResponseEntity<RpaApi.Artifact> upload(HttpServletRequest request,
      @PathVariable String id, @PathVariable String name) throws IOException {
    RpaProperties.Bot bot = bot(request);
    queue.held(bot, id);
    RpaApi.Artifact stored;
    try (InputStream in = request.getInputStream()) {
      stored = artifacts.store(id, name, in);
    }
    return ResponseEntity.status(HttpStatus.CREATED).body(stored);
  }

  /** The artifacts of an item. */
  @GetMapping("/items/{id}/artifacts")
  public List<RpaApi.Artifact> artifacts(HttpServletRequest request, @PathVariable String id) {
    bot(request);
    return artifacts.list(id);
  }

  /** Download an artifact. */
  @GetMapping("/items/{id}/artifacts/{name}")
  public ResponseEntity<Resource> download(HttpServletRequest request, @PathVariable String id,
      @PathVariable String name) {
    bot(request);
    Path file = artifacts.file(id, name);
    if (!Files.isRegularFile(file)) {
      throw new RpaException(404, "ARTIFACT_NOT_FOUND", "Item '" + id + "' has no artifact '"
          + name + "'");
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
        .body(new FileSystemResource(file));
  }

  private RpaProperties.Bot bot(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || header.length() < BEARER.length()
        || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new RpaException(401, "UNAUTHORIZED", "Missing 'Authorization: Bearer <bot token>';"
          + " each bot has its own token (plugboard.rpa.bots[..])");
    }
    return bots.authenticate(header.substring(BEARER.length()).trim())
        .orElseThrow(() -> new RpaException(401, "UNAUTHORIZED", "Unknown bot token; check the"
            + " bot's token against plugboard.rpa.bots[..].token-sha256 / token"));
  }
}
