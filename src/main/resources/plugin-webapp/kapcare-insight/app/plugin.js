/*
 * KAP Care insight in Cockpit (plain ES module, no build step): a heatmap on the process
 * definition diagram of the care journey and the dosing session, and the clinic's KPIs on the
 * dashboard. The figures come from KAP Care's /api/insight, which aggregates in the database and
 * accepts the Cockpit login for reading, so managers sign in once.
 */

import { el, getJson, kapcareRoot, svgNode, table, when } from "../../../../../../../kapcare/ui.js";

const HEATMAP_KEYS = ["care-journey", "dosing-session"];

const METRICS = {
  count: { label: "How often it ran", value: a => a.count, format: n => String(n) },
  average: { label: "Average time spent", value: a => a.averageMs, format: duration },
  p90: { label: "90th percentile time", value: a => a.p90Ms, format: duration }
};

function insight(path, params) {
  const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value));
  return getJson(`${kapcareRoot()}/api/insight/${path}?${query}`);
}

/** Readable time: seconds, minutes, hours or days, whichever reads best. */
function duration(ms) {
  if (ms === null || ms === undefined) {
    return "–";
  }
  const minutes = ms / 60000;
  if (minutes < 1) {
    return `${Math.round(ms / 1000)} s`;
  }
  if (minutes < 60) {
    return `${Math.round(minutes)} min`;
  }
  const hours = minutes / 60;
  return hours < 48 ? `${hours.toFixed(1)} h` : `${(hours / 24).toFixed(1)} d`;
}

function percent(share) {
  return share === null || share === undefined ? "–" : `${Math.round(share * 100)}%`;
}

function dateInput(id, label, value, onChange) {
  const input = el("input", { id, type: "date", class: "form-control input-sm" });
  input.value = value || "";
  input.addEventListener("change", onChange);
  return el("label", { for: id }, `${label} `, input);
}

/* ---------------------------------------------------------------- heatmap */

/** A step's colour by its verdict against the clinic's target (TaskTimes on the server); plugin.css has the same for the legend. */
const VERDICTS = {
  "on-target": { colour: "hsl(130, 55%, 62%)", label: share => `on target (≤ ${percent(share)} over)` },
  near: { colour: "hsl(40, 95%, 60%)", label: share => `near (≤ ${percent(2 * share)})` },
  over: { colour: "hsl(0, 80%, 64%)", label: share => `missing target (> ${percent(2 * share)})` },
  "no-target": { colour: "hsl(0, 0%, 88%)", label: () => "no target yet" }
};

/**
 * The lines on a step: its figure and, for a task, the share over target. A task's booked wait is
 * planned, so a step that waits for an appointment shows the time it then waited for staff, and
 * the booked wait in grey below it. Kept short: at the default zoom the steps are narrow.
 */
function figureLines(activity, metricName) {
  const metric = METRICS[metricName];
  const task = activity.task;
  const lines = [];
  if (metricName === "count" || !task || task.appointmentWaitAverageMs === null) {
    lines.push(el("span", {}, metric.format(metric.value(activity))));
  } else {
    const average = metricName === "average";
    lines.push(el("span", {}, duration(average ? task.staffWaitAverageMs : task.staffWaitP90Ms)),
      el("span", { class: "kapcare-heat-booked" },
        `${duration(average ? task.appointmentWaitAverageMs : task.appointmentWaitP90Ms)} booked`));
  }
  if (task && task.judged > 0) {
    lines.push(el("b", { class: "kapcare-heat-over" }, `${percent(task.shareOverTarget)} over`));
  }
  return lines;
}

/**
 * Tasks and called processes carry figures; of the events only those attached to a step (a missed
 * window, a reminder) and only as counts: the rest repeat their neighbours' figures and crowd them.
 */
function shownFor(activity, metricName) {
  const type = activity.type || "";
  return type.endsWith("Task") || type === "callActivity" || type === "subProcess"
    || (metricName === "count" && type === "boundaryEvent");
}

