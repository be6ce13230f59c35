package dev.plugboard.it.plugin;

import jakarta.validation.constraints.NotBlank;

/**
 * Input of the test connector.
 *
 * @param item an id the test tracks (required: a missing one gives a validation incident)
 * @param recordUrl when set, the connector POSTs {@code item} there first (WireMock counts calls)
 * @param sleepMillis how long to work (to be mid-run when a runtime is killed)
 * @param failCode when set, fails with a {@code ConnectorException} of this code
 * @param bpmnErrorCode when set, throws a BPMN error of this code
 * @param retryCode when set, fails with a {@code RetryableException} of this code
 */
public record EchoInput(@NotBlank String item, String recordUrl, Long sleepMillis,
    String failCode, String bpmnErrorCode, String retryCode) {}
