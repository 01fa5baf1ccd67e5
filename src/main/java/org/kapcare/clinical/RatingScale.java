package org.kapcare.clinical;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.kapcare.forms.FormValues;

/**
 * A questionnaire whose items are each scored 0..maxPerItem and summed, with published severity
 * bands. Items are read from variables named {@code <prefix>_1 .. <prefix>_n}, so the same scale
 * reads the baseline ({@code phq9_1}) and the follow-up ({@code followUpPhq9_1}) answers.
 */
public record RatingScale(String name, int items, int maxPerItem, List<Band> bands) {

  /** Totals up to and including {@code upTo} fall in this band. */
  public record Band(int upTo, String severity) {}

  public record Score(int total, String severity, int[] answers) {

    public int item(int number) {
      return answers[number - 1];
    }
  }

  /** PHQ-9 (Kroenke, Spitzer and Williams 2001). */
  public static final RatingScale PHQ9 = new RatingScale("PHQ-9", 9, 3, List.of(
      new Band(4, "minimal"), new Band(9, "mild"), new Band(14, "moderate"),
      new Band(19, "moderately-severe"), new Band(27, "severe")));

  /** GAD-7 (Spitzer et al. 2006). */
  public static final RatingScale GAD7 = new RatingScale("GAD-7", 7, 3, List.of(
      new Band(4, "minimal"), new Band(9, "mild"), new Band(14, "moderate"), new Band(21, "severe")));

  /** PCL-5 (Weathers et al. 2013): no severity bands; the clinic's cut-off flags probable PTSD. */
  public static final RatingScale PCL5 = new RatingScale("PCL-5", 20, 4, List.of());

  public List<String> itemKeys(String prefix) {
    return IntStream.rangeClosed(1, items).mapToObj(i -> prefix + "_" + i).toList();
  }

  public Score score(Map<String, ?> answers, String prefix) {
    int[] values = itemKeys(prefix).stream()
        .mapToInt(key -> FormValues.integer(answers, key, 0, maxPerItem))
        .toArray();
    int total = IntStream.of(values).sum();
    return new Score(total, severityOf(total), values);
  }

  /** The severity band, or null for a scale that has none. */
  public String severityOf(int total) {
    if (bands.isEmpty()) {
      return null;
    }
    return bands.stream()
        .filter(band -> total <= band.upTo())
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(name + " total out of range: " + total))
        .severity();
  }
}
