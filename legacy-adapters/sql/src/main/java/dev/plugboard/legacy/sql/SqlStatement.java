package dev.plugboard.legacy.sql;

import jakarta.validation.constraints.NotBlank;
import java.util.Map;

/**
 * One statement of a {@link SqlOperation#TRANSACTION}.
 *
 * @param statement the SQL with {@code :name} parameters
 * @param parameters the values of the named parameters
 */
public record SqlStatement(@NotBlank String statement, Map<String, Object> parameters) {

  /** Normalizes a missing parameter map to an empty one. */
  public SqlStatement {
    parameters = parameters == null ? Map.of() : parameters;
  }
}