/** Everything about a step in words, for the figure's tooltip. */
function stepTitle(activity) {
  const task = activity.task;
  const lines = [`${activity.name || activity.activityId}: ran ${activity.count} times, ${activity.finished} finished`];
  if (task) {
    lines.push(task.target ? `Target: ${task.target}; ${task.overTarget} of ${task.judged} over (${percent(task.shareOverTarget)})`
      : "No target set for this step");
    if (task.appointmentWaitAverageMs !== null) {
      lines.push(`Waiting for the booked appointment: average ${duration(task.appointmentWaitAverageMs)}, `
        + `90% within ${duration(task.appointmentWaitP90Ms)} (planned)`);
    }
    lines.push(`Waiting for staff: average ${duration(task.staffWaitAverageMs)}, 90% within ${duration(task.staffWaitP90Ms)}`);
  }
  return lines.join("\n");
}

function paintHeatmap(viewer, heatmap, metricName, panel) {
  const registry = viewer.get("elementRegistry");
  const canvas = viewer.get("canvas");
  const overlays = viewer.get("overlays");

  overlays.remove({ type: "kapcare-heat" });
  registry.filter(element => canvas.hasMarker(element.id, "kapcare-heat")).forEach(element => {
    canvas.removeMarker(element.id, "kapcare-heat");
    const shape = shapeOf(registry, element.id);
    shape.style.fill = shape.dataset.kapcareFill || "";
  });

  heatmap.activities.filter(a => registry.get(a.activityId) && shownFor(a, metricName)).forEach(activity => {
    const shape = shapeOf(registry, activity.activityId);
    if (activity.task) {
      if (shape.dataset.kapcareFill === undefined) {
        shape.dataset.kapcareFill = shape.style.fill || "";
      }
      shape.style.fill = VERDICTS[activity.task.verdict].colour;
      canvas.addMarker(activity.activityId, "kapcare-heat");
    }
    // Not scaled with the fitted diagram, so the figures read at Cockpit's default zoom; plugin.css
    // lifts each above its step.
    overlays.add(activity.activityId, "kapcare-heat", {
      position: { top: -2, left: 0 },
      scale: false,
      html: el("span", { class: "kapcare-heat-figure", "data-activity-id": activity.activityId,
        "data-verdict": activity.task ? activity.task.verdict : "", title: stepTitle(activity) },
        ...figureLines(activity, metricName))
    });
  });

  panel.querySelector("#kapcare-heatmap-legend-verdicts").replaceChildren(...Object.entries(VERDICTS).map(([verdict, v]) =>
    el("span", { class: "kapcare-heatmap-verdict", "data-verdict": verdict },
      el("span", { class: `kapcare-heatmap-swatch kapcare-verdict-${verdict}` }),
      v.label(heatmap.toleratedShareOverTarget))));
}

/**
 * The definition's key, from Cockpit's own engine API. The engine name is read from Cockpit's
 * path (/app/cockpit/{engine}/): Cockpit 7.24 passes the page address as api.engine to diagram plugins.
 */
async function processDefinitionKey(api, processDefinitionId) {
  const baseApi = ((api && api.baseApi) || "/camunda/api/engine").replace(/\/$/, "");
  const engine = (window.location.pathname.match(/\/app\/cockpit\/([^/]+)/) || [null, "default"])[1];
  const definition = await getJson(`${baseApi}/engine/${engine}/process-definition/${encodeURIComponent(processDefinitionId)}`);
  return definition.key;
}

/** The shape's outline element: a rect (task), circle (event) or polygon (gateway). */
function shapeOf(registry, activityId) {
  return registry.getGraphics(activityId).querySelector(".djs-visual > rect, .djs-visual > circle, .djs-visual > polygon");
}

function heatmapPanel(onChange) {
  const metric = el("select", { id: "kapcare-heatmap-metric", class: "form-control input-sm" },
    ...Object.entries(METRICS).map(([name, m]) => el("option", { value: name }, m.label)));
  metric.addEventListener("change", onChange);
  return el("div", { id: "kapcare-heatmap-panel", class: "kapcare-heatmap-panel" },
    el("strong", {}, "Heatmap "),
    metric,
    dateInput("kapcare-heatmap-from", "from", "", onChange),
    dateInput("kapcare-heatmap-to", "to", "", onChange),
    el("div", { id: "kapcare-heatmap-legend", class: "kapcare-heatmap-legend" },
      el("span", {}, "Tasks against the clinic's targets, by the share over target:"),
      el("span", { id: "kapcare-heatmap-legend-verdicts", class: "kapcare-heatmap-legend-verdicts" })),
    el("div", { id: "kapcare-heatmap-status", class: "kapcare-status" }, ""),
    el("div", { class: "kapcare-heatmap-note" }, "A task that waits for a booked appointment counts its time from the "
      + "appointment; the wait until then is planned and shown in grey. Hover over a figure for the step's target."));
}

