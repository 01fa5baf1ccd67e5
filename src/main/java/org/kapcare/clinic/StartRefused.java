package org.kapcare.clinic;

import java.time.Duration;

/**
 * The one way the application refuses to start: a clinic setting the protocol does not allow, or a
 * start that would leave the clinic's data open or without its database. It says what is wrong and
 * what to do instead; {@link StartRefusedAnalyzer} prints both as Spring Boot's short report.
 */
public class StartRefused extends IllegalStateException {

  private final String action;

  public StartRefused(String problem, String action) {
    super(problem);
    this.action = action;
  }

  /** A setting refused: the way out is to change or remove that property. */
  public static StartRefused setting(String property, String problem) {
    return new StartRefused(problem, "Change or remove " + property + " (in application.yaml, an environment variable or --"
        + property + "=...). The README lists every clinic setting and its default.");
  }

  /** Refuses a duration setting that is zero or negative, naming the whole property. */
  public static void requirePositive(String property, Duration duration) {
    if (duration.isZero() || duration.isNegative()) {
      throw setting(property, property + " must be positive, not " + duration);
    }
  }

  public String getAction() {
    return action;
  }
}
