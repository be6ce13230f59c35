package dev.plugboard.templates.generator;

import dev.plugboard.sdk.Connector;
import dev.plugboard.sdk.ConnectorContext;
import dev.plugboard.sdk.FeelMode;
import dev.plugboard.sdk.OutboundConnector;
import dev.plugboard.sdk.PropertyType;
import dev.plugboard.sdk.TemplateProperty;

/** Connector classes with one broken annotation each. */
final class BrokenConnectors {

  private BrokenConnectors() {}

  /** Base for the fixtures. */
  abstract static class Base<I> implements OutboundConnector<I, String> {
    @Override
    public String execute(I input, ConnectorContext context) {
      return "";
    }
  }

  record Plain(String text) {}

  @Connector(type = "Bad Type!", name = "Invalid type")
  static class InvalidType extends Base<Plain> {}

  static class NotAnnotated extends Base<Plain> {}

  record DropdownInput(@TemplateProperty(type = PropertyType.DROPDOWN) String mode) {}

  @Connector(type = "test:dropdown:1", name = "Dropdown without choices")
  static class DropdownWithoutChoices extends Base<DropdownInput> {}

  record DuplicateInput(@TemplateProperty(id = "name") String first, String name) {}

  @Connector(type = "test:duplicate:1", name = "Duplicate id")
  static class DuplicateId extends Base<DuplicateInput> {}

  record MissingConditionInput(
      @TemplateProperty(conditionProperty = "nothere", conditionEquals = "x") String text) {}

  @Connector(type = "test:missing-condition:1", name = "Condition on a missing property")
  static class ConditionOnMissingProperty extends Base<MissingConditionInput> {}

  record SelfConditionInput(
      @TemplateProperty(conditionProperty = "text", conditionEquals = "x") String text) {}

  @Connector(type = "test:self-condition:1", name = "Condition on itself")
  static class ConditionOnItself extends Base<SelfConditionInput> {}

  record UnknownGroupInput(@TemplateProperty(group = "nowhere") String text) {}

  @Connector(type = "test:unknown-group:1", name = "Unknown group")
  static class UnknownGroup extends Base<UnknownGroupInput> {}

  record HiddenInput(@TemplateProperty(type = PropertyType.HIDDEN) String text) {}

  @Connector(type = "test:hidden:1", name = "Hidden without value")
  static class HiddenWithoutValue extends Base<HiddenInput> {}

  record FeelDropdownInput(@TemplateProperty(feel = FeelMode.REQUIRED,
      choices = {"a", "b"}) String mode) {}

  @Connector(type = "test:feel-dropdown:1", name = "FEEL on a dropdown")
  static class FeelOnDropdown extends Base<FeelDropdownInput> {}

  record ReservedInput(String resultVariable) {}

  @Connector(type = "test:reserved:1", name = "Reserved id")
  static class ReservedId extends Base<ReservedInput> {}

  @Connector(type = "test:icon:1", name = "Missing icon", icon = "icons/missing.svg")
  static class MissingIcon extends Base<Plain> {}

  record BadChoiceInput(@TemplateProperty(choices = {"a", "b"}) String mode,
      @TemplateProperty(conditionProperty = "mode", conditionEquals = "c") String extra) {}

  @Connector(type = "test:bad-choice:1", name = "Condition value not offered")
  static class ConditionValueNotOffered extends Base<BadChoiceInput> {}
}
