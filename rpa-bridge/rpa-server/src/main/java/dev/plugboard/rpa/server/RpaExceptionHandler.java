package dev.plugboard.rpa.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns bot API failures into {@code {"code","message"}} answers. */
@RestControllerAdvice(assignableTypes = RpaController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RpaExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(RpaExceptionHandler.class);

  @ExceptionHandler(RpaException.class)
  ResponseEntity<RpaApi.Error> rpa(RpaException e) {
    if (e.status() == 401) {
      log.warn("RPA bot call rejected code={}", e.code());
    } else {
      log.debug("RPA bot call refused status={} code={} message={}", e.status(), e.code(),
          e.getMessage());
    }
    ResponseEntity.BodyBuilder b = ResponseEntity.status(e.status());
    if (e.status() == 401) {
      b.header("WWW-Authenticate", "Bearer realm=\"plugboard-rpa\"");
    }
    return b.body(new RpaApi.Error(e.code(), e.getMessage()));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<RpaApi.Error> unreadable(HttpMessageNotReadableException e) {
    String detail = e.getMostSpecificCause().getMessage();
    if (detail != null && detail.length() > 300) {
      detail = detail.substring(0, 300) + "…";
    }
    return ResponseEntity.badRequest().body(new RpaApi.Error("INVALID_JSON",
        "The request body is not valid JSON of the expected shape (see /api/rpa/openapi.yaml): "
            + detail));
  }
}