async function renderHeatmap(viewer, { processDefinitionId, api }) {
  const key = await processDefinitionKey(api, processDefinitionId);
  if (!HEATMAP_KEYS.includes(key)) {
    return;
  }
  const container = viewer.get("canvas").getContainer();
  container.querySelectorAll("#kapcare-heatmap-panel").forEach(old => old.remove());

  let heatmap = null;
  let loadedRange = "";
  const panel = heatmapPanel(() => refresh());
  container.append(panel);
  const status = panel.querySelector("#kapcare-heatmap-status");
  const from = panel.querySelector("#kapcare-heatmap-from");
  const to = panel.querySelector("#kapcare-heatmap-to");

  async function refresh() {
    const range = `${from.value}/${to.value}`;
    try {
      if (range !== loadedRange || !panel.dataset.kapcareLoaded) {
        panel.removeAttribute("data-kapcare-loaded");
        status.textContent = "Loading…";
        heatmap = await insight("heatmap", { processDefinitionKey: key, from: from.value, to: to.value });
        from.value = heatmap.from;
        to.value = heatmap.to;
        loadedRange = `${from.value}/${to.value}`;
        status.textContent = `days in ${heatmap.timeZone}`;
      }
      paintHeatmap(viewer, heatmap, panel.querySelector("#kapcare-heatmap-metric").value, panel);
      panel.setAttribute("data-kapcare-loaded", "true");
    } catch (error) {
      status.textContent = error.message;
    }
  }
  await refresh();
}

/* ---------------------------------------------------------------- KPIs */

/** A KPI table's heading with a link to the same table as a CSV file, for the same days (and filters). */
function kpiHeading(text, table, kpis, filters = {}) {
  const query = new URLSearchParams(Object.entries({ from: kpis.from, to: kpis.to, ...filters }).filter(([, v]) => v));
  return el("h4", {}, text, " ", el("a", {
    id: `kapcare-export-${table}`,
    class: "kapcare-export",
    download: "",
    href: `${kapcareRoot()}/api/insight/kpis/${table}.csv?${query}`,
    title: `${text}, ${kpis.from} to ${kpis.to}, as a CSV file`
  }, "Download CSV"));
}

/** "Nov 2026" for "2026-11". */
function monthName(month) {
  const [year, number] = month.split("-").map(Number);
  return new Date(year, number - 1, 1).toLocaleString("en-GB", { month: "short", year: "numeric" });
}

/** "1 Nov 2026" for "2026-11-01", read as a calendar day whatever the browser's zone. */
function dayName(isoDay) {
  const [year, month, date] = isoDay.split("-").map(Number);
  return new Date(year, month - 1, date).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });
}

function days(value) {
  return value === null || value === undefined ? "–" : `${value.toFixed(1)} days`;
}

/**
 * A small chart drawn from numbers (no library): bars, or a line with its points, over labelled
 * categories, with an optional dashed target line. Values may be null (nothing to show that week).
 */
