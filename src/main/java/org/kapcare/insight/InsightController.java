package org.kapcare.insight;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.kapcare.clinic.ClinicProperties;
import org.kapcare.clinic.EngineClock;
import org.kapcare.forms.InvalidInputException;
import org.kapcare.security.SignedInStaff;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/insight/heatmap}, {@code /api/insight/kpis}, {@code /api/insight/missed-windows} and
 * each KPI table as CSV ({@code /api/insight/kpis/{table}.csv}): what the Cockpit plugin shows;
 * managers and admins, with HTTP Basic or their Cockpit session.
 */
@RestController
@RequestMapping("/api/insight")
public class InsightController {

  private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

  /** @param toleratedShareOverTarget a step this share or less over its target shows as on target */
  public record Heatmap(String processDefinitionKey, String from, String to, String timeZone,
      double toleratedShareOverTarget, List<ActivityHeat> activities) {
  }

  private final ActivityHeatmap heatmap;
  private final ClinicKpis kpis;
  private final MissedWindows missed;
  private final SignedInStaff staff;
  private final ClinicProperties clinic;
  private final InsightTargets targets;

  public InsightController(ActivityHeatmap heatmap, ClinicKpis kpis, MissedWindows missed, SignedInStaff staff,
      ClinicProperties clinic, InsightTargets targets) {
    this.heatmap = heatmap;
    this.kpis = kpis;
    this.missed = missed;
    this.staff = staff;
    this.clinic = clinic;
    this.targets = targets;
  }

  @GetMapping("/heatmap")
  public Heatmap heatmap(@RequestParam(required = false) String processDefinitionKey,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    staff.requireManager();
    InsightRange range = range(from, to);
    if (processDefinitionKey == null || !heatmap.isDeployed(processDefinitionKey)) {
      throw new InvalidInputException("processDefinitionKey",
          "must be the key of a deployed process, e.g. care-journey, was " + processDefinitionKey);
    }
    return new Heatmap(processDefinitionKey, range.from().toString(), range.to().toString(), range.zone().getId(),
        targets.toleratedShareOverTarget(), heatmap.of(processDefinitionKey, range));
  }

  /** {@code months} (1 to 24) sets how far back a range without {@code from} reaches; six by default. */
  @GetMapping("/kpis")
  public Kpis.Report kpis(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String months) {
    staff.requireManager();
    return kpis.report(InsightRange.of(from, to, months(months), clinic.timeZone(), EngineClock.now()));
  }

  /** A page of the missed windows, newest first, narrowed as the manager chose. */
  @GetMapping("/missed-windows")
  public Kpis.MissedPage missedWindows(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String therapist,
      @RequestParam(required = false) String status, @RequestParam(required = false) String patient,
      @RequestParam(required = false) String page) {
    staff.requireManager();
    return missed.page(range(from, to), MissedWindows.Filter.of(therapist, status, patient), pageNumber(page));
  }

  /**
   * One KPI table as a CSV file named after it and its days ({@code kapcare-missed-windows-2026-06-08-to-2026-12-07.csv});
   * the missed windows are every one the filter lets through, not a page. The access log notes each
   * export, as the missed windows name patients.
   */
  @GetMapping("/kpis/{table}.csv")
  public ResponseEntity<String> kpiExport(@PathVariable String table, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String therapist,
      @RequestParam(required = false) String status, @RequestParam(required = false) String patient) {
    staff.requireManager();
    KpiExports.checkTable(table);
    InsightRange range = range(from, to);
    MissedWindows.Filter filter = MissedWindows.Filter.of(therapist, status, patient);
    // Otherwise a file with no patient in it would be logged as an access to the patient named.
    if (filter.narrows() && !table.equals(KpiExports.MISSED_WINDOWS)) {
      throw new InvalidInputException("table", "therapist, status and patient narrow the " + KpiExports.MISSED_WINDOWS
          + " table only, not " + table);
    }
    KpiExports.Export export = KpiExports.of(table, new KpiExports.Source(kpis.report(range), () -> missed.all(range, filter)));
    return ResponseEntity.ok().contentType(CSV)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(export.fileName()).build().toString())
        .body(export.text());
  }

  private static int months(String months) {
    if (months == null || months.isBlank()) {
      return InsightRange.DEFAULT_MONTHS;
    }
    if (!months.trim().matches("[0-9]{1,2}") || Integer.parseInt(months.trim()) < 1
        || Integer.parseInt(months.trim()) > InsightRange.MAX_YEARS * 12) {
      throw new InvalidInputException("months", "must be a number of months from 1 to " + InsightRange.MAX_YEARS * 12
          + ", was " + months);
    }
    return Integer.parseInt(months.trim());
  }

  private static int pageNumber(String page) {
    if (page == null || page.isBlank()) {
      return 1;
    }
    try {
      return Integer.parseInt(page.trim());
    } catch (NumberFormatException e) {
      throw new InvalidInputException("page", "must be a page number, was " + page);
    }
  }

  private InsightRange range(String from, String to) {
    return InsightRange.of(from, to, clinic.timeZone(), EngineClock.now());
  }
}
