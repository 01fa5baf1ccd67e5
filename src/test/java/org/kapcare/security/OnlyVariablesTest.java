package org.kapcare.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * A task's form variables narrowed to those its form shows, whichever way the API behind reads the
 * parameters: the query string or the servlet's parameter methods. A caller repeating
 * {@code variableNames} to slip a hidden variable past gets only the shown ones.
 */
class OnlyVariablesTest {

  private static OnlyVariables of(String query) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/engine-rest/task/t/form-variables");
    request.setQueryString(query);
    return OnlyVariables.of(request, Set.of("systolic", "weightKg"));
  }

  @Test
  void aRepeatedNameListIsNarrowedAsOneAndEveryWayOfReadingItAgrees() {
    OnlyVariables narrowed = of("variableNames=systolic,ssn&deserializeValues=false&variableNames=weightKg%2Cnotes");
    assertThat(narrowed.getParameter("variableNames")).isEqualTo("systolic,weightKg");
    assertThat(narrowed.getParameterValues("variableNames")).containsExactly("systolic,weightKg");
    assertThat(narrowed.getParameterMap().get("variableNames")).containsExactly("systolic,weightKg");
    assertThat(narrowed.getParameter("deserializeValues")).isEqualTo("false");
    assertThat(Collections.list(narrowed.getParameterNames())).containsExactly("variableNames", "deserializeValues");
    assertThat(narrowed.getQueryString()).isEqualTo("variableNames=systolic%2CweightKg&deserializeValues=false");
  }

  @Test
  void askingOnlyForHiddenVariablesGetsNoneAndAskingForNothingGetsTheShownOnes() {
    assertThat(of("variableNames=ssn").getParameter("variableNames")).isEqualTo("-");
    assertThat(of(null).getParameter("variableNames")).isEqualTo("systolic,weightKg");
    assertThat(of("variableNames").getParameter("variableNames")).isEqualTo("-");
    assertThat(of(null).getParameter("other")).isNull();
  }
}