function chart(id, caption, { labels, series, max, format, target, kind }) {
  const width = 720, height = 210, left = 44, right = 12, top = 14, bottom = 34;
  const plotWidth = width - left - right, plotHeight = height - top - bottom;
  const svg = svgNode("svg", { viewBox: `0 0 ${width} ${height}`, class: "kapcare-kpi-chart", role: "img", "aria-label": caption });
  const add = (tag, attributes, text) => svg.appendChild(svgNode(tag, attributes, text));
  const y = value => top + plotHeight * (1 - value / max);
  const slot = plotWidth / Math.max(labels.length, 1);
  const x = i => left + slot * (i + 0.5);
  [0, max / 2, max].forEach(tick => {
    add("line", { x1: left, y1: y(tick), x2: width - right, y2: y(tick), class: "kapcare-grid" });
    add("text", { x: left - 4, y: y(tick) + 4, "text-anchor": "end", class: "kapcare-tick" }, format(tick));
  });
  // At most about 12 labels along the bottom, so that weekly charts stay legible.
  const every = Math.ceil(labels.length / 12);
  labels.forEach((label, i) => {
    if (i % every === 0) {
      add("text", { x: x(i), y: height - 12, "text-anchor": "middle", class: "kapcare-tick" }, label);
    }
  });
  series.forEach((s, n) => {
    if (kind === "line") {
      const points = s.values.map((v, i) => (v === null ? null : [x(i), y(v)]));
      // A week with nothing decided breaks the line rather than reading as 0 %.
      let run = [];
      [...points, null].forEach(p => {
        if (p) {
          run.push(p);
        } else {
          if (run.length > 1) {
            add("polyline", { points: run.map(q => q.join(",")).join(" "), class: `kapcare-chart-line ${s.class}` });
          }
          run = [];
        }
      });
    }
    const barWidth = Math.min(28, (slot * 0.8) / series.length);
    s.values.forEach((v, i) => {
      if (v === null) {
        return;
      }
      const title = `${labels[i]}: ${s.name} ${format(v)}`;
      const mark = kind === "line"
        ? svgNode("circle", { cx: x(i), cy: y(v), r: 3, class: `kapcare-chart-point ${s.class}`, "data-value": v })
        : svgNode("rect", { x: x(i) - (barWidth * series.length) / 2 + n * barWidth, y: y(v), width: barWidth - 2,
          height: Math.max(y(0) - y(v), 0.5), class: `kapcare-chart-bar ${s.class}`, "data-value": v });
      mark.appendChild(svgNode("title", {}, title));
      svg.appendChild(mark);
    });
  });
  if (target !== undefined) {
    add("line", { x1: left, y1: y(target.value), x2: width - right, y2: y(target.value), class: "kapcare-chart-target",
      "data-value": target.value });
    add("text", { x: width - right - 2, y: y(target.value) - 4, "text-anchor": "end", class: "kapcare-chart-target-label" },
      target.label);
  }
  const legend = series.length > 1 || target
    ? el("span", { class: "kapcare-chart-legend" }, ...series.map(s => el("span", {},
      el("span", { class: `kapcare-chart-key ${s.class}` }), s.name)))
    : "";
  return el("figure", { id, class: "kapcare-chart" }, el("figcaption", {}, caption, " ", legend), svg);
}

/** Better, worse or the same as the period before: an arrow, the change and its colour. */
function change(now, before, { format, higherIsBetter }) {
  if (now === null || now === undefined || before === null || before === undefined) {
    return el("span", { class: "kapcare-trend-none" }, "–");
  }
  const delta = now - before;
  // A change too small to show in the figure's own unit ("0 points") is no change.
  if (format(Math.abs(delta)) === format(0)) {
    return el("span", { class: "kapcare-trend-same" }, "→ same");
  }
  const better = higherIsBetter === undefined ? null : (delta > 0) === higherIsBetter;
  return el("span", { class: better === null ? "kapcare-trend-neutral" : better ? "kapcare-trend-better" : "kapcare-trend-worse" },
    `${delta > 0 ? "▲" : "▼"} ${format(Math.abs(delta))}`);
}

const points = share => (Math.round(share * 100) === 1 ? "1 point" : `${Math.round(share * 100)} points`);
const count = n => String(n);

function trendTable(kpis) {
  const now = kpis.current, before = kpis.previous;
  const rows = [
    ["Integration sessions held in their window", percent(now.shareHeldInWindow), percent(before.shareHeldInWindow),
      change(now.shareHeldInWindow, before.shareHeldInWindow, { format: points, higherIsBetter: true })],
    ["Missed integration windows", now.missedWindows, before.missedWindows,
      change(now.missedWindows, before.missedWindows, { format: count, higherIsBetter: false })],
    ["Median days from referral to first dose", days(now.medianDaysToFirstDose), days(before.medianDaysToFirstDose),
      change(now.medianDaysToFirstDose, before.medianDaysToFirstDose, { format: v => days(v), higherIsBetter: false })],
    ["First doses given", now.firstDoses, before.firstDoses,
      change(now.firstDoses, before.firstDoses, { format: count })],
    ["Response at follow-up", percent(now.responseRate), percent(before.responseRate),
      change(now.responseRate, before.responseRate, { format: points, higherIsBetter: true })],
    ["Remission at follow-up", percent(now.remissionRate), percent(before.remissionRate),
      change(now.remissionRate, before.remissionRate, { format: points, higherIsBetter: true })],
    ["Check-ins answered", percent(now.shareCheckInsAnswered), percent(before.shareCheckInsAnswered),
      change(now.shareCheckInsAnswered, before.shareCheckInsAnswered, { format: points, higherIsBetter: true })]
  ];
  return table("kapcare-kpi-trend", ["", `${dayName(now.from)} – ${dayName(now.to)}`,
    `${dayName(before.from)} – ${dayName(before.to)} (before)`, "Change"], rows);
}

