package dev.plugboard.runtime.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requires {@code Authorization: Bearer <admin token>} on every mutating call (POST, PUT, PATCH,
 * DELETE) under {@code /api/} and the engine's {@code /engine-rest/}; reads stay open. A missing or wrong token gets 401 with a JSON
 * error body and a {@code WWW-Authenticate} header.
 */
public class AdminTokenFilter extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(AdminTokenFilter.class);
  private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final String BEARER = "bearer ";

  private final AdminToken token;

  /**
   * A filter checking one token.
   *
   * @param token the admin token
   */
  public AdminTokenFilter(AdminToken token) {
    this.token = token;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    // The registration maps the filter to /api, /api/*, /engine-rest and /engine-rest/*
    // (matched by the container on the
    // decoded path). The raw request URI is not checked here on purpose: "/%61pi/..." would not
    // look like /api in it, yet reach the API controllers.
    return !MUTATING.contains(request.getMethod().toUpperCase(java.util.Locale.ROOT))
        || isBotApi(request);
  }

  /**
   * The RPA bot API authenticates each bot with its own token (dev.plugboard.rpa.server); bot
   * calls are not admin calls. The servlet path is the container's decoded and normalized path,
   * so "/api/rpa/../plugins" is "/api/plugins" here and still needs the admin token.
   */
  private static boolean isBotApi(HttpServletRequest request) {
    String path = request.getServletPath()
        + (request.getPathInfo() == null ? "" : request.getPathInfo());
    return path.startsWith("/api/rpa/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (header == null || header.isBlank()) {
      reject(request, response, "Missing 'Authorization: Bearer <admin token>' header; mutating"
          + " API calls need the admin token (PLUGBOARD_ADMIN_TOKEN, or the one printed at start-up)");
      return;
    }
    if (header.length() < BEARER.length()
        || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      reject(request, response, "The Authorization header must use the Bearer scheme:"
          + " 'Authorization: Bearer <admin token>'");
      return;
    }
    if (!token.matches(header.substring(BEARER.length()))) {
      reject(request, response, "The admin token is wrong; use PLUGBOARD_ADMIN_TOKEN, or the"
          + " token printed at start-up");
      return;
    }
    chain.doFilter(request, response);
  }

  private static void reject(HttpServletRequest request, HttpServletResponse response,
      String message) throws IOException {
    LOG.warn("admin call rejected method={} path={} remote={}", request.getMethod(),
        request.getRequestURI(), request.getRemoteAddr());
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader("WWW-Authenticate", "Bearer realm=\"plugboard\"");
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write("{\"code\":\"UNAUTHORIZED\",\"message\":\"" + message + "\"}");
  }
}
