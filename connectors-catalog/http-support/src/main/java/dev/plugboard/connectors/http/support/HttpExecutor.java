package dev.plugboard.connectors.http.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.connectors.http.support.Authentication.ApiKey;
import dev.plugboard.connectors.http.support.Authentication.Basic;
import dev.plugboard.connectors.http.support.Authentication.Bearer;
import dev.plugboard.connectors.http.support.Authentication.OAuth2ClientCredentials;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.RetryableException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;

/**
 * Sends HTTP requests with {@link HttpClient}: authentication (OAuth tokens cached), the
 * {@link OutboundGuard} on the first URL and every redirect, timeouts, TLS options and a response
 * size limit; failures of the transport become {@link ConnectorException}s with codes.
 *
 * <p>One instance per connector instance; thread-safe. HTTP clients are shared between calls
 * with equal connection settings.
 */
public final class HttpExecutor implements AutoCloseable {

  private static final int MAX_CLIENTS = 16;
  private static final Set<String> CROSS_ORIGIN_DROPPED =
      Set.of("authorization", "cookie", "proxy-authorization");

  private final OutboundGuard guard;
  private final Clock clock;
  private final OAuthTokenCache tokens;
  private final ObjectMapper mapper = new ObjectMapper();
  private final Map<ClientOptions.ClientKey, HttpClient> clients = new ConcurrentHashMap<>();
  /**
   * The clients' executor, as the JDK's default one: a thread per concurrent response, reused,
   * ended after 5 s idle. Not the client's selector thread itself: measured with 8 callers on a
   * busy machine, one thread that reads and completes every response became the bottleneck
   * (3x slower than the JDK client with its default pool). Not a queue in front of one thread
   * either (a core of 0 with an unbounded queue never starts a second thread).
   */
  private final ThreadPoolExecutor executor;

  /**
   * An executor with the given guard and clock.
   *
   * @param guard refuses denied addresses
   * @param clock the clock for token expiry and {@code Retry-After} dates
   */
  public HttpExecutor(OutboundGuard guard, Clock clock) {
    this.guard = Objects.requireNonNull(guard, "guard");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tokens = new OAuthTokenCache(clock);
    this.executor = new ThreadPoolExecutor(0, 64, 5, TimeUnit.SECONDS, new SynchronousQueue<>(),
        new DaemonThreads(), new ThreadPoolExecutor.CallerRunsPolicy());
  }

