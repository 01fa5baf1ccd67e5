package org.kapcare.checkin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The check-in links: 256 random bits each, kept only as a SHA-256 hash, expiring, and used up
 * together once their check-in is answered. Every lookup is one query by the hash, whatever the
 * token, so a guessed, altered, used or expired token costs the same and tells nothing.
 */
@Repository
public class CheckInLinks {

  private static final int MAX_TOKEN = 200;

  private final JdbcTemplate jdbc;
  private final SecureRandom random = new SecureRandom();

  public CheckInLinks(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A new token for the check-in, working until {@code expiresAt}. */
  public String issue(String checkInId, Instant now, Instant expiresAt) {
    byte[] bits = new byte[32];
    random.nextBytes(bits);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    jdbc.update("INSERT INTO kapcare_check_in_link (token_hash, check_in_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
        hash(token), checkInId, at(now), at(expiresAt));
    return token;
  }

  /** The check-in an unused, unexpired token answers. */
  public Optional<String> checkInOf(String token, Instant now) {
    List<String> found = jdbc.queryForList("""
        SELECT check_in_id FROM kapcare_check_in_link
         WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?""", String.class, hash(token), at(now));
    return found.stream().findFirst();
  }

  /**
   * Uses up every link of the token's check-in; false when the token was no longer good, so that of
   * two submissions racing with one link only one goes on.
   */
  public boolean useUp(String token, String checkInId, Instant now) {
    int taken = jdbc.update("UPDATE kapcare_check_in_link SET used_at = ? WHERE token_hash = ? AND used_at IS NULL"
        + " AND expires_at > ?", at(now), hash(token), at(now));
    if (taken == 0) {
      return false;
    }
    jdbc.update("UPDATE kapcare_check_in_link SET used_at = ? WHERE check_in_id = ? AND used_at IS NULL", at(now), checkInId);
    return true;
  }

  static String hash(String token) {
    String bounded = token.length() > MAX_TOKEN ? token.substring(0, MAX_TOKEN) : token;
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bounded.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
