package dev.plugboard.legacy.flatfile;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Result of the flat file connector; fields that do not apply are left out.
 *
 * @param records READ, PARSE: the records
 * @param recordCount how many records were read or written
 * @param content FORMAT: the text
 * @param path READ, WRITE: the file, relative to the drop folder
 * @param size WRITE: bytes written
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FlatFileResult(List<Map<String, Object>> records, Integer recordCount, String content,
    String path, Long size) {}