function weekLabel(week) {
  return week.week.replace(/^\d{4}-/, "");
}

function integrationChart(kpis) {
  const weeks = kpis.integrationWindows.weeks;
  return chart("kapcare-chart-integration", "Share of integration sessions held in their window, per week", {
    labels: weeks.map(weekLabel),
    series: [{ name: "held in window", class: "kapcare-series-1",
      values: weeks.map(w => (w.shareHeldInWindow === null ? null : w.shareHeldInWindow)) }],
    max: 1, format: percent, kind: "line",
    target: { value: kpis.integrationInWindowTarget, label: `target ${percent(kpis.integrationInWindowTarget)}` }
  });
}

function firstDoseChart(kpis) {
  const months = kpis.firstDoseByMonth;
  const highest = Math.max(1, ...months.map(m => m.medianDays || 0));
  return chart("kapcare-chart-first-dose", "Median days from referral to first dose, by month of the first dose", {
    labels: months.map(m => monthName(m.month)),
    series: [{ name: "median days", class: "kapcare-series-1", values: months.map(m => m.medianDays) }],
    max: Math.ceil(highest * 1.15), format: v => `${Math.round(v)} d`, kind: "bars"
  });
}

function outcomesChart(kpis) {
  const cohorts = kpis.outcomesByCohort;
  return chart("kapcare-chart-outcomes", "Response and remission at follow-up, by month of referral (cohort)", {
    labels: cohorts.map(c => monthName(c.month)),
    series: [{ name: "response", class: "kapcare-series-1", values: cohorts.map(c => c.responseRate) },
      { name: "remission", class: "kapcare-series-2", values: cohorts.map(c => c.remissionRate) }],
    max: 1, format: percent, kind: "bars"
  });
}

function clinicianTable(kpis, group, heading) {
  const people = kpis.clinicians.filter(c => c.group === group);
  const therapists = group === "therapists";
  return [el("h5", {}, heading), people.length === 0 ? el("p", {}, `No ${heading.toLowerCase()} in the clinic's directory.`)
    : table(`kapcare-kpi-${group}`, ["Name", "Tasks done", "Open now", "Overdue now",
      ...(therapists ? ["Integration sessions", "In window"] : [])],
    people.map(c => [c.name, c.tasksDone, c.openNow,
      c.overdueNow > 0 ? el("b", { class: "kapcare-overdue" }, String(c.overdueNow)) : "0",
      ...(therapists ? [c.integrationSessions, c.integrationSessions === 0 ? "–"
        : `${c.integrationInWindow} (${percent(c.shareIntegrationInWindow)})`] : [])]))];
}

