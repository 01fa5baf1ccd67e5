package org.kapcare.insight;

/**
 * A step's tasks (started in the range) against the clinic's target for it, with the wait for a
 * booked appointment apart from the wait for staff. Times are of finished tasks; the share over
 * target also counts open tasks already past it, since they can no longer meet it.
 *
 * @param target the target in words ("by its due date", "within 4 h of staff time"), null when the step has none
 * @param targetMs the staff time allowed; null when the target is the due date or there is none
 * @param judged tasks measured against the target: the finished ones, and the open ones past it
 * @param overTarget of those, finished after the target or still open past it
 * @param verdict {@code on-target}, {@code near} (over target up to twice the tolerated share),
 *     {@code over}, or {@code no-target} (no target, or nothing to judge yet)
 * @param appointmentWaitAverageMs time from the task's start until its booked appointment; null
 *     unless the step waits for one
 * @param staffWaitAverageMs time from the start, or the appointment when later, until the task was done
 */
public record TaskTimes(String target, Long targetMs, long judged, long overTarget, Double shareOverTarget,
    String verdict, Long appointmentWaitAverageMs, Long appointmentWaitP90Ms, Long staffWaitAverageMs,
    Long staffWaitP90Ms) {

  public static final String ON_TARGET = "on-target";
  public static final String NEAR = "near";
  public static final String OVER = "over";
  public static final String NO_TARGET = "no-target";

  /** The same with the waits of a step that waits for a booked appointment. */
  TaskTimes withWaits(Long appointmentAverageMs, Long appointmentP90Ms, Long staffAverageMs, Long staffP90Ms) {
    return new TaskTimes(target, targetMs, judged, overTarget, shareOverTarget, verdict, appointmentAverageMs,
        appointmentP90Ms, staffAverageMs, staffP90Ms);
  }

  /** The same for a step that waits for no appointment: its wait for staff is its whole time. */
  TaskTimes withStaffWait(Long averageMs, Long p90Ms) {
    return withWaits(null, null, averageMs, p90Ms);
  }
}
