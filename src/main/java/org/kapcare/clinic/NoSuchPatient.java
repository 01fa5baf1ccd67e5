package org.kapcare.clinic;

/** The patient an {@code /api} call names has no journey the caller may see: answered with 404. */
public class NoSuchPatient extends RuntimeException {

  public NoSuchPatient(String message) {
    super(message);
  }
}
