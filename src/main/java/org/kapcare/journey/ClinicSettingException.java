package org.kapcare.journey;

/** A clinic setting the protocol does not allow: the application refuses to start, naming the property. */
public class ClinicSettingException extends IllegalStateException {

  private final String property;

  public ClinicSettingException(String property, String message) {
    super(message);
    this.property = property;
  }

  public String getProperty() {
    return property;
  }
}
