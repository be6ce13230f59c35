package dev.plugboard.sdk;

/** Whether a template property accepts a FEEL expression. */
public enum FeelMode {
  /**
   * Derived: {@link #REQUIRED} for maps, lists and objects; {@link #OPTIONAL} for strings,
   * numbers and booleans; {@link #NONE} for dropdowns and hidden properties.
   */
  AUTO,
  /** A literal value only. */
  NONE,
  /** A literal or a FEEL expression, as the modeler chooses. */
  OPTIONAL,
  /** Always a FEEL expression. */
  REQUIRED,
  /** A literal that the runtime reads as FEEL (Camunda 8 {@code static}). */
  STATIC
}
