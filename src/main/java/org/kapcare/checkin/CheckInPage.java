package org.kapcare.checkin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * {@code /check-in/{token}}: the page a patient opens from the check-in mail, with no account. Any
 * link that answers nothing (guessed, altered, used, expired, or from an address that has tried
 * too many) gets the same plain page; the link itself is the only key, so the page has no session.
 */
@Controller
class CheckInPage {

  static final String PATH = "/check-in/";

  private final CheckIns checkIns;
  private final CheckInThrottle throttle;
  private final CheckInViews views;

  CheckInPage(CheckIns checkIns, CheckInThrottle throttle, CheckInViews views) {
    this.checkIns = checkIns;
    this.throttle = throttle;
    this.views = views;
  }

  @GetMapping(value = PATH + "{token}", produces = MediaType.TEXT_HTML_VALUE)
  @ResponseBody
  String show(@PathVariable String token, HttpServletRequest request, HttpServletResponse response) {
    views.secure(response);
    return open(token, request, response).map(views::questions).orElseGet(views::invalid);
  }

  /** A link cut short in a mail program: the same answer as any other that opens nothing. */
  @GetMapping(value = {"/check-in", PATH}, produces = MediaType.TEXT_HTML_VALUE)
  @ResponseBody
  String withoutToken(HttpServletResponse response) {
    views.secure(response);
    response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    return views.invalid();
  }

  @PostMapping(value = PATH + "{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
      produces = MediaType.TEXT_HTML_VALUE)
  @ResponseBody
  String answer(@PathVariable String token, HttpServletRequest request, HttpServletResponse response) {
    views.secure(response);
    Optional<CheckIns.Open> open = open(token, request, response);
    if (open.isEmpty()) {
      return views.invalid();
    }
    if (!throttle.tryLink(CheckInLinks.hash(token))) {
      response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
      return views.busy();
    }
    CheckIns.Submission submission = checkIns.submit(token, open.get(), answers(request));
    if (submission.problem() != null) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return views.questions(open.get(), submission);
    }
    if (!submission.kept()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      return views.invalid();
    }
    return views.thanks();
  }

  private Optional<CheckIns.Open> open(String token, HttpServletRequest request, HttpServletResponse response) {
    String source = request.getRemoteAddr();
    Optional<CheckIns.Open> open = throttle.sourceRefused(source) ? Optional.empty() : checkIns.open(token);
    if (open.isEmpty()) {
      throttle.unknownLink(source);
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    }
    return open;
  }

  /** The form's fields, each once: a field sent twice counts as a question not answered. */
  private static Map<String, String> answers(HttpServletRequest request) {
    Map<String, String> answers = new HashMap<>();
    request.getParameterMap().forEach((name, values) -> answers.put(name, values.length == 1 ? values[0] : null));
    return answers;
  }
}
