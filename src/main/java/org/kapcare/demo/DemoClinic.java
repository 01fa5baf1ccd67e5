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
  private static final Duration HISTORY = Duration.ofDays(182);
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

  /** A patient's story and when it began, decided up front so the clinic is the same whatever order it is written in. */
  private record Patient(PatientStory story, Instant referral, Instant now, boolean finished) {}

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
    List<Patient> finished = new ArrayList<>();
    List<Patient> running = new ArrayList<>();
    patients(Instant.now().truncatedTo(ChronoUnit.MINUTES)).forEach(p -> (p.finished() ? finished : running).add(p));
    LOG.info("Demo clinic: writing {} running journeys now, then {} finished ones over the last six months while "
        + "the app runs (once, into this empty database)", running.size(), finished.size());
    clock.install();
    try {
      int notifications = write(running, "running", started);
      LOG.info("Demo clinic: {} running journeys wait in the queues ({} s); log in as coordinator, therapist, "
          + "prescriber, nurse, manager or admin (password demo)", running.size(), seconds(started));
      finishedJourneys = CompletableFuture.runAsync(() -> writeHistory(finished, notifications, started),
          runnable -> new Thread(runnable, "demo-clinic-history").start());
    } catch (RuntimeException e) {
      clock.close();
      throw e;
    }
  }

  private void writeHistory(List<Patient> finished, int notificationsSoFar, long started) {
    try {
      int notifications = notificationsSoFar + write(finished, "finished", started);
      if (!stopping) {
        LOG.info("Demo clinic ready: {} journeys and {} notifications in {} s", settings.runningJourneys()
            + settings.finishedJourneys(), notifications, seconds(started));
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

  private List<Patient> patients(Instant now) {
    DemoStories stories = new DemoStories(settings.seed());
    Random placement = new Random(settings.seed());
    List<Patient> patients = new ArrayList<>();
    for (int patient = 0; patient < settings.finishedJourneys(); patient++) {
      PatientStory story = stories.finished(patient);
      Duration room = HISTORY.minus(story.length()).minus(Duration.ofDays(1));
      patients.add(new Patient(story, now.minus(HISTORY.minus(fraction(placement, room))), now, true));
    }
    for (int running = 0; running < settings.runningJourneys(); running++) {
      PatientStory story = stories.running(settings.finishedJourneys() + running, running);
      patients.add(new Patient(story, now.minus(nowInStory(story, placement)), now, false));
    }
    return patients;
  }

  /**
   * Each patient is one transaction: those written so far stay, and a restart would skip the demo.
   * {@code kapcare.demo.writers} patients are written side by side, each thread on its own story
   * clock; the first that fails stops the others between two patients.
   */
  private int write(List<Patient> patients, String kind, long started) {
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
              notifications.addAndGet(live(patients.get(i)));
              int done = written.incrementAndGet();
              if (done % progressEvery == 0) {
                LOG.info("Demo clinic: {} of {} {} journeys written ({} s)", done, patients.size(), kind, seconds(started));
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
      LOG.warn("Demo clinic: the app stopped before every {} journey was written; those written stay, and a "
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

  private int live(Patient patient) {
    try {
      return patient.finished()
          ? teller.finish(patient.story(), patient.referral(), patient.now())
          : teller.leaveWaiting(patient.story(), patient.referral(), patient.now());
    } catch (RuntimeException e) {
      throw new IllegalStateException("Demo clinic: patient " + patient.story().patientId() + " could not be written: "
          + NestedExceptionUtils.getMostSpecificCause(e).getMessage() + ". A clinic setting may refuse the demo's "
          + "answers (e.g. a lower dose limit). Delete the database (./data) before starting again, or start with "
          + "kapcare.demo.history=false.", e);
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
