package org.kapcare.clinic;

/**
 * A patient's single-use link, made at the moment its mail is delivered, so that neither the
 * outbox nor a log ever holds one: a template writes {@link #PLACEHOLDER} where the link goes.
 */
public interface PatientLinks {

  String PLACEHOLDER = "KAPCARE_PATIENT_LINK";

  /** A new link to what the process waits for, or null when it no longer waits for the patient. */
  String mint(String processInstanceId);
}
