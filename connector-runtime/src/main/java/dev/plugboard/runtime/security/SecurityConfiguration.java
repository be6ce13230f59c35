package dev.plugboard.runtime.security;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Registers the {@link AdminTokenFilter} in front of everything else under {@code /api/} and
 * {@code /engine-rest/}: a deployment can carry script tasks that run inside the runtime, so
 * deploying, starting and changing process state are admin calls too.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  /**
   * The admin token filter.
   *
   * @param token the admin token
   * @return its registration
   */
  @Bean
  public FilterRegistrationBean<AdminTokenFilter> adminTokenFilter(AdminToken token) {
    FilterRegistrationBean<AdminTokenFilter> registration =
        new FilterRegistrationBean<>(new AdminTokenFilter(token));
    registration.addUrlPatterns("/api", "/api/*", "/engine-rest", "/engine-rest/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    registration.setName("plugboardAdminTokenFilter");
    return registration;
  }
}
