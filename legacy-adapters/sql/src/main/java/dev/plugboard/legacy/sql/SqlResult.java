package dev.plugboard.legacy.sql;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Result of the SQL connector; fields that do not apply to the operation are left out.
 *
 * @param rows the rows of a query, each a map of column label to value
 * @param rowCount how many rows were returned
 * @param truncated whether the query had more rows than {@code maxRows}
 * @param updateCount rows changed by an UPDATE or CALL
 * @param updateCounts rows changed per entry of a BATCH
 * @param outParameters OUT parameter values of a CALL
 * @param results one result per statement of a TRANSACTION
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SqlResult(
    List<Map<String, Object>> rows,
    Integer rowCount,
    Boolean truncated,
    Integer updateCount,
    List<Integer> updateCounts,
    Map<String, Object> outParameters,
    List<SqlResult> results) {

  static SqlResult ofRows(List<Map<String, Object>> rows, boolean truncated) {
    return new SqlResult(rows, rows.size(), truncated, null, null, null, null);
  }

  static SqlResult ofUpdate(int count) {
    return new SqlResult(null, null, null, count, null, null, null);
  }
}
