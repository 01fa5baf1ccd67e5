package org.kapcare.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Spring Boot's short "APPLICATION FAILED TO START" report for an unsafe start, not a stack trace. */
class UnsafeStartFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeStartException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, UnsafeStartException cause) {
    return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
  }
}
