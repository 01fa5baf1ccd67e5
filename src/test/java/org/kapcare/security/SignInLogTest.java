package org.kapcare.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a caller-given user id becomes in the sign-in log. */
class SignInLogTest {

  @Test
  void controlCharactersAndLineSeparatorsAreRemoved() {
    assertThat(SignInLog.readable("eve\r\nSign-in succeeded\u2028\u0000\t")).isEqualTo("eveSign-in succeeded");
  }

  @Test
  void aUserIdIsCutTo64Characters() {
    assertThat(SignInLog.readable("a".repeat(100))).isEqualTo("a".repeat(64));
    assertThat(SignInLog.readable(null)).isEmpty();
  }
}
