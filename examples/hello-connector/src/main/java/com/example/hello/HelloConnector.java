package com.example.hello;

import dev.plugboard.sdk.BpmnError;
import dev.plugboard.sdk.Connector;
import dev.plugboard.sdk.ConnectorContext;
import dev.plugboard.sdk.OutboundConnector;
import java.util.Locale;
import java.util.Map;

/** Greets someone: the smallest useful connector, the one docs/writing-a-connector.md builds. */
@Connector(
    type = "com.example:hello:1",
    name = "Hello",
    description = "Greets someone by name.",
    category = "Examples",
    icon = "com/example/hello/hello.svg",
    keywords = {"hello", "example"})
public class HelloConnector implements OutboundConnector<HelloInput, HelloResult> {

  @Override
  public HelloResult execute(HelloInput input, ConnectorContext context) {
    if (input.name().equalsIgnoreCase("nobody")) {
      // A business outcome the process can catch with an error boundary event.
      throw new BpmnError("NOBODY_TO_GREET", "There is nobody to greet", Map.of());
    }
    String greeting = input.style() == HelloInput.Style.FORMAL ? "Good day" : "Hello";
    String message = greeting + ", " + input.name() + "!";
    context.logger().info("greeted name_length={}", input.name().length());
    return new HelloResult(input.shout() ? message.toUpperCase(Locale.ROOT) : message);
  }
}
