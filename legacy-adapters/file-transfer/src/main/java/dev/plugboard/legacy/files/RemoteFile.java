package dev.plugboard.legacy.files;

/**
 * One entry of a folder listing.
 *
 * @param name the file name
 * @param path the path relative to the configured root, starting with {@code /}
 * @param directory whether it is a folder
 * @param size the size in bytes (0 for folders)
 * @param modified last modification as ISO-8601 text, or {@code null} when the server does not tell
 */
public record RemoteFile(String name, String path, boolean directory, long size, String modified) {}
