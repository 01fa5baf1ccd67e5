package org.kapcare.checkin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.kapcare.clinic.EngineClock;
import org.kapcare.clinic.Journeys;
import org.kapcare.clinic.Questionnaires;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a check-in link opens and what its submission does. A link is good while it is unused and
 * unexpired and its check-in still waits for answers; submitted answers must answer every question
 * with one of its offered answers and send nothing else, or nothing is kept.
 */
@Service
public class CheckIns {

  /** An open check-in: who is asked (their first name only) and what. */
  public record Open(String checkInId, String firstName, List<CheckInQuestions.Section> sections) {}

  /** The outcome of a submission: kept, or refused with the patient's answers so far and what is missing. */
  public record Submission(boolean kept, Map<String, String> answers, List<String> unanswered, String problem) {}

  private final CheckInLinks links;
  private final CheckInQuestions questions;
  private final RuntimeService runtime;
  private final TransactionTemplate transaction;

  public CheckIns(CheckInLinks links, CheckInQuestions questions, RuntimeService runtime, TransactionTemplate transaction) {
    this.links = links;
    this.questions = questions;
    this.runtime = runtime;
    this.transaction = transaction;
  }

  public Optional<Open> open(String token) {
    return links.checkInOf(token, EngineClock.now()).filter(this::waiting).map(this::describe);
  }

  /** Keeps valid answers as the check-in's; refuses anything else and keeps nothing. */
  public Submission submit(String token, Open open, Map<String, String> sent) {
    Map<String, String> answers = new HashMap<>();
    List<String> unanswered = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (CheckInQuestions.Section section : open.sections()) {
      for (CheckInQuestions.Question question : section.questions()) {
        expected.add(question.key());
        String answer = sent.get(question.key());
        if (answer != null && question.options().stream().anyMatch(option -> option.value().equals(answer))) {
          answers.put(question.key(), answer);
        } else {
          unanswered.add(question.key());
        }
      }
    }
    if (!expected.containsAll(sent.keySet())) {
      return new Submission(false, Map.of(), List.of(), "This page sent something it does not ask for."
          + " Nothing was kept: please answer the questions again.");
    }
    if (!unanswered.isEmpty()) {
      return new Submission(false, answers, unanswered, unanswered.size() == 1
          ? "One question has no answer yet. Please answer it and send again."
          : unanswered.size() + " questions have no answer yet. Please answer them and send again.");
    }
    Boolean kept = transaction.execute(status -> {
      Instant now = EngineClock.now();
      if (!links.useUp(token, open.checkInId(), now)) {
        return false;
      }
      // The link's timer may have closed the check-in since the page opened: then nothing is kept.
      if (runtime.createMessageCorrelation(Journeys.CHECK_IN_SUBMITTED).processInstanceId(open.checkInId())
          .setVariables(new HashMap<>(answers)).correlateAllWithResult().isEmpty()) {
        status.setRollbackOnly();
        return false;
      }
      return true;
    });
    return new Submission(Boolean.TRUE.equals(kept), answers, List.of(), null);
  }

  /** The check-in waits for answers, and the journey they are for still runs (a withdrawal ends it). */
  private boolean waiting(String checkInId) {
    if (runtime.createExecutionQuery().processInstanceId(checkInId).activityId(CheckInLinkMinter.WAITING_STEP)
        .count() == 0) {
      return false;
    }
    String journeyId = (String) runtime.getVariable(checkInId, "journeyId");
    return runtime.createProcessInstanceQuery().processInstanceId(journeyId).count() > 0;
  }

  private Open describe(String checkInId) {
    Map<String, Object> checkIn = runtime.getVariables(checkInId, List.of("patientName", "primaryCondition"));
    String name = String.valueOf(checkIn.getOrDefault("patientName", "")).trim();
    String firstName = name.isEmpty() ? null : name.split("\\s+")[0];
    return new Open(checkInId, firstName, questions.sections(Questionnaires.forCondition(checkIn.get("primaryCondition"))));
  }
}
