package org.kapcare.clinical;

import java.util.Map;

/**
 * The clinic's protocol maxima per route (CLINICAL.md defaults: IV and IM 1.0 mg/kg, sublingual
 * 400 mg, esketamine 84 mg). A route has a weight-based limit, a fixed one, or both.
 */
public record DoseLimits(Map<String, Double> mgPerKg, Map<String, Double> mg) {

  /** How a dose goes over a limit, in the field that does. */
  public record Excess(String field, double given, double maximum, String unit) {

    public String describe(String route) {
      return given + " " + unit + " is above the protocol maximum of " + maximum + " " + unit + " for " + route;
    }
  }

  /** The first limit the dose is over, or null. */
  public Excess check(String route, double doseMg, double doseMgPerKg) {
    Double perKg = mgPerKg.get(route);
    if (perKg != null && doseMgPerKg > perKg) {
      return new Excess("doseMgPerKg", doseMgPerKg, perKg, "mg/kg");
    }
    Double fixed = mg.get(route);
    if (fixed != null && doseMg > fixed) {
      return new Excess("doseMg", doseMg, fixed, "mg");
    }
    return null;
  }
}
