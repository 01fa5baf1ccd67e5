package org.kapcare.demo;

import org.kapcare.clinic.StartRefused;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kapcare.demo.*}: the demo clinic's history, written once into an empty database by the
 * demo profile. {@code history=false} starts the demo with users and filters only; {@code writers}
 * patients are written at a time (two keep both cores of a small laptop busy).
 */
@ConfigurationProperties("kapcare.demo")
public record DemoProperties(
    @DefaultValue("true") boolean history,
    @DefaultValue("300") int finishedJourneys,
    @DefaultValue("40") int runningJourneys,
    @DefaultValue("20261121") long seed,
    @DefaultValue("2") int writers) {

  public DemoProperties {
    atLeastZero("kapcare.demo.finished-journeys", finishedJourneys);
    atLeastZero("kapcare.demo.running-journeys", runningJourneys);
    if (writers < 1) {
      throw StartRefused.setting("kapcare.demo.writers", "kapcare.demo.writers must be at least 1, was " + writers);
    }
  }

  private static void atLeastZero(String property, int journeys) {
    if (journeys < 0) {
      throw StartRefused.setting(property, property + " cannot be negative, was " + journeys);
    }
  }
}
