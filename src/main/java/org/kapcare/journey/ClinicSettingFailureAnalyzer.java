package org.kapcare.journey;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused clinic setting into Spring Boot's short "APPLICATION FAILED TO START" report, not a stack trace. */
class ClinicSettingFailureAnalyzer extends AbstractFailureAnalyzer<ClinicSettingException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ClinicSettingException cause) {
    return new FailureAnalysis(cause.getMessage(), "Change or remove " + cause.getProperty()
        + " (in application.yaml, an environment variable or --" + cause.getProperty() + "=...). "
        + "The README lists every clinic setting and its default.", cause);
  }
}
