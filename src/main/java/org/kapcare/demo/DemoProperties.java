package org.kapcare.demo;

import org.kapcare.journey.ClinicSettingException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kapcare.demo.*}: the demo clinic's history, written once into an empty database by the
 * demo profile. {@code history=false} starts the demo with users and filters only.
 */
@ConfigurationProperties("kapcare.demo")
public record DemoProperties(
    @DefaultValue("true") boolean history,
    @DefaultValue("300") int finishedJourneys,
    @DefaultValue("40") int runningJourneys,
    @DefaultValue("20261121") long seed) {

  public DemoProperties {
    if (finishedJourneys < 0 || runningJourneys < 0) {
      throw new ClinicSettingException("kapcare.demo.finished-journeys",
          "kapcare.demo.finished-journeys and running-journeys cannot be negative");
    }
  }
}
