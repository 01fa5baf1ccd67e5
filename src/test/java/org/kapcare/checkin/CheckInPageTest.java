package org.kapcare.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kapcare.Answers;
import org.kapcare.JourneyDriver;
import org.kapcare.WebAppTest;
import org.kapcare.clinic.EngineClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The patient's check-in page over real HTTP, as a patient and as an attacker: a whole check-in;
 * replayed, expired, altered and a thousand guessed links, all answered by the same page; hundreds
 * of malformed submissions refused with nothing kept; the limits per link and per address.
 */
@WebAppTest
class CheckInPageTest extends JourneyDriver {

  private final HttpClient client = HttpClient.newHttpClient();
  @LocalServerPort
  int port;
  @Autowired
  CheckInLinkMinter minter;
  @Autowired
  CheckInThrottle throttle;
  @Autowired
  CheckIns checkIns;
  @Autowired
  JdbcTemplate jdbc;

  private String invalidPage;

  @BeforeEach
  void freshCounts() throws Exception {
    throttle.clear();
    invalidPage = get("/check-in/" + "x".repeat(43)).body();
    throttle.clear();
  }

  @AfterEach
  void clearCounts() {
    throttle.clear();
  }

  private String linkTo(ProcessInstance checkIn) {
    String link = minter.mint(checkIn.getId());
    assertThat(link).startsWith("http://localhost:8080/check-in/");
    return link.substring("http://localhost:8080".length());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> submit(String path, Map<String, ?> fields) throws Exception {
    return post(path, "application/x-www-form-urlencoded", form(fields));
  }

  private static String form(Map<String, ?> fields) {
    return fields.entrySet().stream().map(field -> encode(field.getKey()) + "=" + encode(String.valueOf(field.getValue())))
        .collect(Collectors.joining("&"));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private void assertInvalid(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo(invalidPage).contains("This link is no longer valid");
  }

  @Test
  void aPatientOpensTheLinkAnswersAndIsThankedWithNothingClinicalShown() throws Exception {
    ProcessInstance journey = atDosing();
    ProcessInstance checkIn = checkInBeforeTheDose(journey);
    String link = linkTo(checkIn);

    HttpResponse<String> page = get(link);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'",
        "frame-ancestors 'none'");
    assertThat(page.body()).contains("Hello Alex, how have you been feeling?", "KAP Care clinic",
        "Little interest or pleasure in doing things", "Nearly every day", "Worry and nerves")
        .doesNotContain("Example", journey.getBusinessKey(), "PHQ", "GAD", "ketamine", "moderately", "<script");
    assertThat(page.body().split("type=\"radio\"")).hasSize(16 * 4 + 1);

    HttpResponse<String> thanks = submit(link, Answers.checkIn(12, 0));
    assertThat(thanks.statusCode()).isEqualTo(200);
    assertThat(thanks.body()).contains("Thank you", "KAP Care clinic").doesNotContain("12", "moderate");
    assertThat(checkIn).hasPassed("scoreCheckIn").isWaitingAt("shareCheckIn");
    assertThat(engine.getRuntimeService().getVariable(checkIn.getId(), "phq9Score")).isEqualTo(12);

    assertInvalid(get(link));
    assertInvalid(submit(link, Answers.checkIn(3, 0)));
    assertThat(engine.getRuntimeService().getVariable(checkIn.getId(), "phq9Score")).as("the replay kept nothing").isEqualTo(12);
  }

  @Test
  void onceAnsweredEveryLinkOfTheCheckInIsUsedUp() throws Exception {
    ProcessInstance checkIn = checkInBeforeTheDose(atDosing());
    String first = linkTo(checkIn);
    String second = linkTo(checkIn);
    assertThat(submit(second, Answers.checkIn(12, 0)).statusCode()).isEqualTo(200);
    assertInvalid(get(first));
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM kapcare_check_in_link WHERE check_in_id = ? AND used_at IS NULL",
        Long.class, checkIn.getId())).isZero();
  }

  @Test
  void anExpiredOrAlteredLinkOrOneWhoseCheckInClosedOpensNothing() throws Exception {
    ProcessInstance checkIn = checkInBeforeTheDose(atDosing());
    String link = linkTo(checkIn);
    char last = link.charAt(link.length() - 1);
    assertInvalid(get(link.substring(0, link.length() - 1) + (last == 'A' ? 'B' : 'A')));
    assertInvalid(get(CheckInPage.PATH + link.substring(CheckInPage.PATH.length()).toUpperCase()));
    assertInvalid(get(link + "x"));
    assertInvalid(get("/check-in/"));
    assertThat(get(link).statusCode()).as("the good link still opens").isEqualTo(200);

    moveClockTo(EngineClock.now().plus(Duration.ofDays(3)).plusSeconds(1));
    assertInvalid(get(link));
    assertInvalid(submit(link, Answers.checkIn(12, 0)));
    assertThat(checkIn).isWaitingAt("awaitCheckIn");

    ProcessInstance closed = checkInBeforeTheDose(atDosing());
    String closedLink = linkTo(closed);
    execute(job(closed, "checkInLinkExpired"));
    assertInvalid(get(closedLink));
  }

  @Test
  void aThousandGuessedLinksAreAllAnsweredByTheSamePageAndNeverAnError() throws Exception {
    SecureRandom random = new SecureRandom();
    List<String> guesses = new ArrayList<>();
    for (int i = 0; i < 980; i++) {
      byte[] bits = new byte[32];
      random.nextBytes(bits);
      guesses.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bits));
    }
    guesses.addAll(List.of("'%20OR%201=1--", "%24%7B7*7%7D", "%3Cscript%3Ealert(1)%3C", "a".repeat(5000), "%E2%98%83",
        "null", "undefined", "-1", "0", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "_".repeat(43), "x.json", "%20x",
        "abc%0d%0aSet-Cookie:%20x=1"));
    // Addresses the web server itself refuses before KAP Care sees them: never with an error of the server's.
    List<String> junk = List.of("%00", "%3C%2Fscript%3E", "..%2F..%2Factuator", "%2e%2e", "x;jsessionid=1", "%2525%00");
    int errors = 0;
    for (int i = 0; i < guesses.size(); i++) {
      String path = "/check-in/" + guesses.get(i);
      HttpResponse<String> response = i % 2 == 0 ? get(path) : submit(path, Answers.checkIn(0, 0));
      assertThat(response.statusCode()).as(guesses.get(i)).isEqualTo(404);
      assertThat(response.body()).as(guesses.get(i)).isEqualTo(invalidPage);
    }
    for (String guess : junk) {
      HttpResponse<String> response = get("/check-in/" + guess);
      errors += response.statusCode() >= 500 ? 1 : 0;
      assertThat(response.body()).as(guess).doesNotContain("Exception", "at org.");
    }
    assertThat(guesses.size() + junk.size()).isGreaterThanOrEqualTo(1000);
    assertThat(errors).isZero();
  }

  @Test
  void anAddressThatTriedTooManyUnknownLinksIsToldNothingEvenWithAGoodOne() throws Exception {
    ProcessInstance checkIn = checkInBeforeTheDose(atDosing());
    String link = linkTo(checkIn);
    for (int i = 0; i < 50; i++) {
      assertInvalid(get("/check-in/guess-" + i));
    }
    assertInvalid(get(link));
    throttle.clear();
    assertThat(get(link).statusCode()).isEqualTo(200);
  }

  @Test
  void hundredsOfMalformedSubmissionsAreRefusedWithAClearMessageAndNothingKept() throws Exception {
    ProcessInstance checkIn = checkInBeforeTheDose(atDosing());
    Object journeyId = engine.getRuntimeService().getVariable(checkIn.getId(), "journeyId");
    Object askedBy = engine.getRuntimeService().getVariable(checkIn.getId(), "askedBy");
    List<Map<String, Object>> malformed = new ArrayList<>();
    Map<String, Object> good = Answers.checkIn(12, 0);
    for (String key : good.keySet()) {
      Map<String, Object> missing = new LinkedHashMap<>(good);
      missing.remove(key);
      malformed.add(missing);
      for (String bad : List.of("4", "-1", "3.0", "1e0", " 1", "one", "", "null", "true", "${1}", "#{execution}",
          "<b>2</b>", "9".repeat(400))) {
        Map<String, Object> wrong = new LinkedHashMap<>(good);
        wrong.put(key, bad);
        malformed.add(wrong);
      }
    }
    for (String extra : List.of("phq9Score", "suicidalIdeation", "journeyId", "askedBy", "checkInExpiresAt", "pcl5_1",
        "cssrs_1", "patientId", "phq9_10", "PHQ9_1", "class", "_csrf")) {
      Map<String, Object> more = new LinkedHashMap<>(good);
      more.put(extra, "0");
      malformed.add(more);
    }
    malformed.add(Map.of());
    assertThat(malformed).hasSizeGreaterThanOrEqualTo(200);

    String link = linkTo(checkIn);
    int sent = 0;
    for (Map<String, Object> answers : malformed) {
      if (++sent % 15 == 0) {
        link = linkTo(checkIn);
      }
      HttpResponse<String> refused = submit(link, answers);
      assertThat(refused.statusCode()).as(answers.toString()).isEqualTo(400);
      assertThat(refused.body()).containsAnyOf("question has no answer yet", "questions have no answer yet",
          "Nothing was kept");
    }
    link = linkTo(checkIn);
    assertThat(post(link, "application/json", "{\"phq9_1\":\"0\"}").statusCode()).isEqualTo(415);
    assertThat(submit(link, Map.of()).body()).as("the form again, with what is missing marked")
        .contains("16 questions have no answer yet", "class=\"missing\"");
    String duplicated = form(good) + "&phq9_1=0";
    assertThat(post(link, "application/x-www-form-urlencoded", duplicated).statusCode()).isEqualTo(400);

    assertThat(checkIn).isWaitingAt("awaitCheckIn");
    assertThat(engine.getRuntimeService().getVariables(checkIn.getId())).as("nothing kept, nothing smuggled in")
        .doesNotContainKeys("phq9_1", "gad7_1", "phq9Score", "suicidalIdeation", "pcl5_1", "cssrs_1", "phq9_10", "class")
        .containsEntry("journeyId", journeyId).containsEntry("askedBy", askedBy);
    assertThat(submit(link, good).statusCode()).as("the patient can still answer").isEqualTo(200);
  }

  /** The link's timer closes the check-in between the page's check and the answers: nothing kept, no error. */
  @Test
  void answersArrivingAsTheLinkExpiresAreRefusedWithoutAnError() throws Exception {
    ProcessInstance checkIn = checkInBeforeTheDose(atDosing());
    String token = linkTo(checkIn).substring(CheckInPage.PATH.length());
    CheckIns.Open open = checkIns.open(token).orElseThrow();
    execute(job(checkIn, "checkInLinkExpired"));

    assertThat(checkIns.submit(token, open, stringsOf(Answers.checkIn(12, 0))).kept()).isFalse();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM kapcare_check_in_link WHERE check_in_id = ? AND used_at IS NULL",
        Long.class, checkIn.getId())).as("the use of the link rolled back with the answers").isEqualTo(1);
    assertThat(checkIn).isEnded().hasPassed("checkInUnanswered").hasNotPassed("scoreCheckIn");
  }

  private static Map<String, String> stringsOf(Map<String, Object> answers) {
    Map<String, String> strings = new LinkedHashMap<>();
    answers.forEach((key, value) -> strings.put(key, String.valueOf(value)));
    return strings;
  }

  @Test
  void aPartlyAnsweredFormComesBackWithTheAnswersGivenStillChosen() throws Exception {
    ProcessInstance checkIn = checkInBeforeTheDose(atDosing());
    String link = linkTo(checkIn);
    Map<String, Object> partial = new LinkedHashMap<>(Answers.checkIn(12, 0));
    partial.remove("gad7_3");
    HttpResponse<String> again = submit(link, partial);
    assertThat(again.body()).contains("One question has no answer yet", "id=\"phq9_1-3\" name=\"phq9_1\" value=\"3\" required checked");
    assertThat(checkIn).isWaitingAt("awaitCheckIn");
  }

  @Test
  void aLinkTriedTooOftenIsRestedForAWhile() throws Exception {
    ProcessInstance checkIn = checkInBeforeTheDose(atDosing());
    String link = linkTo(checkIn);
    for (int i = 0; i < 20; i++) {
      assertThat(submit(link, Map.of()).statusCode()).isEqualTo(400);
    }
    HttpResponse<String> busy = submit(link, Answers.checkIn(12, 0));
    assertThat(busy.statusCode()).isEqualTo(429);
    assertThat(busy.body()).contains("Please wait a few minutes");
    assertThat(checkIn).isWaitingAt("awaitCheckIn");
  }
}
