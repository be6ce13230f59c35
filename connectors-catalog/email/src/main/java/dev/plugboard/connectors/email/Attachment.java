package dev.plugboard.connectors.email;

import jakarta.validation.constraints.NotBlank;

/**
 * A file attached to a mail to send.
 *
 * @param fileName the name the recipient sees
 * @param contentType the MIME type; {@code application/octet-stream} when empty
 * @param content the file's bytes, base64 encoded
 */
public record Attachment(
    @NotBlank String fileName,
    String contentType,
    @NotBlank String content) {}
