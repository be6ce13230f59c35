package dev.plugboard.runtime.engine.operaton;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded Operaton engine adapter ({@code plugboard.operaton.*}). The engine
 * itself is configured with Operaton's {@code operaton.bpm.*} and Spring's
 * {@code spring.datasource.*} (see docs/engines.md).
 *
 * @param workerId the worker id external tasks are locked with; empty means host name + pid, so
 *     that every runtime of a cluster has its own
 * @param lockDuration how long a fetched task stays locked; a running connector's lock is
 *     extended every half of it, so a crashed runtime's tasks return after at most this long
 * @param maxConcurrent connector executions in flight at once (also the fetch size)
 * @param idleWait the longest wait for new tasks when none are available; a task created in this
 *     JVM wakes the worker at once, this bound covers tasks created by other cluster nodes and
 *     retries whose backoff ends
 * @param missingTypeCheck how often tasks whose topic no loaded plugin provides are looked for
 *     (they get an incident naming the missing type)
 * @param processesDir a folder of BPMN/DMN files deployed at start (after the bundled examples)
 * @param deployExamples whether the example processes bundled in the runtime jar are deployed
 * @param foreignTopics external task topics served by workers outside Plugboard: never given a
 *     "missing connector type" incident
 */
@ConfigurationProperties("plugboard.operaton")
public record OperatonProperties(
    @DefaultValue("") String workerId,
    @DefaultValue("PT1M") Duration lockDuration,
    @DefaultValue("32") int maxConcurrent,
    @DefaultValue("PT1S") Duration idleWait,
    @DefaultValue("PT5S") Duration missingTypeCheck,
    @DefaultValue("./processes") String processesDir,
    @DefaultValue("true") boolean deployExamples,
    @DefaultValue("") java.util.Set<String> foreignTopics) {}
