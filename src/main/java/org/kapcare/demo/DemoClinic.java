package org.kapcare.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.kapcare.integration.IntegrationWindowPolicy;
import org.kapcare.journey.Journeys;
import org.kapcare.notification.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Profile;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;

/**
 * The demo clinic's six months of history, written on the first start with an empty database by
 * driving the real processes. It runs once every bean exists but before the web server, the job
 * executor and the outbox poller start, because it moves the engine's clock, which is global.
 */
@Component
@Profile("demo")
class DemoClinic implements SmartInitializingSingleton {

  private static final Logger LOG = LoggerFactory.getLogger(DemoClinic.class);
  private static final Duration HISTORY = Duration.ofDays(182);
  /** A running journey's next step is due within this, so queues and the closing-window filter have work today. */
  private static final Duration LONGEST_LEAD = Duration.ofHours(3);
  private static final Set<String> INTEGRATION_STEPS = Set.of("scheduleIntegration", "integrationSession");

  private final DemoProperties settings;
  private final StoryTeller teller;
  private final HistoryService history;
  private final Outbox outbox;
  private final IntegrationWindowPolicy windows;

  DemoClinic(DemoProperties settings, StoryTeller teller, HistoryService history, Outbox outbox,
      IntegrationWindowPolicy windows) {
    this.windows = windows;
    this.settings = settings;
    this.teller = teller;
    this.history = history;
    this.outbox = outbox;
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (!settings.history()) {
      return;
    }
    if (history.createHistoricProcessInstanceQuery().processDefinitionKey(Journeys.CARE_JOURNEY).count() > 0) {
      LOG.info("Demo clinic: journeys exist already, no demo history written");
      return;
    }
    int total = settings.finishedJourneys() + settings.runningJourneys();
    LOG.info("Demo clinic: writing {} finished and {} running journeys (once, into this empty database)",
        settings.finishedJourneys(), settings.runningJourneys());
    long started = System.nanoTime();
    try {
      write(Instant.now().truncatedTo(ChronoUnit.MINUTES), total, started);
    } finally {
      ClockUtil.reset();
    }
    // What the stories notified belongs to the past: it is shown as delivered, not sent again now.
    int notifications = outbox.markAllDelivered("demo-history");
    LOG.info("Demo clinic ready: {} journeys and {} notifications in {} s; log in as coordinator, therapist, "
        + "prescriber, nurse, manager or admin (password demo)", total, notifications, seconds(started));
  }

  private void write(Instant now, int total, long started) {
    DemoStories stories = new DemoStories(settings.seed());
    Random placement = new Random(settings.seed());
    int progressEvery = Math.max(1, total / 10);
    for (int patient = 0; patient < total; patient++) {
      boolean finished = patient < settings.finishedJourneys();
      PatientStory story = finished ? stories.finished(patient)
          : stories.running(patient, patient - settings.finishedJourneys());
      try {
        if (finished) {
          Duration room = HISTORY.minus(story.length()).minus(Duration.ofDays(1));
          teller.finish(story, now.minus(HISTORY.minus(fraction(placement, room))));
        } else {
          teller.leaveWaiting(story, now.minus(nowInStory(story, placement)), now);
        }
      } catch (RuntimeException e) {
        // Each patient is one transaction: those written so far stay, and a restart would skip the demo.
        throw new IllegalStateException("Demo clinic: patient " + story.patientId() + " could not be written: "
            + NestedExceptionUtils.getMostSpecificCause(e).getMessage() + ". A clinic setting may refuse the demo's answers (e.g. a lower dose limit). Delete "
            + "the database (./data) before starting again, or start with kapcare.demo.history=false.", e);
      }
      if ((patient + 1) % progressEvery == 0) {
        LOG.info("Demo clinic: {} of {} journeys written ({} s)", patient + 1, total, seconds(started));
      }
    }
  }

  /**
   * Where in its story a running patient is now: shortly before the step it waits for, or, when it
   * waits to book or hold the integration session, 8 hours before that window closes.
   */
  private Duration nowInStory(PatientStory story, Random placement) {
    Duration lastDone = story.done().get(story.done().size() - 1).at();
    Duration lead = min(fraction(placement, story.next().at().minus(lastDone)), LONGEST_LEAD);
    if (INTEGRATION_STEPS.contains(story.next().activityId()) && closingSoon(story).compareTo(lastDone) > 0) {
      return closingSoon(story);
    }
    return story.next().at().minus(lead);
  }

  /** For a patient waiting to book or hold the integration session: its window closes in 8 hours, so that filter has work. */
  private Duration closingSoon(PatientStory story) {
    String route = (String) story.last("consultation").values().get("route");
    Instant discharged = Instant.EPOCH;
    Duration window = Duration.between(discharged, windows.open(route, discharged).deadline());
    return story.last("dischargeCheck").at().plus(window).minus(Duration.ofHours(8));
  }

  private static Duration fraction(Random random, Duration of) {
    return of.isNegative() ? Duration.ZERO : Duration.ofMinutes((long) (random.nextDouble() * of.toMinutes()));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static long seconds(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds();
  }
}
