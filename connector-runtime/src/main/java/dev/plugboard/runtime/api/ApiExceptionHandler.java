package dev.plugboard.runtime.api;

import dev.plugboard.runtime.secrets.SecretMasker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns exceptions of the runtime's controllers into {@link ApiError} bodies, so that every
 * error answer of {@code /api/**} has the same shape. Messages are masked; a stack trace never
 * reaches a client.
 */
@RestControllerAdvice(basePackages = "dev.plugboard.runtime")
public class ApiExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

  /**
   * An error a controller chose.
   *
   * @param e the exception
   * @return its status and body
   */
  @ExceptionHandler(ApiException.class)
  public ResponseEntity<ApiError> api(ApiException e) {
    return error(e.status(), e.code(), e.getMessage());
  }

  /**
   * A body that is not JSON, or not of the expected shape.
   *
   * @param e the exception
   * @return 400
   */
  @ExceptionHandler(HttpMessageNotReadableException.class)
  public ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
    String detail = e.getMostSpecificCause() == null ? "" : ": " + firstLine(e.getMostSpecificCause().getMessage());
    return error(HttpStatus.BAD_REQUEST, "INVALID_REQUEST",
        "The request body is not valid JSON of the expected shape" + detail);
  }

  /**
   * A missing or malformed parameter or part.
   *
   * @param e the exception
   * @return 400
   */
  @ExceptionHandler({MissingServletRequestParameterException.class,
      MethodArgumentTypeMismatchException.class, MissingServletRequestPartException.class})
  public ResponseEntity<ApiError> badParameter(Exception e) {
    return error(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", firstLine(e.getMessage()));
  }

  /**
   * A method the path does not support.
   *
   * @param e the exception
   * @return 405
   */
  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  public ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
    return error(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
        e.getMethod() + " is not supported here; supported: " + e.getSupportedHttpMethods());
  }

  /**
   * A content type the call does not take.
   *
   * @param e the exception
   * @return 415
   */
  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  public ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
    return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE",
        "Content type " + e.getContentType() + " is not supported; use one of " + e.getSupportedMediaTypes());
  }

  /**
   * An upload over the size limit.
   *
   * @param e the exception
   * @return 413
   */
  @ExceptionHandler(MaxUploadSizeExceededException.class)
  public ResponseEntity<ApiError> tooLarge(MaxUploadSizeExceededException e) {
    return error(HttpStatus.PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE",
        "The upload is larger than the limit (spring.servlet.multipart.max-file-size)");
  }

  /**
   * A path nothing serves.
   *
   * @param e the exception
   * @return 404
   */
  @ExceptionHandler(NoResourceFoundException.class)
  public ResponseEntity<ApiError> notFound(NoResourceFoundException e) {
    return error(HttpStatus.NOT_FOUND, "NOT_FOUND", "Nothing at /" + e.getResourcePath());
  }

  /**
   * Anything else: a bug. Logged with its stack trace, answered without it.
   *
   * @param e the exception
   * @return 500
   */
  @ExceptionHandler(Exception.class)
  public ResponseEntity<ApiError> unexpected(Exception e) {
    LOG.error("API call failed error={}", e.getClass().getName(), e);
    return error(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
        "The runtime failed to handle the call (" + e.getClass().getSimpleName()
            + "); see the runtime log for details");
  }

  private static ResponseEntity<ApiError> error(HttpStatus status, String code, String message) {
    return ResponseEntity.status(status).body(new ApiError(code, SecretMasker.mask(message)));
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
