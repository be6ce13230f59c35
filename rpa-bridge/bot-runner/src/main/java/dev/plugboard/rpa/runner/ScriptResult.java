package dev.plugboard.rpa.runner;

import com.fasterxml.jackson.databind.JsonNode;

/** What running an item's command came to. */
public sealed interface ScriptResult {

  /** Exit code 0 and JSON output: complete the item. */
  record Success(JsonNode output) implements ScriptResult {}

  /** An exit code configured as a business error: a BPMN error with this code. */
  record BusinessError(String code, String message) implements ScriptResult {}

  /** Anything else (other exit codes, unreadable output, timeout): retry, then incident. */
  record TechnicalError(String code, String message, String details) implements ScriptResult {}

  /** The item was taken away while running (lock lost): report nothing. */
  record Abandoned(String reason) implements ScriptResult {}
}
