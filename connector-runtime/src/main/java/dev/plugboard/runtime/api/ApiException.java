package dev.plugboard.runtime.api;

import org.springframework.http.HttpStatus;

/**
 * Thrown by a controller to answer with an {@link ApiError}: the {@link ApiExceptionHandler}
 * turns it into the status and the {@code {"code", "message"}} body.
 */
public class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final HttpStatus status;
  private final String code;

  /**
   * An API error.
   *
   * @param status the HTTP status
   * @param code a stable, upper-case code such as {@code PLUGIN_NOT_FOUND}
   * @param message what went wrong and what to do (never a secret)
   */
  public ApiException(HttpStatus status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  /**
   * The HTTP status.
   *
   * @return the status
   */
  public HttpStatus status() {
    return status;
  }

  /**
   * The error code.
   *
   * @return the code
   */
  public String code() {
    return code;
  }
}
