package org.kapcare.clinical;

import java.util.Map;

/** Routes of administration as a clinician says them in a sentence, not as the forms store them. */
final class Routes {

  private static final Map<String, String> SPOKEN = Map.of("IV", "IV", "IM", "IM", "SUBLINGUAL", "sublingual",
      "ESKETAMINE_NASAL", "esketamine");

  private Routes() {}

  /** "esketamine" for ESKETAMINE_NASAL; a route the clinic added keeps its own name. */
  static String spoken(String route) {
    return SPOKEN.getOrDefault(route, route);
  }

  /** "an IV", "an esketamine", "a sublingual": the article by the spoken name's first letter. */
  static String withArticle(String route) {
    String spoken = spoken(route);
    return ("AEIOUaeiou".indexOf(spoken.charAt(0)) >= 0 ? "an " : "a ") + spoken;
  }
}
