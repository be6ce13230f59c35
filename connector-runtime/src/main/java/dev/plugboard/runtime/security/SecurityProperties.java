package dev.plugboard.runtime.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Security settings.
 *
 * @param adminToken the bearer token for mutating API calls; when empty the runtime reads the
 *     environment variable {@code PLUGBOARD_ADMIN_TOKEN}, and when that is empty too it generates
 *     one and prints it once at start-up
 */
@ConfigurationProperties("plugboard.security")
public record SecurityProperties(String adminToken) {}
