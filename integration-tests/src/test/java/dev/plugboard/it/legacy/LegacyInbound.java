package dev.plugboard.it.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.it.LocalServices;
import dev.plugboard.it.RuntimeProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Shared steps of the legacy inbound tests: plugin jars, BPMN with inbound properties, engine queries. */
final class LegacyInbound {

  static final ObjectMapper JSON = new ObjectMapper();

  private LegacyInbound() {}

  /**
   * A legacy plugin jar from dist/plugins, or the test is skipped (failed under CI) with the build command.
   *
   * @param module the module's artifact id, e.g. {@code legacy-jms}
   * @return the jar
   */
  static Path plugin(String module) {
    Path jar = RuntimeProcess.distPlugin(module);
    LocalServices.requireCondition(jar != null, "dist/plugins has no " + module + " jar; build it with:"
        + " mvn -pl legacy-adapters/" + module.substring("legacy-".length()) + " -am verify");
    return jar;
  }

  /** {@code <camunda:property>} elements for an element's extension properties, values XML-escaped. */
  static String properties(Map<String, Object> properties) {
    return properties.entrySet().stream()
        .map(e -> "<camunda:property name=\"" + e.getKey() + "\" value=\"" + xml(String.valueOf(e.getValue())) + "\" />")
        .collect(Collectors.joining("\n", "<bpmn:extensionElements><camunda:properties>\n",
            "\n</camunda:properties></bpmn:extensionElements>"));
  }

  /**
   * Writes a BPMN file into a temporary folder.
   *
   * @param processId the process id (the file is {@code <processId>.bpmn})
   * @param body the {@code <bpmn:definitions>} content: messages and the process
   * @return the file
   */
  static Path bpmn(String processId, String body) {
    try {
      Path dir = Files.createTempDirectory("plugboard-legacy-it");
      return Files.writeString(dir.resolve(processId + ".bpmn"), """
          <?xml version="1.0" encoding="UTF-8"?>
          <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
              xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs-%s" targetNamespace="it">
          %s
          </bpmn:definitions>
          """.formatted(processId, body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A process that starts by a message, optionally waits at a message catch event, then waits at
   * a user task {@code Review} (so that instances stay running for inspection).
   *
   * @param processId the process id; its messages are named {@code <processId>-start} and {@code -catch}
   * @param startId the start event's id
   * @param start the start event's extension properties
   * @param catchId the catch event's id, or {@code null} for none
   * @param catchEvent its extension properties, or {@code null}
   * @return the BPMN file
   */
  static Path process(String processId, String startId, Map<String, Object> start, String catchId,
      Map<String, Object> catchEvent) {
    String waiting = catchId == null ? "" : """
          <bpmn:intermediateCatchEvent id="%1$s">%2$s
            <bpmn:incoming>toCatch</bpmn:incoming><bpmn:outgoing>toReview</bpmn:outgoing>
            <bpmn:messageEventDefinition messageRef="MsgCatch" />
          </bpmn:intermediateCatchEvent>
          <bpmn:sequenceFlow id="toReview" sourceRef="%1$s" targetRef="Review" />
        """.formatted(catchId, properties(catchEvent));
    String firstFlow = catchId == null ? "toReview" : "toCatch";
    return bpmn(processId, """
        <bpmn:message id="MsgStart" name="%1$s-start" />
        <bpmn:message id="MsgCatch" name="%1$s-catch" />
        <bpmn:process id="%1$s" isExecutable="true" camunda:historyTimeToLive="P1D">
          <bpmn:startEvent id="%2$s">%3$s
            <bpmn:outgoing>%4$s</bpmn:outgoing>
            <bpmn:messageEventDefinition messageRef="MsgStart" />
          </bpmn:startEvent>
          <bpmn:sequenceFlow id="%4$s" sourceRef="%2$s" targetRef="%5$s" />
        %6$s
          <bpmn:userTask id="Review"><bpmn:incoming>toReview</bpmn:incoming><bpmn:outgoing>toEnd</bpmn:outgoing></bpmn:userTask>
          <bpmn:sequenceFlow id="toEnd" sourceRef="Review" targetRef="End" />
          <bpmn:endEvent id="End"><bpmn:incoming>toEnd</bpmn:incoming></bpmn:endEvent>
        </bpmn:process>
        """.formatted(processId, startId, properties(start), firstFlow, catchId == null ? "Review" : catchId, waiting));
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** The historic instances of a process, as the engine's REST API lists them. */
  static List<JsonNode> instances(RuntimeProcess runtime, String processKey) throws IOException {
    JsonNode all = JSON.readTree(runtime.get("/engine-rest/history/process-instance?processDefinitionKey="
        + processKey).body());
    List<JsonNode> out = new ArrayList<>();
    all.forEach(out::add);
    return out;
  }

  /** A variable of an instance (history), or {@code null}. */
  static JsonNode variable(RuntimeProcess runtime, String processInstanceId, String name) throws IOException {
    JsonNode list = JSON.readTree(runtime.get("/engine-rest/history/variable-instance?processInstanceId="
        + processInstanceId + "&variableName=" + URLEncoder.encode(name, StandardCharsets.UTF_8)).body());
    return list.isArray() && !list.isEmpty() ? list.get(0).path("value") : null;
  }

  /** The values of one variable over all instances of a process, in no particular order. */
  static List<String> values(RuntimeProcess runtime, String processKey, String name) throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode pi : instances(runtime, processKey)) {
      JsonNode v = variable(runtime, pi.path("id").asText(), name);
      out.add(v == null ? null : v.asText());
    }
    return out;
  }

  /** Whether an activity of an instance has completed. */
  static boolean completed(RuntimeProcess runtime, String processInstanceId, String activityId) throws IOException {
    JsonNode list = JSON.readTree(runtime.get("/engine-rest/history/activity-instance?processInstanceId="
        + processInstanceId + "&activityId=" + activityId + "&finished=true").body());
    return list.isArray() && list.size() == 1;
  }
}