/** The missed windows a page at a time, narrowed by therapist, status or patient; the CSV link follows. */
function missedWindows(kpis) {
  const filters = { therapist: "", status: "", patient: "" };
  let page = 1;
  const therapist = el("select", { id: "kapcare-missed-therapist", class: "form-control input-sm" },
    el("option", { value: "" }, "any therapist"), el("option", { value: "nobody" }, "nobody yet"),
    ...kpis.clinicians.filter(c => c.group === "therapists").map(c => el("option", { value: c.userId }, c.name)));
  const status = el("select", { id: "kapcare-missed-status", class: "form-control input-sm" },
    el("option", { value: "" }, "held late or not"), el("option", { value: "not-held" }, "not held yet"),
    el("option", { value: "held-late" }, "held late"));
  const patient = el("input", { id: "kapcare-missed-patient", class: "form-control input-sm", type: "search",
    placeholder: "patient ID", maxlength: "40" });
  const heading = el("div", {});
  const body = el("div", { id: "kapcare-missed-body" });
  const pager = el("div", { id: "kapcare-missed-pager", class: "kapcare-pager" });
  const section = el("div", { id: "kapcare-missed", class: "kapcare-missed" }, heading,
    el("div", { class: "kapcare-missed-filters" }, therapist, status, patient), body, pager);

  async function load() {
    section.removeAttribute("data-kapcare-loaded");
    heading.replaceChildren(kpiHeading("Missed integration windows", "missed-windows", kpis, filters));
    try {
      const missed = await insight("missed-windows", { from: kpis.from, to: kpis.to, page, ...filters });
      body.replaceChildren(missed.total === 0 ? el("p", {}, "No missed window with these filters.")
        : table("kapcare-kpi-missed", ["Patient", "Therapist", "Window closed", "Held late at", "Journey"],
          missed.rows.map(m => [m.patientId, m.therapist || "nobody yet", when(m.deadline, kpis.timeZone),
            m.heldAt ? when(m.heldAt, kpis.timeZone) : "not yet",
            // Community Cockpit shows running instances only; an ended journey has no page to open.
            m.journeyRunning ? el("a", { href: `#/process-instance/${m.journeyInstanceId}/runtime` }, "open journey") : "ended"])));
      const first = (missed.page - 1) * missed.pageSize + 1;
      const last = Math.min(missed.total, missed.page * missed.pageSize);
      const previous = el("button", { type: "button", class: "btn btn-default btn-xs", id: "kapcare-missed-previous" }, "‹ Newer");
      const next = el("button", { type: "button", class: "btn btn-default btn-xs", id: "kapcare-missed-next" }, "Older ›");
      previous.disabled = missed.page <= 1;
      next.disabled = last >= missed.total;
      previous.addEventListener("click", () => { page -= 1; load(); });
      next.addEventListener("click", () => { page += 1; load(); });
      pager.replaceChildren(missed.total === 0 ? "" : el("span", { id: "kapcare-missed-showing" },
        `${first}–${last} of ${missed.total}, newest first `), missed.total > missed.pageSize ? previous : "",
      missed.total > missed.pageSize ? next : "");
      section.setAttribute("data-kapcare-loaded", "true");
    } catch (error) {
      body.replaceChildren(el("p", { class: "kapcare-status" }, error.message));
      pager.replaceChildren();
    }
  }
  const narrow = () => {
    filters.therapist = therapist.value;
    filters.status = status.value;
    filters.patient = patient.value.trim();
    page = 1;
    load();
  };
  therapist.addEventListener("change", narrow);
  status.addEventListener("change", narrow);
  patient.addEventListener("change", narrow);
  load();
  return section;
}

function kpiSections(kpis) {
  const windows = kpis.integrationWindows;
  const weeks = windows.weeks.filter(week => week.heldInWindow + week.missed > 0);
  const wait = kpis.referralToFirstDose;
  const followUp = kpis.followUp;
  return [
    kpiHeading("This period against the one before", "trend", kpis),
    trendTable(kpis),
    kpiHeading("Integration sessions held within their window, per week", "integration-weeks", kpis),
    integrationChart(kpis),
    table("kapcare-kpi-integration", ["Week", "Monday", "Held in window", "Missed", "Of those held late", "Share in window"],
      [...weeks.map(w => [w.week, dayName(w.weekStart), w.heldInWindow, w.missed, w.heldLate, percent(w.shareHeldInWindow)]),
        ["All weeks", "", windows.heldInWindow, windows.missed, windows.heldLate, percent(windows.shareHeldInWindow)]]),
    missedWindows(kpis),
    kpiHeading("Therapists and prescribers", "clinicians", kpis),
    el("p", { class: "kapcare-status" }, "Tasks they completed in this period; open and overdue tasks assigned to them now."),
    ...clinicianTable(kpis, "therapists", "Therapists"),
    ...clinicianTable(kpis, "prescribers", "Prescribers"),
    kpiHeading("Referral to first dose", "referral-to-first-dose", kpis),
    el("p", { id: "kapcare-kpi-first-dose" },
      wait.medianDays === null ? "No first dose in this range."
        : `Median ${wait.medianDays.toFixed(1)} days from referral to first dose (${wait.journeys} ${wait.journeys === 1 ? "patient" : "patients"}).`),
    firstDoseChart(kpis),
    kpiHeading("Running journeys per stage (now)", "stages", kpis),
    table("kapcare-kpi-stages", ["Stage", "Journeys"], kpis.stages.map(s => [s.name || s.activityId, s.journeys])),
    kpiHeading("Outcomes at follow-up", "follow-up", kpis),
    table("kapcare-kpi-follow-up", ["Follow-ups scored", "Response", "Remission"],
      [[followUp.assessed, `${percent(followUp.responseRate)} (${followUp.responders})`,
        `${percent(followUp.remissionRate)} (${followUp.remitters})`]]),
    kpis.outcomesByCohort.length === 0 ? "" : outcomesChart(kpis),
    kpiHeading("Patients' check-ins", "check-ins", kpis),
    table("kapcare-kpi-check-ins", ["Answered", "Not answered", "Share answered"],
      [[kpis.checkIns.answered, kpis.checkIns.unanswered, percent(kpis.checkIns.shareAnswered)]]),
    kpiHeading("PHQ-9 in the check-in before each dose", "phq9-by-dose", kpis),
    kpis.phq9ByDose.length === 0 ? el("p", { id: "kapcare-kpi-phq9-by-dose" }, "No check-in answered before a dose in this range.")
      : table("kapcare-kpi-phq9-by-dose", ["Dose", "Check-ins", "Median PHQ-9"],
        kpis.phq9ByDose.map(d => [d.dose, d.checkIns, d.medianPhq9 === null ? "–" : d.medianPhq9.toFixed(1)]))
  ];
}

