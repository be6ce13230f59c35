package dev.plugboard.sdk;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A group of properties in the modeler form, declared on the input type in display order.
 * Properties join a group with {@link TemplateProperty#group()}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(TemplateGroup.List.class)
public @interface TemplateGroup {

  /** The group id, referenced by {@link TemplateProperty#group()}. */
  String id();

  /** The label shown as the group's heading. */
  String label();

  /** Holds repeated {@link TemplateGroup} annotations. */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE)
  @interface List {
    /** The groups. */
    TemplateGroup[] value();
  }
}
