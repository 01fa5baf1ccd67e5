package org.kapcare.clinical;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the observation of one dose has recorded so far: when the dose started, the last vitals
 * reading, how many there were, the longest time without one, and the minute of the reading that
 * stands for the blood pressure at its peak. The rules of CLINICAL's "During and after a dose":
 * vitals at the clinic's interval (IV and IM), blood pressure about 40 minutes after the start, and
 * a minimum observation before discharge.
 */
public record VitalsTimeline(Instant startedAt, Instant lastAt, int readings, Duration longestGap, Integer peakMinute) {

  /** Blood pressure peaks about 40 minutes after the start; a reading 30 to 50 minutes after stands for it. */
  static final int PEAK_MINUTE = 40;
  static final int PEAK_LEEWAY = 10;

  public static VitalsTimeline startedAt(Instant start) {
    return new VitalsTimeline(start, start, 0, Duration.ZERO, null);
  }

  /** This timeline with a reading at {@code at}, which is not before the last one. */
  public VitalsTimeline withReadingAt(Instant at) {
    Duration gap = Duration.between(lastAt, at);
    return new VitalsTimeline(startedAt, at, readings + 1, gap.compareTo(longestGap) > 0 ? gap : longestGap,
        takesPeak(at) ? Integer.valueOf(minutesAfterStart(at)) : peakMinute);
  }

  /** Whether a reading at {@code at} is the blood pressure at the peak: in its window and nearer 40 minutes than any before. */
  public boolean takesPeak(Instant at) {
    int distance = Math.abs(minutesAfterStart(at) - PEAK_MINUTE);
    return distance <= PEAK_LEEWAY && (peakMinute == null || distance < Math.abs(peakMinute - PEAK_MINUTE));
  }

  /**
   * When the next reading is due: the interval after the last one where the route has one;
   * otherwise at the peak until it is recorded, then at the end of the minimum observation.
   */
  public Instant nextDue(Optional<Duration> every, int minimumMinutes) {
    if (every.isPresent()) {
      return lastAt.plus(every.get());
    }
    return startedAt.plus(Duration.ofMinutes(peakMinute == null ? PEAK_MINUTE : minimumMinutes));
  }

  /**
   * One thing against a discharge: what kind of shortfall (what a prescriber's approval covers, as the
   * minutes move on while they answer) and, in the clinic's words, by how much.
   */
  public record Shortfall(String kind, String description) {}

  /**
   * What stands against a discharge at {@code dischargedAt}; empty when nothing does. The time from
   * the last reading to the discharge counts as a gap: the discharge check takes the last vitals.
   */
  public List<Shortfall> againstDischargeAt(Instant dischargedAt, String route, Optional<Duration> every, int minimumMinutes) {
    List<Shortfall> against = new ArrayList<>();
    String routeName = Routes.withArticle(route);
    long observed = minutesAfterStart(dischargedAt);
    if (observed < minimumMinutes) {
      against.add(new Shortfall("a discharge before the minimum observation", "After " + routeName
          + " dose the patient must be observed for at least " + minimumMinutes + " minutes before discharge; " + observed
          + " since the dose started"));
    }
    Duration lastGap = Duration.between(lastAt, dischargedAt);
    Duration longest = lastGap.compareTo(longestGap) > 0 ? lastGap : longestGap;
    if (every.isPresent() && longest.compareTo(every.get()) > 0) {
      against.add(new Shortfall("a gap in the vitals", "Vitals are due every " + every.get().toMinutes() + " minutes after "
          + routeName + " dose; the longest time without a reading was " + roundedUp(longest) + " minutes"));
    }
    if (peakMinute == null) {
      against.add(new Shortfall("no blood pressure at its peak", "No blood pressure was recorded " + (PEAK_MINUTE - PEAK_LEEWAY)
          + " to " + (PEAK_MINUTE + PEAK_LEEWAY) + " minutes after the start of the dose, when it peaks"));
    }
    return against;
  }

  public int minutesAfterStart(Instant at) {
    return (int) Duration.between(startedAt, at).toMinutes();
  }

  private static long roundedUp(Duration duration) {
    return (duration.toSeconds() + 59) / 60;
  }
}
