package dev.plugboard.sdk;

/** The form control of a template property. */
public enum PropertyType {
  /** Derived from the Java type. */
  AUTO,
  /** A single-line text field. */
  STRING,
  /** A multi-line text area. */
  TEXT,
  /** A number field (Camunda 8 only; Camunda 7 templates write a String). */
  NUMBER,
  /** A checkbox. */
  BOOLEAN,
  /** A dropdown; from an enum, or from {@link TemplateProperty#choices()}. */
  DROPDOWN,
  /** Not shown; the default value is written as is. */
  HIDDEN
}
