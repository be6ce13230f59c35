package com.example.hello;

import dev.plugboard.sdk.TemplateProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * What the modeler fills in: each field becomes a property of the element template.
 *
 * @param name who to greet
 * @param style how to greet
 * @param shout whether to answer in capitals
 */
public record HelloInput(
    @NotBlank @Size(max = 100)
    @TemplateProperty(label = "Name", description = "Who to greet", placeholder = "Ada")
    String name,
    @TemplateProperty(label = "Greeting style")
    Style style,
    @TemplateProperty(label = "Shout", description = "Answer in capitals")
    boolean shout) {

  /** The greeting styles, shown as a dropdown. */
  public enum Style {
    @TemplateProperty(label = "Friendly (Hello)") FRIENDLY,
    @TemplateProperty(label = "Formal (Good day)") FORMAL
  }
}
