package org.kapcare.security;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every sign-in at INFO on the logger {@code org.kapcare.security.SignInLog}: who (the user id as
 * given), from which address, at which door, and whether it succeeded. Never the password.
 *
 * <p>A user id is whatever the caller sent: control and line-separator characters are removed and
 * it is cut to 64 characters, so that nobody can write a line of their own into the log.
 *
 * <p>With HTTP Basic every request signs in again, so a success there is logged once per user and
 * address in {@link #BASIC_SUCCESS_INTERVAL}; webapp logins and every failure are logged each time.
 */
@Component
public class SignInLog {

  /** The doors a user signs in at. */
  enum Door {
    ENGINE_REST("engine-rest", true),
    API("api", true),
    ACTUATOR("actuator", true),
    WEBAPP_LOGIN("webapp login", false);

    private final String label;
    private final boolean basic;

    Door(String label, boolean basic) {
      this.label = label;
      this.basic = basic;
    }
  }

  static final Duration BASIC_SUCCESS_INTERVAL = Duration.ofMinutes(5);
  static final int LONGEST_USER_ID = 64;
  /** Users and addresses whose Basic success was logged lately; bounded as the throttle is. */
  private static final int REMEMBERED_SUCCESSES = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(SignInLog.class);

  private final Map<String, Instant> basicSuccessLogged = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
      return size() > REMEMBERED_SUCCESSES;
    }
  };

  void failed(Door door, String userId, String address) {
    LOG.info("Sign-in failed: user \"{}\" from {} at {}", readable(userId), address, door.label);
  }

  void succeeded(Door door, String userId, String address) {
    if (door.basic && !firstSuccessLately(userId, address)) {
      return;
    }
    LOG.info("Sign-in succeeded: user \"{}\" from {} at {}", readable(userId), address, door.label);
  }

  void throttled(String address, int failures, Duration window, Duration refusedFor) {
    LOG.info("Sign-ins from {} refused for the next {} s, unchecked: {} failed within {} min", address,
        refusedFor.toSeconds(), failures, window.toMinutes());
  }

  private synchronized boolean firstSuccessLately(String userId, String address) {
    String key = address + ' ' + userId;
    Instant now = Instant.now();
    Instant logged = basicSuccessLogged.get(key);
    if (logged != null && now.isBefore(logged.plus(BASIC_SUCCESS_INTERVAL))) {
      return false;
    }
    basicSuccessLogged.remove(key);
    basicSuccessLogged.put(key, now);
    return true;
  }

  static String readable(String userId) {
    if (userId == null) {
      return "";
    }
    String printable = userId.replaceAll("[\\p{Cc}\\p{Zl}\\p{Zp}]", "");
    return printable.length() > LONGEST_USER_ID ? printable.substring(0, LONGEST_USER_ID) : printable;
  }
}
