package dev.plugboard.sdk;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes how an input field appears in the element template's form.
 *
 * <p>Every field (or record component) of a connector's input type becomes a template property;
 * this annotation refines it. Without it, the generator derives the label from the field name and
 * the type from the Java type: {@code String} → String, {@code boolean} → Boolean, numbers →
 * Number, an {@code enum} → Dropdown, a sealed interface → a discriminator Dropdown with
 * conditional properties per subtype (see {@link TemplateSubType}), a nested record → its fields
 * with dotted ids ({@code authentication.token}), anything else ({@code Map}, {@code List},
 * {@code Object}) → a FEEL-required Text. Bean Validation constraints become template
 * constraints: {@code @NotNull}/{@code @NotBlank}/{@code @NotEmpty} → {@code notEmpty},
 * {@code @Size} → min/max length, {@code @Pattern} → pattern.
 *
 * <p>On an enum constant, only {@link #label()} is read: the dropdown choice's name.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD})
public @interface TemplateProperty {

  /** The property id (and binding name); defaults to the field name, dotted for nested fields. */
  String id() default "";

  /** The form label; defaults to the field name split into words. */
  String label() default "";

  /** Help text under the field. */
  String description() default "";

  /** Tooltip text. */
  String tooltip() default "";

  /** The id of a {@link TemplateGroup} declared on the input type; empty for the first group. */
  String group() default "";

  /** The form control; {@link PropertyType#AUTO} derives it from the Java type. */
  PropertyType type() default PropertyType.AUTO;

  /** Whether the modeler offers a FEEL expression; {@link FeelMode#AUTO} derives it. */
  FeelMode feel() default FeelMode.AUTO;

  /** The default value, as the template writes it (a FEEL expression starts with {@code =}). */
  String defaultValue() default "";

  /** Placeholder text (String and Text only). */
  String placeholder() default "";

  /**
   * Choices of a String dropdown that is not an enum, each {@code "value"} or
   * {@code "value:Label"}.
   */
  String[] choices() default {};

  /**
   * Show this property only when another property has one of {@link #conditionEquals()}: the id
   * of that property.
   */
  String conditionProperty() default "";

  /** The values of {@link #conditionProperty()} for which this property is shown. */
  String[] conditionEquals() default {};

  /** Leave the field out of the template (it is still bound when a variable provides it). */
  boolean ignore() default false;
}