/** "2026-11-01" from numbers, as a calendar day: no clock or time zone involved. */
function isoDay(year, month, date) {
  return `${year}-${String(month).padStart(2, "0")}-${String(date).padStart(2, "0")}`;
}

/**
 * The ranges a manager asks for most, from the clinic's today as the server gives it (its clock and
 * time zone, not the browser's): whole months as dates, the last months as the server counts them.
 */
function quickRanges(today) {
  const [year, month, date] = today.split("-").map(Number);
  const lastMonthYear = month === 1 ? year - 1 : year;
  const lastMonth = month === 1 ? 12 : month - 1;
  // Day 0 of this month in UTC is the last day of the one before, in any zone.
  const lastMonthEnd = new Date(Date.UTC(year, month - 1, 0)).getUTCDate();
  return [
    ["This month", { from: isoDay(year, month, 1), to: isoDay(year, month, date) }],
    ["Last month", { from: isoDay(lastMonthYear, lastMonth, 1), to: isoDay(lastMonthYear, lastMonth, lastMonthEnd) }],
    ["Last 3 months", { months: 3 }],
    ["Last 6 months", { months: 6 }]
  ];
}

function renderKpis(node) {
  const content = el("div", { id: "kapcare-kpis-content" });
  const status = el("div", { id: "kapcare-kpis-status", class: "kapcare-status" }, "");
  const quick = el("span", { class: "kapcare-kpis-quick" });
  const section = el("section", { id: "kapcare-kpis", class: "kapcare-kpis" },
    el("h3", {}, "KAP Care KPIs"),
    el("div", { class: "kapcare-kpis-range" },
      dateInput("kapcare-kpis-from", "from", "", () => load({ from: from.value, to: to.value })),
      dateInput("kapcare-kpis-to", "to", "", () => load({ from: from.value, to: to.value })),
      quick),
    status, content);
  node.replaceChildren(section);
  const from = section.querySelector("#kapcare-kpis-from");
  const to = section.querySelector("#kapcare-kpis-to");

  async function load(range) {
    section.removeAttribute("data-kapcare-loaded");
    status.textContent = "Loading…";
    try {
      const kpis = await insight("kpis", range);
      from.value = kpis.from;
      to.value = kpis.to;
      quick.replaceChildren(...quickRanges(kpis.today).map(([label, quickRange]) => {
        const button = el("button", { type: "button", class: "btn btn-default btn-xs" }, label);
        button.addEventListener("click", () => load(quickRange));
        return button;
      }));
      content.replaceChildren(...kpiSections(kpis));
      status.textContent = `${dayName(kpis.from)} to ${dayName(kpis.to)}; days and weeks in the clinic's time zone, ${kpis.timeZone}`;
      section.setAttribute("data-kapcare-loaded", "true");
    } catch (error) {
      content.replaceChildren();
      status.textContent = error.message;
    }
  }
  // The dashboard opens on the last three months, so that the trend compares a full quarter with the one before.
  load({ months: 3 });
}

export default [
  {
    id: "kapcare-insight-heatmap",
    pluginPoint: "cockpit.processDefinition.diagram.plugin",
    priority: 0,
    render: (viewer, data) => {
      renderHeatmap(viewer, data).catch(error => console.error("KAP Care heatmap:", error));
    }
  },
  {
    id: "kapcare-insight-kpis",
    pluginPoint: "cockpit.dashboard",
    priority: 0,
    render: node => {
      renderKpis(node);
    }
  }
];
