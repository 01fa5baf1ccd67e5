package org.kapcare.web;

import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.kapcare.clinic.NoSuchPatient;
import org.kapcare.forms.InvalidInputException;
import org.kapcare.security.ErrorBody;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Errors of the project's own {@code /api} as {@code {"error": ..., "field": ...}}, never a stack trace. */
@RestControllerAdvice(basePackages = "org.kapcare")
public class ApiErrors {

  @ExceptionHandler(InvalidInputException.class)
  ResponseEntity<Map<String, String>> invalid(InvalidInputException e) {
    return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(ErrorBody.of(e));
  }

  @ExceptionHandler(NoSuchPatient.class)
  ResponseEntity<Map<String, String>> notFound(NoSuchPatient e) {
    return body(HttpStatus.NOT_FOUND, e.getMessage(), "patientId");
  }

  @ExceptionHandler(AuthorizationException.class)
  ResponseEntity<Map<String, String>> forbidden(AuthorizationException e) {
    return body(HttpStatus.FORBIDDEN, "You are not allowed to do this", null);
  }

  private static ResponseEntity<Map<String, String>> body(HttpStatus status, String error, String field) {
    return ResponseEntity.status(status).body(ErrorBody.of(error, field));
  }
}
