package org.kapcare.clinic;

/**
 * A task's priority in the words staff use: the models set numbers (Camunda's default is 50; an
 * urgent safety review and a prescriber's answer 100, a review before a dose 90, an order 80, the
 * observation and the integration window 70).
 */
public enum TaskPriority {
  URGENT("urgent", 90),
  HIGH("high", 70),
  NORMAL("normal", Integer.MIN_VALUE);

  private final String word;
  private final int from;

  TaskPriority(String word, int from) {
    this.word = word;
    this.from = from;
  }

  public static TaskPriority of(int priority) {
    for (TaskPriority level : values()) {
      if (priority >= level.from) {
        return level;
      }
    }
    throw new IllegalStateException("unreachable: NORMAL takes every priority");
  }

  public String word() {
    return word;
  }

  /** The lowest priority number this word is for. */
  public int from() {
    return from;
  }
}
