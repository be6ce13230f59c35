package dev.plugboard.legacy.files;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Result of the file transfer connector; fields that do not apply are left out.
 *
 * @param path the file or folder acted on, relative to the root
 * @param size bytes uploaded or downloaded
 * @param content the downloaded content (text or Base64, see {@code encoding})
 * @param encoding {@code TEXT} or {@code BASE64}
 * @param files the folder's entries (LIST)
 * @param targetPath where a file was moved or renamed to
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileTransferResult(
    String path, Long size, String content, ContentEncoding encoding, List<RemoteFile> files,
    String targetPath) {}
