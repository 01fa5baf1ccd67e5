package org.kapcare.insight;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kapcare.clinic.ClinicGroup;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who carries the load: each therapist and prescriber of the clinic's directory with the tasks they
 * completed in a range, their integration sessions held in the window, and what they hold open now.
 * One grouped pass over the tasks completed in the range (Camunda indexes the task history by end
 * time, not by assignee, so a query per person would read it once per person) and one over the
 * open tasks, joined in Java to the groups' members.
 */
@Component
public class ClinicianLoad {

  /** An integration session is in its window when it was completed by its due date, the window's end. */
  private static final String DONE = """
      SELECT t.ASSIGNEE_, COUNT(*),
             SUM(CASE WHEN t.TASK_DEF_KEY_ = 'integrationSession' THEN 1 ELSE 0 END),
             SUM(CASE WHEN t.TASK_DEF_KEY_ = 'integrationSession' AND t.END_TIME_ <= t.DUE_DATE_ THEN 1 ELSE 0 END)
        FROM ACT_HI_TASKINST t
       WHERE t.END_TIME_ >= ? AND t.END_TIME_ < ? AND t.ASSIGNEE_ IS NOT NULL AND t.DELETE_REASON_ = 'completed'
       GROUP BY t.ASSIGNEE_
      """;

  private static final String OPEN = """
      SELECT t.ASSIGNEE_, COUNT(*), SUM(CASE WHEN t.DUE_DATE_ < ? THEN 1 ELSE 0 END)
        FROM ACT_RU_TASK t
       WHERE t.ASSIGNEE_ IS NOT NULL
       GROUP BY t.ASSIGNEE_
      """;

  private static final String MEMBERS = """
      SELECT m.GROUP_ID_, u.ID_, NULLIF(TRIM(CONCAT(CONCAT(u.FIRST_, ' '), u.LAST_)), '')
        FROM ACT_ID_MEMBERSHIP m JOIN ACT_ID_USER u ON u.ID_ = m.USER_ID_
       WHERE m.GROUP_ID_ IN (?, ?)
      """;

  private final JdbcTemplate jdbc;

  public ClinicianLoad(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Therapists, then prescribers, each by name; someone in both groups is listed in both. */
  public List<Kpis.Clinician> of(InsightRange range, Instant now) {
    Map<String, long[]> done = new HashMap<>();
    jdbc.query(DONE, row -> {
      done.put(row.getString(1), new long[] {row.getLong(2), row.getLong(3), row.getLong(4)});
    }, Timestamp.from(range.start()), Timestamp.from(range.end()));
    Map<String, long[]> open = new HashMap<>();
    jdbc.query(OPEN, row -> {
      open.put(row.getString(1), new long[] {row.getLong(2), row.getLong(3)});
    }, Timestamp.from(now));
    List<Kpis.Clinician> clinicians = new ArrayList<>();
    jdbc.query(MEMBERS, row -> {
      String userId = row.getString(2);
      long[] completed = done.getOrDefault(userId, new long[3]);
      long[] holding = open.getOrDefault(userId, new long[2]);
      clinicians.add(new Kpis.Clinician(row.getString(1), userId, row.getString(3) == null ? userId : row.getString(3),
          completed[0], holding[0], holding[1], completed[1], completed[2], Kpis.share(completed[2], completed[1])));
    }, ClinicGroup.THERAPISTS.id(), ClinicGroup.PRESCRIBERS.id());
    clinicians.sort(Comparator.comparing((Kpis.Clinician c) -> !c.group().equals(ClinicGroup.THERAPISTS.id()))
        .thenComparing(Kpis.Clinician::name, String.CASE_INSENSITIVE_ORDER).thenComparing(Kpis.Clinician::userId));
    return clinicians;
  }
}
