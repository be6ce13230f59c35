package dev.plugboard.sdk;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names one case of a sealed input type, for example one authentication method.
 *
 * <p>A field whose type is a sealed interface annotated with Jackson's {@code @JsonTypeInfo}
 * (property name = the discriminator) becomes a dropdown of its permitted subtypes; each subtype's
 * fields appear only when its value is chosen. Put this annotation on each permitted record.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface TemplateSubType {

  /** The discriminator value, also the Jackson type name of the subtype. */
  String value();

  /** The dropdown label; defaults to {@link #value()}. */
  String label() default "";
}
