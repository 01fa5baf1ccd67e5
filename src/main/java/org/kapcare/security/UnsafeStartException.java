package org.kapcare.security;

/** A start that would leave the clinic's data open, or without its database: refused, saying what to do instead. */
public class UnsafeStartException extends IllegalStateException {

  private final String action;

  public UnsafeStartException(String problem, String action) {
    super(problem);
    this.action = action;
  }

  public String getAction() {
    return action;
  }
}
