package dev.plugboard.runtime.plugins;

import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/** Answers an upload over {@code plugboard.plugins.max-upload-size} with a clear 413. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class UploadLimitAdvice {

  private final PluginsProperties properties;

  /**
   * The advice.
   *
   * @param properties the plugin settings (for the limit in the message)
   */
  public UploadLimitAdvice(PluginsProperties properties) {
    this.properties = properties;
  }

  /**
   * The answer.
   *
   * @param e the exception
   * @return 413 with code and message
   */
  @ExceptionHandler(MaxUploadSizeExceededException.class)
  public ResponseEntity<Map<String, String>> tooLarge(MaxUploadSizeExceededException e) {
    return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(Map.of(
        "code", "UPLOAD_TOO_LARGE",
        "message", "The upload is larger than plugboard.plugins.max-upload-size ("
            + properties.maxUploadSize() + "); raise the limit or copy the jar into the"
            + " plugins folder"));
  }
}
