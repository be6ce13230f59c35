package dev.plugboard.rpa.automationanywhere;

import java.util.Map;

/**
 * A bot run as the connector leaves it.
 *
 * @param deploymentId the Control Room's id of the deployment
 * @param automationName the run's name in the Control Room
 * @param status the last status ({@code COMPLETED}, or {@code DEPLOYED} when not waiting)
 * @param outputVariables the bot's output variables as plain values (empty until it completed)
 */
public record AutomationAnywhereResult(String deploymentId, String automationName, String status,
    Map<String, Object> outputVariables) {}
