package org.kapcare.clinic;

/** One idempotent part of setting up the clinic at start-up, run in {@code @Order}. */
public interface ClinicSetupStep {

  void apply();
}
