package dev.plugboard.templates.generator;

import java.util.List;

/**
 * One form property read from a connector's input type, before it is written in a flavor.
 *
 * @param id the template property id (unique in the template)
 * @param bindingName the name the runtime binds (dotted for nested fields)
 * @param label the form label
 * @param description help text, may be empty
 * @param tooltip tooltip, may be empty
 * @param group the group id
 * @param kind the form control
 * @param feel whether FEEL is offered
 * @param value the default value as text, or {@code null}
 * @param placeholder placeholder text, may be empty
 * @param choices dropdown choices, empty for other kinds
 * @param conditions the conditions under which the property is shown, all must hold
 * @param notEmpty whether a value is required
 * @param minLength minimum length or {@code null}
 * @param maxLength maximum length or {@code null}
 * @param pattern a regular expression the value must match, or {@code null}
 * @param patternMessage the message shown when the pattern does not match
 * @param secret whether the field holds a credential
 * @param source where the property comes from, {@code Class#field}, for error messages
 */
record PropertySpec(
    String id,
    String bindingName,
    String label,
    String description,
    String tooltip,
    String group,
    Kind kind,
    Feel feel,
    String value,
    String placeholder,
    List<Choice> choices,
    List<Condition> conditions,
    boolean notEmpty,
    Integer minLength,
    Integer maxLength,
    String pattern,
    String patternMessage,
    boolean secret,
    String source) {

  /** The form control. */
  enum Kind { STRING, TEXT, NUMBER, BOOLEAN, DROPDOWN, HIDDEN }

  /** The resolved FEEL mode. */
  enum Feel { NONE, OPTIONAL, REQUIRED, STATIC }

  /**
   * A dropdown choice.
   *
   * @param value the value written into the model
   * @param name the label
   */
  record Choice(String value, String name) {}

  /**
   * Show a property only when another property has one of some values.
   *
   * @param property the id of the other property
   * @param equals the values
   */
  record Condition(String property, List<String> equals) {}
}
