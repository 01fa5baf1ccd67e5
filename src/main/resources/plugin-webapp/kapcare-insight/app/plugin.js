/*
 * KAP Care insight in Cockpit (plain ES module, no build step): a heatmap on the process
 * definition diagram of the care journey and the dosing session, and the clinic's KPIs on the
 * dashboard. The figures come from KAP Care's /api/insight, which aggregates in the database and
 * accepts the Cockpit login for reading, so managers sign in once.
 */

import { el, getJson, kapcareRoot, table, when } from "../../../../../../../kapcare/ui.js";

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

/** Gateways take no time and their counts repeat their flows'; events are shown by how often they happened. */
function shownFor(activity, metricName) {
  const type = activity.type || "";
  return !type.endsWith("Gateway") && (metricName === "count" || !type.endsWith("Event"));
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

/** A KPI table's heading with a link to the same table as a CSV file, for the same days. */
function kpiHeading(text, table, kpis) {
  const query = new URLSearchParams({ from: kpis.from, to: kpis.to });
  return el("h4", {}, text, " ", el("a", {
    id: `kapcare-export-${table}`,
    class: "kapcare-export",
    download: "",
    href: `${kapcareRoot()}/api/insight/kpis/${table}.csv?${query}`,
    title: `${text}, ${kpis.from} to ${kpis.to}, as a CSV file`
  }, "Download CSV"));
}

function kpiTables(kpis) {
  const windows = kpis.integrationWindows;
  const weeks = windows.weeks.filter(week => week.heldInWindow + week.missed > 0);
  const wait = kpis.referralToFirstDose;
  const followUp = kpis.followUp;
  return [
    kpiHeading("Integration sessions held within their window, per week", "integration-weeks", kpis),
    table("kapcare-kpi-integration", ["Week", "Monday", "Held in window", "Missed", "Of those held late", "Share in window"],
      [...weeks.map(w => [w.week, w.weekStart, w.heldInWindow, w.missed, w.heldLate, percent(w.shareHeldInWindow)]),
        ["All weeks", "", windows.heldInWindow, windows.missed, windows.heldLate, percent(windows.shareHeldInWindow)]]),
    kpiHeading("Missed integration windows", "missed-windows", kpis),
    table("kapcare-kpi-missed", ["Patient", "Therapist", "Window closed", "Held late at", "Journey"],
      kpis.missedWindows.map(m => [m.patientId, m.therapist || "none yet", when(m.deadline, kpis.timeZone),
        m.heldAt ? when(m.heldAt, kpis.timeZone) : "not yet",
        // Community Cockpit shows running instances only; an ended journey has no page to open.
        m.journeyRunning ? el("a", { href: `#/process-instance/${m.journeyInstanceId}/runtime` }, "open") : "ended"])),
    kpiHeading("Referral to first dose", "referral-to-first-dose", kpis),
    el("p", { id: "kapcare-kpi-first-dose" },
      wait.medianDays === null ? "No first dose in this range."
        : `Median ${wait.medianDays.toFixed(1)} days from referral to first dose (${wait.journeys} patients).`),
    kpiHeading("Running journeys per stage (now)", "stages", kpis),
    table("kapcare-kpi-stages", ["Stage", "Journeys"], kpis.stages.map(s => [s.name || s.activityId, s.journeys])),
    kpiHeading("Outcomes at follow-up", "follow-up", kpis),
    table("kapcare-kpi-follow-up", ["Follow-ups scored", "Response", "Remission"],
      [[followUp.assessed, `${percent(followUp.responseRate)} (${followUp.responders})`,
        `${percent(followUp.remissionRate)} (${followUp.remitters})`]]),
    kpiHeading("Patients' check-ins", "check-ins", kpis),
    table("kapcare-kpi-check-ins", ["Answered", "Not answered", "Share answered"],
      [[kpis.checkIns.answered, kpis.checkIns.unanswered, percent(kpis.checkIns.shareAnswered)]]),
    kpiHeading("PHQ-9 in the check-in before each dose", "phq9-by-dose", kpis),
    kpis.phq9ByDose.length === 0 ? el("p", { id: "kapcare-kpi-phq9-by-dose" }, "No check-in answered before a dose in this range.")
      : table("kapcare-kpi-phq9-by-dose", ["Dose", "Check-ins", "Median PHQ-9"],
        kpis.phq9ByDose.map(d => [d.dose, d.checkIns, d.medianPhq9 === null ? "–" : d.medianPhq9.toFixed(1)]))
  ];
}

function renderKpis(node) {
  const content = el("div", { id: "kapcare-kpis-content" });
  const status = el("div", { id: "kapcare-kpis-status", class: "kapcare-status" }, "");
  const section = el("section", { id: "kapcare-kpis", class: "kapcare-kpis" },
    el("h3", {}, "KAP Care KPIs"),
    el("div", { class: "kapcare-kpis-range" },
      dateInput("kapcare-kpis-from", "from", "", () => load()),
      dateInput("kapcare-kpis-to", "to", "", () => load())),
    status, content);
  node.replaceChildren(section);
  const from = section.querySelector("#kapcare-kpis-from");
  const to = section.querySelector("#kapcare-kpis-to");

  async function load() {
    section.removeAttribute("data-kapcare-loaded");
    status.textContent = "Loading…";
    try {
      const kpis = await insight("kpis", { from: from.value, to: to.value });
      from.value = kpis.from;
      to.value = kpis.to;
      content.replaceChildren(...kpiTables(kpis));
      status.textContent = `${kpis.from} to ${kpis.to}, days and weeks in ${kpis.timeZone}`;
      section.setAttribute("data-kapcare-loaded", "true");
    } catch (error) {
      content.replaceChildren();
      status.textContent = error.message;
    }
  }
  load();
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
