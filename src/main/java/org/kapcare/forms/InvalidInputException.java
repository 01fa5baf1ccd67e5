package org.kapcare.forms;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * Bad input on a form or REST call. Thrown inside the engine command, so the task stays open and
 * nothing of the submission is kept; the message names the field and what is allowed.
 */
public class InvalidInputException extends ProcessEngineException {

  private final String field;
  private final String reason;

  public InvalidInputException(String field, String message) {
    super(message + " (field " + field + ")");
    this.field = field;
    this.reason = message;
  }

  /** What is wrong, in the form's words, without the field's id: what a clinician is shown. */
  public String getReason() {
    return reason;
  }

  public String getField() {
    return field;
  }
}
