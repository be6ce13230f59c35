package dev.plugboard.runtime.secrets;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the runtime finds secrets for {@code {{secrets.NAME}}} placeholders.
 *
 * @param envPrefix environment variables named {@code <envPrefix>NAME} provide secret
 *     {@code NAME}; only variables with this prefix are ever read
 * @param folder a folder of files, one secret per file (file name = secret name, one trailing
 *     newline trimmed), as Kubernetes mounts secrets; changes are seen on the next lookup
 * @param minMaskedLength secret values shorter than this are not masked in logs (masking a
 *     one-letter value would garble every line); such secrets are reported at start-up
 */
@ConfigurationProperties("plugboard.secrets")
public record SecretsProperties(
    @DefaultValue("PLUGBOARD_SECRET_") String envPrefix,
    @DefaultValue("./secrets") Path folder,
    @DefaultValue("4") int minMaskedLength) {}
