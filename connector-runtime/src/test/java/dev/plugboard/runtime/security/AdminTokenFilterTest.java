package dev.plugboard.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class AdminTokenFilterTest {

  final AdminTokenFilter filter = new AdminTokenFilter(
      new AdminToken(new SecurityProperties("tok-123"), new MockEnvironment()));

  int status(String method, String path, String authorization) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest(method, path);
    if (authorization != null) {
      request.addHeader("Authorization", authorization);
    }
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();
    filter.doFilter(request, response, chain);
    return chain.getRequest() == null ? response.getStatus() : 200;
  }

  @Test
  void readsStayOpenAndEveryMutatingMethodNeedsTheToken() throws Exception {
    assertThat(status("GET", "/api/plugins", null)).isEqualTo(200);
    assertThat(status("HEAD", "/api/plugins", null)).isEqualTo(200);
    for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
      assertThat(status(method, "/api/plugins/x", null)).as(method).isEqualTo(401);
      assertThat(status(method, "/api/plugins/x", "Bearer nope")).as(method).isEqualTo(401);
      assertThat(status(method, "/api/plugins/x", "Basic dG9rLTEyMw==")).as(method).isEqualTo(401);
      assertThat(status(method, "/api/plugins/x", "Bearer tok-123")).as(method).isEqualTo(200);
      assertThat(status(method, "/api/plugins/x", "bearer tok-123")).as(method).isEqualTo(200);
    }
  }

  @Test
  void theRejectionIsAJsonErrorWithAChallenge() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("DELETE", "/api/plugins/x");
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(request, response, new MockFilterChain());
    assertThat(response.getStatus()).isEqualTo(401);
    assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
    assertThat(response.getContentType()).startsWith("application/json");
    assertThat(response.getContentAsString()).contains("\"code\":\"UNAUTHORIZED\"");
  }
}
