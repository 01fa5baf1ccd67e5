package org.kapcare.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.HistoryService;
import org.kapcare.clinic.Journeys;
import org.kapcare.integrationwindow.IntegrationWindowPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Profile;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;

/**
 * The demo clinic, written on the first start with an empty database by driving the real
 * processes. The running journeys come first, before the web server, the job executor and the
 * outbox poller start, so every queue has work when the first person logs in. The six months of
 * finished journeys follow on a thread of their own while the app runs: each patient is one
 * transaction that the job executor and the poller cannot see until the journey has ended, and the
 * engine clock that the stories move is that thread's own ({@link StoryClock}).
 */
@Component
@Profile("demo")
class DemoClinic implements SmartInitializingSingleton, DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(DemoClinic.class);
  /** A running journey's next step is due within this, so queues and the closing-window filter have work today. */
  private static final Duration LONGEST_LEAD = Duration.ofHours(3);
  private static final Set<String> INTEGRATION_STEPS = Set.of("scheduleIntegration", "integrationSession");

  private final DemoProperties settings;
  private final StoryTeller teller;
  private final HistoryService history;
  private final IntegrationWindowPolicy windows;
  private final StoryClock clock;
  /** The finished journeys being written; done at once when there is nothing to write. */
  private volatile CompletableFuture<Void> finishedJourneys = CompletableFuture.completedFuture(null);
  private volatile boolean stopping;

  DemoClinic(DemoProperties settings, StoryTeller teller, HistoryService history, IntegrationWindowPolicy windows,
      StoryClock clock) {
    this.settings = settings;
    this.teller = teller;
    this.history = history;
    this.windows = windows;
    this.clock = clock;
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
    long started = System.nanoTime();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    List<DemoCalendar.Patient> sixMonths = new ArrayList<>();
    List<DemoCalendar.Patient> running = new ArrayList<>();
    DemoCalendar.place(new DemoStories(settings.seed()), settings.seed(), settings.finishedJourneys(),
        settings.runningJourneys(), now, this::sinceReferral)
        .forEach(p -> (p.kind() == DemoCalendar.Kind.STAGED ? running : sixMonths).add(p));
    long underWay = sixMonths.stream().filter(p -> p.kind() == DemoCalendar.Kind.UNDER_WAY).count();
    LOG.info("Demo clinic: writing {} running journeys now, then the last six months while the app runs: {} finished "
        + "journeys and {} still under way (once, into this empty database)", running.size(), settings.finishedJourneys(),
        underWay);
    clock.install();
    try {
      int notifications = write(running, now, "running journeys", started);
      LOG.info("Demo clinic: {} running journeys wait in the queues ({} s); log in as coordinator, therapist, "
          + "prescriber, nurse, manager or admin (password demo)", running.size(), seconds(started));
      finishedJourneys = CompletableFuture.runAsync(() -> writeHistory(sixMonths, now, notifications, started),
          runnable -> new Thread(runnable, "demo-clinic-history").start());
    } catch (RuntimeException e) {
      clock.close();
      throw e;
    }
  }

  private void writeHistory(List<DemoCalendar.Patient> history, Instant now, int notificationsSoFar, long started) {
    try {
      int notifications = notificationsSoFar + write(history, now, "journeys of the last six months", started);
      if (!stopping) {
        LOG.info("Demo clinic ready: {} journeys and {} notifications in {} s", settings.runningJourneys()
            + history.size(), notifications, seconds(started));
      }
    } catch (RuntimeException e) {
      // The app runs on with the history written so far; the log says why the rest is missing.
      LOG.error(e.getMessage(), e);
      throw e;
    } finally {
      clock.close();
    }
  }

  /** The finished journeys, written on their own thread: done, failed, or still being written. */
  CompletableFuture<Void> finishedJourneys() {
    return finishedJourneys;
  }

  /** A stopping app stops the history between two patients; an interrupt would close H2's file under one. */
  @Override
  public void destroy() throws InterruptedException {
    stopping = true;
    try {
      finishedJourneys.get(1, TimeUnit.MINUTES);
    } catch (TimeoutException | ExecutionException e) {
      LOG.warn("Demo clinic: the history was not finished before the app stopped");
    }
  }

  /**
   * Each patient is one transaction: those written so far stay, and a restart would skip the demo.
   * {@code kapcare.demo.writers} patients are written side by side, each thread on its own story
   * clock; the first that fails stops the others between two patients.
   */
  private int write(List<DemoCalendar.Patient> patients, Instant now, String kind, long started) {
    int progressEvery = Math.max(1, patients.size() / 10);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger written = new AtomicInteger();
    AtomicInteger notifications = new AtomicInteger();
    AtomicBoolean failed = new AtomicBoolean();
    ExecutorService writers = Executors.newFixedThreadPool(settings.writers(),
        runnable -> new Thread(runnable, Thread.currentThread().getName() + "-writer"));
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int writer = 0; writer < settings.writers(); writer++) {
        work.add(writers.submit(() -> {
          try {
            for (int i = next.getAndIncrement(); i < patients.size() && !stopping && !failed.get(); i = next.getAndIncrement()) {
              notifications.addAndGet(live(patients.get(i), now));
              int done = written.incrementAndGet();
              if (done % progressEvery == 0) {
                LOG.info("Demo clinic: {} of {} {} written ({} s)", done, patients.size(), kind, seconds(started));
              }
            }
          } catch (RuntimeException e) {
            failed.set(true);
            throw e;
          } finally {
            clock.leave();
          }
        }));
      }
      for (Future<?> writer : work) {
        awaitWriter(writer);
      }
    } finally {
      writers.shutdown();
    }
    if (stopping) {
      LOG.warn("Demo clinic: the app stopped before all {} were written; those written stay, and a "
          + "restart writes no more (delete ./data for the whole demo clinic)", kind);
    }
    return notifications.get();
  }

  private static void awaitWriter(Future<?> writer) {
    try {
      writer.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw (RuntimeException) e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Demo clinic: interrupted while the journeys were written", e);
    }
  }

  private int live(DemoCalendar.Patient patient, Instant now) {
    try {
      return patient.kind() == DemoCalendar.Kind.FINISHED
          ? teller.finish(patient.story(), patient.referral(), now)
          : leaveWaiting(patient.story(), patient.referral(), now);
    } catch (RuntimeException e) {
      throw new IllegalStateException("Demo clinic: patient " + patient.story().patientId() + " could not be written: "
          + NestedExceptionUtils.getMostSpecificCause(e).getMessage() + ". A clinic setting may refuse the demo's "
          + "answers (e.g. a lower dose limit). Delete the database (./data) before starting again, or start with "
          + "kapcare.demo.history=false.", e);
    }
  }

  /**
   * A story cut at today may wait for a step whose task does not exist yet (a review the window's
   * deadline opens later today): the patient then waits at the step before, as one who is behind.
   */
  private int leaveWaiting(PatientStory story, Instant referral, Instant now) {
    try {
      return teller.leaveWaiting(story, referral, now);
    } catch (StoryTeller.NoOpenTask e) {
      return leaveWaiting(story.oneStepEarlier().orElseThrow(() -> e), referral, now);
    }
  }

  /**
   * Where in its story a queue's patient is now: shortly before the step it waits for, or, when it
   * waits to book or hold the integration session, 8 hours before that window closes.
   */
  private Duration sinceReferral(PatientStory story, Random placement) {
    Duration lastDone = story.done().get(story.done().size() - 1).at();
    Duration lead = min(DemoCalendar.fraction(placement, story.next().at().minus(lastDone)), LONGEST_LEAD);
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

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static long seconds(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds();
  }
}
