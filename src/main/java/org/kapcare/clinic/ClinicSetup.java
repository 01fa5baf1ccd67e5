package org.kapcare.clinic;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Runs the setup steps once the application is up (the engine has deployed the models by then), on every start. */
@Component
public class ClinicSetup {

  private static final Logger LOG = LoggerFactory.getLogger(ClinicSetup.class);

  private final List<ClinicSetupStep> steps;

  public ClinicSetup(List<ClinicSetupStep> steps) {
    this.steps = steps;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void setUp() {
    steps.forEach(ClinicSetupStep::apply);
    LOG.info("clinic set up: {}", steps.stream().map(s -> s.getClass().getSimpleName()).toList());
  }
}
