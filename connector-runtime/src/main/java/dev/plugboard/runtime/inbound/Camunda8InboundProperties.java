package dev.plugboard.runtime.inbound;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the inbound layer on Camunda 8 ({@code plugboard.inbound.camunda8.*}).
 *
 * @param messageTtl time to live of a message published with a message id: Zeebe buffers it that
 *     long and rejects another message with the same name, correlation key and id meanwhile, so
 *     this is the deduplication window; an instance that starts waiting within it still gets the
 *     message
 */
@ConfigurationProperties("plugboard.inbound.camunda8")
public record Camunda8InboundProperties(@DefaultValue("PT1H") Duration messageTtl) {}
