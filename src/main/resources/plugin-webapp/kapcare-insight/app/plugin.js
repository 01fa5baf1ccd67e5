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

/** Cold (blue) to hot (red) for t in [0, 1]. */
function heatColour(t) {
  return `hsl(${Math.round(220 * (1 - t))}, 85%, 55%)`;
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

function paintHeatmap(viewer, activities, metricName, panel) {
  const metric = METRICS[metricName];
  const registry = viewer.get("elementRegistry");
  const canvas = viewer.get("canvas");
  const overlays = viewer.get("overlays");

  overlays.remove({ type: "kapcare-heat" });
  registry.filter(element => canvas.hasMarker(element.id, "kapcare-heat")).forEach(element => {
    canvas.removeMarker(element.id, "kapcare-heat");
    const shape = shapeOf(registry, element.id);
    shape.style.fill = shape.dataset.kapcareFill || "";
  });

  const shown = activities.filter(a => registry.get(a.activityId) && metric.value(a) !== null && metric.value(a) !== undefined);
  const values = shown.map(metric.value);
  const min = values.length ? Math.min(...values) : null;
  const max = values.length ? Math.max(...values) : null;

  shown.forEach(activity => {
    const value = metric.value(activity);
    const shape = shapeOf(registry, activity.activityId);
    if (shape.dataset.kapcareFill === undefined) {
      shape.dataset.kapcareFill = shape.style.fill || "";
    }
    shape.style.fill = heatColour(max > min ? (value - min) / (max - min) : 1);
    canvas.addMarker(activity.activityId, "kapcare-heat");
    overlays.add(activity.activityId, "kapcare-heat", {
      position: { top: -12, right: 36 },
      html: el("span", { class: "kapcare-heat-figure", "data-activity-id": activity.activityId,
        title: `${activity.name || activity.activityId}: ran ${activity.count} times, ${activity.finished} finished` },
        metric.format(value))
    });
  });

  panel.querySelector("#kapcare-heatmap-legend-title").textContent = metric.label;
  panel.querySelector("#kapcare-heatmap-legend-min").textContent = min === null ? "–" : metric.format(min);
  panel.querySelector("#kapcare-heatmap-legend-max").textContent = max === null ? "–" : metric.format(max);
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
      el("span", { id: "kapcare-heatmap-legend-title", class: "kapcare-heatmap-legend-title" }, ""),
      el("span", { id: "kapcare-heatmap-legend-min", class: "kapcare-heatmap-legend-min" }, ""),
      el("span", { class: "kapcare-heatmap-legend-scale" }, ""),
      el("span", { id: "kapcare-heatmap-legend-max", class: "kapcare-heatmap-legend-max" }, "")),
    el("div", { id: "kapcare-heatmap-status", class: "kapcare-status" }, ""));
}

async function renderHeatmap(viewer, { processDefinitionId, api }) {
  const key = await processDefinitionKey(api, processDefinitionId);
  if (!HEATMAP_KEYS.includes(key)) {
    return;
  }
  const container = viewer.get("canvas").getContainer();
  container.querySelectorAll("#kapcare-heatmap-panel").forEach(old => old.remove());

  let activities = [];
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
        const heatmap = await insight("heatmap", { processDefinitionKey: key, from: from.value, to: to.value });
        activities = heatmap.activities;
        from.value = heatmap.from;
        to.value = heatmap.to;
        loadedRange = `${from.value}/${to.value}`;
        status.textContent = `days in ${heatmap.timeZone}`;
      }
      paintHeatmap(viewer, activities, panel.querySelector("#kapcare-heatmap-metric").value, panel);
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
