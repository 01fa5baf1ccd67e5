package org.kapcare.insight;

/**
 * How often one activity of a process ran in a range, and how long the finished runs took.
 *
 * @param count runs started in the range, finished or not
 * @param finished of those, the runs that have ended
 * @param averageMs mean time spent in the finished runs; null when none has finished
 * @param p90Ms the time nine in ten finished runs stayed under (interpolated); null when none has finished
 * @param task for a task, its time against the clinic's target; null for any other activity
 */
public record ActivityHeat(String activityId, String name, String type, long count, long finished, Long averageMs,
    Long p90Ms, TaskTimes task) {
}
