package dev.plugboard.templates.generator;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TemplateGeneratorErrorsTest {

  private final TemplateGenerator generator = TemplateGenerator.create();

  @Test
  void invalidConnectorTypeNamesTheClassAndTheType() {
    assertThatThrownBy(() -> generator.generate(BrokenConnectors.InvalidType.class))
        .isInstanceOf(TemplateDefinitionException.class)
        .hasMessageContaining(BrokenConnectors.InvalidType.class.getName())
        .hasMessageContaining("@Connector(type = \"Bad Type!\") is not a valid connector type");
  }

  @Test
  void classWithoutConnectorAnnotationIsRejected() {
    assertThatThrownBy(() -> generator.generate(BrokenConnectors.NotAnnotated.class))
        .isInstanceOf(TemplateDefinitionException.class)
        .hasMessageContaining("not annotated with @Connector");
  }

  @Test
  void dropdownWithoutChoicesNamesTheField() {
    assertThatThrownBy(() -> generator.generate(BrokenConnectors.DropdownWithoutChoices.class))
        .isInstanceOf(TemplateDefinitionException.class)
        .hasMessageContaining(BrokenConnectors.DropdownWithoutChoices.class.getName())
        .hasMessageContaining("DropdownInput#mode")
        .hasMessageContaining("Dropdown without choices");
  }

  @Test
  void duplicatePropertyIdNamesBothFields() {
    assertThatThrownBy(() -> generator.generate(BrokenConnectors.DuplicateId.class))
        .isInstanceOf(TemplateDefinitionException.class)
        .hasMessageContaining("DuplicateInput#name")
        .hasMessageContaining("DuplicateInput#first")
        .hasMessageContaining("\"name\"");
  }

  @Test
  void conditionOnAMissingPropertyNamesTheFieldAndTheKnownIds() {
    assertThatThrownBy(() -> generator.generate(BrokenConnectors.ConditionOnMissingProperty.class))
        .isInstanceOf(TemplateDefinitionException.class)
        .hasMessageContaining("MissingConditionInput#text")
        .hasMessageContaining("conditionProperty = \"nothere\"")
        .hasMessageContaining("known ids: [text]");
  }

  @Test
  void conditionOnItsOwnPropertyIsRejected() {
    assertThatThrownBy(() -> generator.generate(BrokenConnectors.ConditionOnItself.class))
        .isInstanceOf(TemplateDefinitionException.class)
        .hasMessageContaining("SelfConditionInput#text")
        .hasMessageContaining("condition on its own property \"text\"");
  }

  @Test
  void unknownGroupIsRejected() {
    assertThatThrownBy(() -> generator.generate(BrokenConnectors.UnknownGroup.class))
        .isInstanceOf(TemplateDefinitionException.class)
        .hasMessageContaining("UnknownGroupInput#text")
        .hasMessageContaining("group \"nowhere\"");
  }

  @Test
  void hiddenWithoutValueIsRejected() {
    assertThatThrownBy(() -> generator.generate(BrokenConnectors.HiddenWithoutValue.class))
        .isInstanceOf(TemplateDefinitionException.class)
        .hasMessageContaining("HiddenInput#text")
        .hasMessageContaining("Hidden without a defaultValue");
  }

  @Test
  void feelOnADropdownIsRejected() {
    assertThatThrownBy(() -> generator.generate(BrokenConnectors.FeelOnDropdown.class))
        .isInstanceOf(TemplateDefinitionException.class)
        .hasMessageContaining("FeelDropdownInput#mode")
        .hasMessageContaining("feel = REQUIRED on a DROPDOWN");
  }

  @Test
  void reservedIdIsRejected() {
    assertThatThrownBy(() -> generator.generate(BrokenConnectors.ReservedId.class))
        .isInstanceOf(TemplateDefinitionException.class)
        .hasMessageContaining("ReservedInput#resultVariable")
        .hasMessageContaining("reserves");
  }

  @Test
  void missingIconResourceIsRejected() {
    assertThatThrownBy(() -> generator.generate(BrokenConnectors.MissingIcon.class))
        .isInstanceOf(TemplateDefinitionException.class)
        .hasMessageContaining(BrokenConnectors.MissingIcon.class.getName())
        .hasMessageContaining("icons/missing.svg");
  }

  @Test
  void conditionValueThatTheDropdownDoesNotOfferIsRejected() {
    assertThatThrownBy(() -> generator.generate(BrokenConnectors.ConditionValueNotOffered.class))
        .isInstanceOf(TemplateDefinitionException.class)
        .hasMessageContaining("BadChoiceInput#extra")
        .hasMessageContaining("\"c\"");
  }
}
