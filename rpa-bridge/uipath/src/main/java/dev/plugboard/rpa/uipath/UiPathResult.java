package dev.plugboard.rpa.uipath;

import java.util.Map;

/**
 * A UiPath job as the connector leaves it.
 *
 * @param jobId the job id
 * @param jobKey the job key
 * @param state the last state ({@code Successful}, or {@code Pending}/{@code Running} when not
 *     waiting)
 * @param outputArguments the job's output arguments (empty until it succeeded)
 * @param info the job's info text
 */
public record UiPathResult(long jobId, String jobKey, String state,
    Map<String, Object> outputArguments, String info) {}
