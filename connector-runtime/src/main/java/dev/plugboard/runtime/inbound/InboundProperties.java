package dev.plugboard.runtime.inbound;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the inbound layer ({@code plugboard.inbound.*}).
 *
 * @param maxBodySize the largest webhook body accepted; larger ones get 413
 * @param dedupTtl how long a message id is remembered for deduplication
 * @param scanInterval how often deployed process definitions are compared with the active
 *     activations (new deployments, undeployments, new versions)
 */
@ConfigurationProperties("plugboard.inbound")
public record InboundProperties(
    @DefaultValue("1MB") DataSize maxBodySize,
    @DefaultValue("P7D") Duration dedupTtl,
    @DefaultValue("PT2S") Duration scanInterval) {}
