package org.kapcare.clinical;

import java.util.Locale;
import java.util.Map;

/**
 * The clinic's protocol maxima per route (defaults: IV and IM 1.0 mg/kg, sublingual 400 mg,
 * esketamine 84 mg). A route has a weight-based limit, a fixed one, or both. A weight-based limit
 * applies to mg/kg computed from the dose given and the patient's recorded weight, never to a
 * figure someone typed: a typed mg/kg let 150 mg IV for 70 kg (2.1 mg/kg) through as "0.5".
 */
public record DoseLimits(Map<String, Double> mgPerKg, Map<String, Double> mg) {

  /** How a dose goes over a limit, in the clinic's words. */
  public record Excess(String description) {}

  /** mg/kg of a dose for a weight, to two decimals as the record keeps it. */
  public static double perKg(double doseMg, double weightKg) {
    return Math.round(doseMg / weightKg * 100) / 100.0;
  }

  /** The first limit the dose is over, or null. The weight-based limit is checked unrounded. */
  public Excess check(String route, double doseMg, double weightKg) {
    Double perKg = mgPerKg.get(route);
    if (perKg != null && doseMg / weightKg > perKg) {
      return new Excess(String.format(Locale.ROOT, "%s mg for %s kg is %.2f mg/kg, above the protocol maximum of %s mg/kg for %s",
          figure(doseMg), figure(weightKg), doseMg / weightKg, figure(perKg), Routes.spoken(route)));
    }
    Double fixed = mg.get(route);
    if (fixed != null && doseMg > fixed) {
      return new Excess(figure(doseMg) + " mg is above the protocol maximum of " + figure(fixed) + " mg for " + Routes.spoken(route));
    }
    return null;
  }

  /** 150 rather than 150.0; 70.5 as it is. */
  static String figure(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }
}
