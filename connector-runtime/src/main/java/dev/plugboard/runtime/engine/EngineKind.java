package dev.plugboard.runtime.engine;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The engines {@code plugboard.engine} may name. */
public enum EngineKind {
  /** Embedded Operaton (the default): external tasks, H2 or PostgreSQL. */
  OPERATON,
  /** Camunda 8 / Zeebe through {@code camunda-client-java} job workers. */
  CAMUNDA8;

  /** The property that selects the engine. */
  public static final String PROPERTY = "plugboard.engine";

  /**
   * The value as written in configuration.
   *
   * @return lower-case name
   */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Reads the property value.
   *
   * @param value the value; {@code null} or blank means {@link #OPERATON}
   * @return the engine
   * @throws IllegalArgumentException naming the value and the accepted ones
   */
  public static EngineKind parse(String value) {
    if (value == null || value.isBlank()) {
      return OPERATON;
    }
    for (EngineKind k : values()) {
      if (k.value().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    throw new IllegalArgumentException(PROPERTY + "=" + value + " is not an engine this runtime"
        + " knows; use one of " + Arrays.stream(values()).map(EngineKind::value)
        .collect(Collectors.joining(", ")));
  }
}