  /**
   * Releases the HTTP clients. On Java 21 and later each client is closed (its selector thread
   * and connections end at once); on Java 17 a client cannot be closed and ends when it is
   * garbage. The HTTP connector calls this when the runtime unloads the plugin.
   */
  @Override
  public void close() {
    List<HttpClient> open = List.copyOf(clients.values());
    clients.clear();
    executor.shutdownNow();
    // On Java 17 a client's selector thread keeps the client, and so this pool, until the client
    // is garbage; the pool's thread factory is a class of this plugin: swap it for the JDK's (the
    // pool starts no threads any more), so that path does not hold the plugin's class loader.
    executor.setThreadFactory(java.util.concurrent.Executors.defaultThreadFactory());
    for (HttpClient client : open) {
      // HttpClient implements AutoCloseable from Java 21 on.
      if ((Object) client instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          // closing is best effort: the client is dropped either way
        }
      }
    }
  }

  /**
   * An executor configured from the environment ({@link OutboundGuard#fromEnvironment()}) with
   * the system clock.
   *
   * @return the executor
   */
  public static HttpExecutor fromEnvironment() {
    return new HttpExecutor(OutboundGuard.fromEnvironment(), Clock.systemUTC());
  }

  /**
   * The guard in use.
   *
   * @return the guard
   */
  public OutboundGuard guard() {
    return guard;
  }

  /**
   * The clock in use.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Sends a request and returns the answer whatever its status; with OAuth, a 401 answer drops
   * the cached token and the request is sent once more with a new one.
   *
   * @param request the request
   * @param authentication how to authenticate; {@code null} for none
   * @param options timeouts, TLS, redirects, size limit
   * @param log the connector's logger
   * @return the response
   * @throws ConnectorException {@code ADDRESS_DENIED}, {@code TLS_FAILED},
   *     {@code RESPONSE_TOO_LARGE}, {@code TOO_MANY_REDIRECTS}, {@code OAUTH_FAILED},
   *     {@code INVALID_INPUT}
   * @throws RetryableException {@code TIMEOUT}, {@code CONNECTION_FAILED}, {@code UNKNOWN_HOST}
   */
  public RawResponse exchange(OutgoingRequest request, Authentication authentication,
      ClientOptions options, Logger log) {
    Authentication auth = authentication == null ? new Authentication.None() : authentication;
    RawResponse response = exchangeOnce(request, auth, options, log);
    if (response.status() == 401 && auth instanceof OAuth2ClientCredentials oauth) {
      log.debug("event=oauth.token.rejected endpoint=\"{}\" action=refetch", request.describe());
      tokens.invalidate(oauth);
      response = exchangeOnce(request, auth, options, log);
    }
    return response;
  }

  /**
   * The values of an authentication that must never show: passwords, tokens, keys.
   *
   * @param authentication the authentication, may be {@code null}
   * @return the values
   */
  public static Set<String> secretValues(Authentication authentication) {
    Set<String> out = new LinkedHashSet<>();
    if (authentication instanceof Basic b) {
      out.add(b.password());
      out.add(Base64.getEncoder().encodeToString(
          (b.username() + ":" + b.password()).getBytes(StandardCharsets.UTF_8)));
    } else if (authentication instanceof Bearer b) {
      out.add(b.token());
    } else if (authentication instanceof ApiKey k) {
      out.add(k.value());
    } else if (authentication instanceof OAuth2ClientCredentials o) {
      out.add(o.clientSecret());
    }
    out.remove(null);
    return out;
  }

  private RawResponse exchangeOnce(OutgoingRequest request, Authentication auth,
      ClientOptions options, Logger log) {
    URI original = request.uri();
    String authHeaderName = null;
    String authHeaderValue = null;
    URI current = original;
    if (auth instanceof Basic b) {
      authHeaderName = "Authorization";
      authHeaderValue = "Basic " + Base64.getEncoder().encodeToString(
          (b.username() + ":" + b.password()).getBytes(StandardCharsets.UTF_8));
    } else if (auth instanceof Bearer b) {
      authHeaderName = "Authorization";
      authHeaderValue = "Bearer " + b.token();
    } else if (auth instanceof ApiKey k) {
      if (k.effectiveLocation() == ApiKey.ApiKeyLocation.QUERY) {
        current = withQueryParameter(original, k.name(), k.value());
      } else {
        authHeaderName = k.name();
        authHeaderValue = k.value();
      }
    } else if (auth instanceof OAuth2ClientCredentials o) {
      authHeaderName = "Authorization";
      authHeaderValue = "Bearer " + tokens.token(o, () -> fetchToken(o, options, log));
    }

    String method = request.method();
    byte[] body = request.body();
    Map<String, String> headers = new LinkedHashMap<>(request.headers());
    for (int hop = 0; ; hop++) {
      guard.check(method, current);
      boolean sameOrigin = sameOrigin(original, current);
      HttpRequest.Builder builder = HttpRequest.newBuilder(current).timeout(options.readTimeout());
      for (Map.Entry<String, String> h : headers.entrySet()) {
        if (h.getValue() == null
            || !sameOrigin && CROSS_ORIGIN_DROPPED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
          continue;
        }
        try {
          builder.header(h.getKey(), h.getValue());
        } catch (IllegalArgumentException e) {
          throw new ConnectorException("INVALID_INPUT", "Header '" + h.getKey() + "' of "
              + request.describe() + " cannot be set: " + e.getMessage()
              + ". Remove it from the headers; the HTTP client sets it itself.");
        }
      }
      if (authHeaderName != null && sameOrigin) {
        builder.setHeader(authHeaderName, authHeaderValue);
      }
      builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofByteArray(body));
      RawResponse response = send(client(options, log), builder.build(), method, current, options,
          log);
      String location = response.header("location");
      if (!options.followRedirects() || !isRedirect(response.status()) || location == null) {
        return response;
      }
      if (hop >= ClientOptions.MAX_REDIRECTS) {
        throw new ConnectorException("TOO_MANY_REDIRECTS", request.describe() + " redirected more"
            + " than " + ClientOptions.MAX_REDIRECTS + " times (last to "
            + Endpoints.withoutSecrets(current) + "); call the final URL directly");
      }
      URI next;
      try {
        next = current.resolve(location.trim());
      } catch (IllegalArgumentException e) {
        throw new ConnectorException("INVALID_RESPONSE", response.describe()
            + " redirected to a Location that is not a valid URL");
      }
      if (next.getScheme() == null
          || !(next.getScheme().equalsIgnoreCase("http") || next.getScheme().equalsIgnoreCase("https"))) {
        throw new ConnectorException("INVALID_RESPONSE", response.describe()
            + " redirected to a non-HTTP URL (" + next.getScheme() + ")");
      }
      int status = response.status();
      if (status == 303 && !method.equals("HEAD")
          || (status == 301 || status == 302) && method.equals("POST")) {
        // What browsers do, and what servers that answer POST with 303 expect.
        method = "GET";
        body = null;
        headers.keySet().removeIf(k -> k.equalsIgnoreCase("content-type"));
      }
      log.debug("event=http.redirect status={} from=\"{}\" to=\"{}\"", status,
          Endpoints.withoutSecrets(current), Endpoints.withoutSecrets(next));
      current = next;
    }
  }

  private RawResponse send(HttpClient client, HttpRequest httpRequest, String method, URI uri,
      ClientOptions options, Logger log) {
    String endpoint = Endpoints.describe(method, uri);
    long started = System.nanoTime();
    CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(httpRequest,
        info -> new LimitedBodySubscriber(options.maxResponseBytes(),
            info.headers().firstValueAsLong("content-length").orElse(-1)));
    // The request timeout only covers the wait for the headers; this bounds the body too.
    Duration total = options.readTimeout().plus(options.connectTimeout());
    HttpResponse<byte[]> response;
    try {
      response = future.get(total.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new RetryableException("TIMEOUT", endpoint + " did not answer completely within "
          + options.readTimeout().toSeconds() + " s (readTimeoutSeconds); raise the timeout or"
          + " check the server", null, e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new RetryableException("TIMEOUT", endpoint + " was interrupted before it answered"
          + " (the connector's time ran out)", null, e);
    } catch (ExecutionException e) {
      throw transportFailure(endpoint, e.getCause(), options);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
    log.debug("event=http.response endpoint=\"{}\" status={} bytes={} durationMs={}", endpoint,
        response.statusCode(), response.body().length, (System.nanoTime() - started) / 1_000_000);
    return new RawResponse(method, uri, response.statusCode(), headers, response.body());
  }

  private static ConnectorException transportFailure(String endpoint, Throwable error,
      ClientOptions options) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof LimitedBodySubscriber.TooLargeException) {
        return new ConnectorException("RESPONSE_TOO_LARGE", endpoint + " answered with a body"
            + " larger than " + options.maxResponseBytes() + " bytes, the limit; ask for less"
            + " (paging, a filter) or download it another way");
      }
      if (t instanceof HttpConnectTimeoutException) {
        return new RetryableException("TIMEOUT", endpoint + " could not connect within "
            + options.connectTimeout().toSeconds() + " s (connectionTimeoutSeconds); check that"
            + " the server is up and reachable", null, t);
      }
      if (t instanceof HttpTimeoutException) {
        return new RetryableException("TIMEOUT", endpoint + " did not answer within "
            + options.readTimeout().toSeconds() + " s (readTimeoutSeconds); raise the timeout or"
            + " check the server", null, t);
      }
      if (t instanceof SSLException) {
        return new ConnectorException("TLS_FAILED", endpoint + " failed the TLS handshake: "
            + t.getMessage() + ". If the server uses a private CA, give its certificate in"
            + " caCertificatePem.", t);
      }
      if (t instanceof ConnectException) {
        return new RetryableException("CONNECTION_FAILED", endpoint + " refused the connection ("
            + t.getClass().getSimpleName() + "); check that the server is up at that address",
            null, t);
      }
    }
    String reason = error == null ? "unknown error"
        : error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    // Connection reset, closed early, unresolvable when no guard resolved it first: worth a retry.
    return new RetryableException("CONNECTION_FAILED", endpoint + " failed: " + reason, null, error);
  }

  private HttpClient client(ClientOptions options, Logger log) {
    ClientOptions.ClientKey key = options.clientKey();
    HttpClient client = clients.get(key);
    if (client != null) {
      return client;
    }
    if (clients.size() >= MAX_CLIENTS) {
      clients.clear();
    }
    return clients.computeIfAbsent(key, k -> newClient(k, log));
  }

  private HttpClient newClient(ClientOptions.ClientKey key, Logger log) {
    HttpClient.Builder builder = HttpClient.newBuilder()
        .connectTimeout(key.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1)
        .executor(executor);
    // The JVM's proxy settings (-Dhttps.proxyHost, -Dhttp.nonProxyHosts, ...) apply.
    java.net.ProxySelector proxies = java.net.ProxySelector.getDefault();
    if (proxies != null) {
      builder.proxy(proxies);
    }
    if (key.trustAll()) {
      log.warn("event=tls.trust_all_certificates connectTimeoutMs={} note=\"TLS certificate and"
          + " host name checks are OFF for calls with trustAllCertificates=true; use only for"
          + " testing\"", key.connectTimeout().toMillis());
      builder.sslContext(TlsContexts.trustAll());
    } else if (key.caPem() != null) {
      builder.sslContext(TlsContexts.withExtraCas(key.caPem()));
    }
    // The client's selector thread inherits the context class loader; a plugin loader there
    // would outlive the plugin.
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(null);
    try {
      return builder.build();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private OAuthTokenCache.Token fetchToken(OAuth2ClientCredentials o, ClientOptions options,
      Logger log) {
    URI tokenUri;
    try {
      tokenUri = URI.create(o.tokenUrl().trim());
    } catch (IllegalArgumentException e) {
      throw new ConnectorException("INVALID_INPUT", "authentication.tokenUrl is not a valid URL;"
          + " give the token endpoint as https://host/path");
    }
    StringJoiner form = new StringJoiner("&");
    form.add("grant_type=client_credentials");
    if (o.scopes() != null && !o.scopes().isBlank()) {
      form.add("scope=" + encode(o.scopes().trim()));
    }
    if (o.audience() != null && !o.audience().isBlank()) {
      form.add("audience=" + encode(o.audience().trim()));
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/x-www-form-urlencoded");
    headers.put("Accept", "application/json");
    Authentication clientAuth;
    if (o.effectiveClientAuthentication()
        == OAuth2ClientCredentials.ClientAuthentication.REQUEST_BODY) {
      form.add("client_id=" + encode(o.clientId()));
      form.add("client_secret=" + encode(o.clientSecret()));
      clientAuth = new Authentication.None();
    } else {
      // RFC 6749 section 2.3.1: form-encode id and secret before Basic encoding.
      clientAuth = new Basic(encode(o.clientId()), encode(o.clientSecret()));
    }
    OutgoingRequest request = new OutgoingRequest("POST", tokenUri, headers,
        form.toString().getBytes(StandardCharsets.UTF_8));
    RawResponse response = exchangeOnce(request, clientAuth, options, log);
    Set<String> secrets = secretValues(o);
    secrets.addAll(secretValues(clientAuth));
    int status = response.status();
    if (status >= 400) {
      String detail = oauthErrorDetail(response, secrets);
      String message = "OAuth token endpoint " + response.describe() + " answered HTTP " + status
          + detail + " for client '" + o.clientId() + "'";
      if (status == 429 || status >= 500 || status == 408) {
        throw new RetryableException("OAUTH_FAILED", message + "; it will be retried",
            HttpErrors.retryAfter(response, clock), null);
      }
      throw new ConnectorException("OAUTH_FAILED", message + ". Check clientId, clientSecret,"
          + " scopes and tokenUrl.");
    }
    JsonNode json;
    try {
      json = mapper.readTree(response.body());
    } catch (IOException e) {
      json = null;
    }
    if (json == null || !json.path("access_token").isTextual()
        || json.path("access_token").asText().isEmpty()) {
      throw new ConnectorException("OAUTH_FAILED", "OAuth token endpoint " + response.describe()
          + " answered HTTP " + status + " without an access_token in a JSON body; check that"
          + " tokenUrl is the token endpoint");
    }
    JsonNode expires = json.path("expires_in");
    Duration lifetime = expires.canConvertToLong() || expires.isTextual() && expires.asText().matches("\\d+")
        ? Duration.ofSeconds(expires.asLong()) : null;
    log.debug("event=oauth.token.fetched endpoint=\"{}\" clientId={} expiresInS={}",
        response.describe(), o.clientId(), lifetime == null ? "unknown" : lifetime.toSeconds());
    return new OAuthTokenCache.Token(json.path("access_token").asText(), lifetime);
  }

  private String oauthErrorDetail(RawResponse response, Set<String> secrets) {
    try {
      JsonNode json = mapper.readTree(response.body());
      if (json != null && json.has("error")) {
        String description = json.path("error_description").asText("");
        String detail = " (error=" + json.path("error").asText()
            + (description.isEmpty() ? "" : ": " + description) + ")";
        for (String s : secrets) {
          if (s != null && s.length() >= 3) {
            detail = detail.replace(s, "***");
          }
        }
        return detail;
      }
    } catch (IOException e) {
      // not an RFC 6749 error body; fall back to the excerpt
    }
    String snippet = response.snippet(200, secrets);
    return snippet.isEmpty() ? "" : " (" + snippet + ")";
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return Objects.equals(lower(a.getScheme()), lower(b.getScheme()))
        && Objects.equals(lower(a.getHost()), lower(b.getHost()))
        && effectivePort(a) == effectivePort(b);
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }

  private static int effectivePort(URI u) {
    if (u.getPort() >= 0) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  /**
   * Appends one query parameter, form-encoded, to a URI.
   *
   * @param uri the URI
   * @param name the parameter name
   * @param value its value
   * @return the new URI
   */
  public static URI withQueryParameter(URI uri, String name, String value) {
    String s = uri.toString();
    int hash = s.indexOf('#');
    String fragment = hash < 0 ? "" : s.substring(hash);
    String base = hash < 0 ? s : s.substring(0, hash);
    String sep = base.contains("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?";
    return URI.create(base + sep + encode(name) + "=" + encode(value) + fragment);
  }

  /**
   * Form-encodes a value with UTF-8, spaces as {@code %20} so it also fits in a path.
   *
   * @param value the value
   * @return the encoded value
   */
  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static final class DaemonThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "plugboard-http-" + count.incrementAndGet());
      t.setDaemon(true);
      t.setContextClassLoader(null);
      return t;
    }
  }

}
