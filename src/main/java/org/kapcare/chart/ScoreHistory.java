package org.kapcare.chart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.kapcare.chart.PatientChart.Measure;
import org.kapcare.chart.PatientChart.Outcome;
import org.kapcare.chart.PatientChart.ScoreSeries;
import org.kapcare.clinical.RatingScale;

/**
 * The questionnaires' totals over time, read from every value the scoring steps wrote: the baseline
 * at the consultation, each follow-up assessment, maintenance rounds included, and every check-in
 * the patient answered.
 */
final class ScoreHistory {

  /** Which variables hold a scale's totals, and what each measure was. */
  private record Source(RatingScale scale, Map<String, String> variables) {}

  private static final List<Source> SOURCES = List.of(
      new Source(RatingScale.PHQ9, Map.of("phq9Score", "baseline", "followUpPhq9Score", "follow-up")),
      new Source(RatingScale.GAD7, Map.of("gad7Score", "baseline", "followUpGad7Score", "follow-up")),
      new Source(RatingScale.PCL5, Map.of("pcl5Score", "baseline")));

  /** What a patient's check-in scores, under the same names as the consultation. */
  private static final Map<RatingScale, String> CHECK_IN = Map.of(RatingScale.PHQ9, "phq9Score", RatingScale.GAD7,
      "gad7Score", RatingScale.PCL5, "pcl5Score");

  /** Each scale the patient was measured on, at visits and in check-ins, its measures in time order. */
  List<ScoreSeries> series(JourneyRecord journey, List<JourneyRecord> checkIns) {
    List<ScoreSeries> series = new ArrayList<>();
    for (Source source : SOURCES) {
      RatingScale scale = source.scale();
      List<Measure> measures = new ArrayList<>();
      for (HistoricVariableUpdate update : journey.updates()) {
        add(measures, scale, update, source.variables().get(update.getVariableName()));
      }
      for (JourneyRecord checkIn : checkIns) {
        checkIn.updatesOf(CHECK_IN.get(scale)).forEach(update -> add(measures, scale, update, "check-in"));
      }
      measures.sort(Comparator.comparing(Measure::at));
      if (!measures.isEmpty()) {
        series.add(new ScoreSeries(scale.name(), scale.items() * scale.maxPerItem(),
            scale.bands(), measures));
      }
    }
    return series;
  }

  private static void add(List<Measure> measures, RatingScale scale, HistoricVariableUpdate update, String when) {
    if (when != null && update.getValue() instanceof Number score) {
      measures.add(new Measure(JourneyRecord.iso(update.getTime()), when, score.intValue(), scale.severityOf(score.intValue())));
    }
  }

  /** Response and remission at the latest follow-up, once there was one. */
  Outcome outcome(JourneyRecord journey) {
    return journey.get("response") == null ? null
        : new Outcome(journey.integer("phq9Change"), journey.flag("response"), journey.flag("remission"));
  }
}
