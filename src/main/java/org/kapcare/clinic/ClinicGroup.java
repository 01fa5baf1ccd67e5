package org.kapcare.clinic;

/** The clinic's staff groups (Camunda group ids from docs/design.md). */
public enum ClinicGroup {
  CARE_COORDINATORS("care-coordinators", "Care coordinators", "Care coordination queue"),
  THERAPISTS("therapists", "Therapists", "Therapy queue"),
  PRESCRIBERS("prescribers", "Prescribers", "Prescriber queue"),
  NURSES("nurses", "Nurses", "Nursing queue"),
  MANAGERS("managers", "Managers", "Clinic management queue");

  /** Camunda's administrators group; the starter grants it every permission. */
  public static final String ADMINS = "camunda-admin";

  private final String id;
  private final String displayName;
  private final String queueName;

  ClinicGroup(String id, String displayName, String queueName) {
    this.id = id;
    this.displayName = displayName;
    this.queueName = queueName;
  }

  public String id() {
    return id;
  }

  public String displayName() {
    return displayName;
  }

  public String queueName() {
    return queueName;
  }
}
