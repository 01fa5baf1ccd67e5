/*
 * The patient in Tasklist (plain ES module, no build step): a "Patient" tab beside every task's
 * form, and "Find patient" in the header, which opens the same chart. The chart comes from KAP
 * Care's /api/patients, which decides what the reader's group sees and logs each opening; this
 * script only lays it out, in the clinic's time zone and in words, never in the engine's codes.
 */

import { day, el, getJson, kapcareRoot, postJson, svgNode, table, when } from "../../../../../../../kapcare/ui.js";

const WORDS = {
  TRD: "treatment-resistant depression", PTSD: "PTSD", GAD: "generalised anxiety disorder", OTHER: "other",
  IV: "IV infusion", IM: "IM injection", SUBLINGUAL: "sublingual", ESKETAMINE_NASAL: "esketamine nasal spray",
  "needs-clearance": "needs medical clearance", "refer-to-higher-care": "referred to higher care",
  "between-doses": "between doses", "before-follow-up": "before the follow-up"
};
const BAND_COLOURS = ["#e8f5e9", "#fffde7", "#fff3e0", "#ffe0b2", "#ffcdd2"];

function words(code) {
  if (code === null || code === undefined || code === "") {
    return "–";
  }
  return WORDS[code] || String(code).replace(/-/g, " ");
}

function yesNo(value) {
  return value === null || value === undefined ? "–" : value ? "yes" : "no";
}

function patients(path) {
  return getJson(`${kapcareRoot()}/api/patients${path}`);
}

function section(title, ...content) {
  return el("section", { class: "kapcare-chart-section" }, el("h4", {}, title), ...content);
}

function facts(pairs) {
  return el("dl", { class: "kapcare-facts" },
    ...pairs.flatMap(([term, value]) => [el("dt", {}, term), el("dd", {}, value)]));
}

function vitals(v) {
  if (!v) {
    return "–";
  }
  const parts = [];
  if (v.systolic !== undefined) parts.push(`${v.systolic}/${v.diastolic ?? "–"}`);
  if (v.heartRate !== undefined) parts.push(`HR ${v.heartRate}`);
  if (v.spo2 !== undefined) parts.push(`SpO₂ ${v.spo2}%`);
  return parts.join(", ");
}

function mg(amount, perKg) {
  if (amount === undefined && perKg === undefined) {
    return "–";
  }
  return `${amount ?? "–"} mg${perKg !== undefined ? ` (${perKg.toFixed(2)} mg/kg)` : ""}`;
}

/* ---------------------------------------------------------------- the chart's parts */

function whoAndWhere(chart) {
  const p = chart.patient;
  const zone = chart.timeZone;
  return section(`${p.name || p.id} · ${p.id}`,
    facts([
      ["Where", p.inCare ? p.stage : `${p.stage} (${day(p.endedAt, zone)})`],
      ["Route", words(p.route)],
      ...(p.primaryCondition ? [["Referred for", words(p.primaryCondition)]] : []),
      ["Referral", `${day(p.referredAt, zone)}${p.referralSource ? `, from ${p.referralSource}` : ""}`],
      ["Contact", [p.email, p.phone].filter(Boolean).join(" · ") || "–"],
      ["Next session", chart.nextSession ? `${chart.nextSession.kind}, ${when(chart.nextSession.bookedFor, zone)}` : "none booked"]
    ]),
    chart.openTasks.length === 0 ? el("p", {}, "No step is waiting.")
      : table("kapcare-chart-open", ["Waiting step", "For", "Held by", "Due", "Priority"],
        chart.openTasks.map(t => [t.name, t.group || "–", t.heldBy || "nobody yet", when(t.due, chart.timeZone), t.priority])));
}

function baseline(chart) {
  const b = chart.baseline;
  return section("Medical history",
    facts([
      ["Baseline vitals", vitals(b.vitals)],
      ["Weight", b.weightKg === undefined ? "–" : `${b.weightKg} kg (weighed ${day(b.weightRecordedAt, chart.timeZone)})`],
      ["Current medications", b.currentMedications || "–"],
      ["Opioids or benzodiazepines", yesNo(b.opioidsOrBenzodiazepines)]
    ]));
}

function safety(chart) {
  const s = chart.safety;
  const zone = chart.timeZone;
  const flagged = s.openSafetyReviews > 0 || s.cssrsRisk === "high" || s.phq9Item9Positive;
  return section("Safety",
    el("div", { class: flagged ? "kapcare-alert" : "kapcare-calm", id: "kapcare-chart-safety" },
      facts([
        ["Open safety reviews", String(s.openSafetyReviews)],
        ["C-SSRS risk at baseline", words(s.cssrsRisk)],
        ["PHQ-9 item 9 (thoughts of self-harm)", yesNo(s.phq9Item9Positive)],
        ["Eligibility", words(s.eligibility)],
        ["Reasons", s.eligibilityReasons || "–"]
      ])),
    s.reviews.length === 0 ? "" : table("kapcare-chart-reviews", ["Safety review opened", "Done", "By", "Outcome", "Plan"],
      s.reviews.map(r => [when(r.openedAt, zone), r.doneAt ? when(r.doneAt, zone) : "open", r.doneBy || "–",
        words(r.outcome), r.plan || "–"])),
    s.overrides.length === 0 ? "" : table("kapcare-chart-overrides", ["Block lifted at", "Step", "By", "Why"],
      s.overrides.map(o => [when(o.at, zone), o.step, o.by, o.reason || "–"])));
}

/** One scale's totals over time on its severity bands: an SVG drawn from numbers, no library. */
function scoreChart(series, zone) {
  const width = 460, height = 170, left = 34, right = 12, top = 10, bottom = 28;
  const svg = svgNode("svg", { viewBox: `0 0 ${width} ${height}`, class: "kapcare-score-chart", role: "img",
    "aria-label": `${series.scale} over time` });
  const add = (tag, attributes, text) => svg.appendChild(svgNode(tag, attributes, text));
  const y = score => top + (height - top - bottom) * (1 - score / series.max);
  let from = 0;
  series.bands.forEach((band, i) => {
    add("rect", { x: left, y: y(band.upTo), width: width - left - right, height: y(from) - y(band.upTo),
      fill: BAND_COLOURS[Math.min(i, BAND_COLOURS.length - 1)], class: "kapcare-band" });
    add("text", { x: width - right - 4, y: y(band.upTo) + 11, "text-anchor": "end", class: "kapcare-band-label" },
      words(band.severity));
    from = band.upTo + 1;
  });
  add("line", { x1: left, y1: y(0), x2: width - right, y2: y(0), class: "kapcare-axis" });
  [0, series.max].forEach(tick => add("text", { x: left - 4, y: y(tick) + 4, "text-anchor": "end", class: "kapcare-tick" }, tick));
  const step = series.measures.length > 1 ? (width - left - right - 40) / (series.measures.length - 1) : 0;
  const points = series.measures.map((m, i) => [left + 20 + i * step, y(m.score)]);
  if (points.length > 1) {
    add("polyline", { points: points.map(p => p.join(",")).join(" "), class: "kapcare-score-line" });
  }
  series.measures.forEach((m, i) => {
    const [cx, cy] = points[i];
    const checkIn = m.when === "check-in";
    add("circle", { cx, cy, r: 4, class: checkIn ? "kapcare-score-point kapcare-checkin-point" : "kapcare-score-point" });
    add("text", { x: cx, y: cy - 7, "text-anchor": "middle", class: "kapcare-score-value" }, m.score);
    // A check-in is dated only, so that weekly points still leave room for each label.
    add("text", { x: cx, y: height - 8, "text-anchor": "middle", class: "kapcare-tick" },
      checkIn ? day(m.at, zone) : `${m.when}, ${day(m.at, zone)}`);
  });
  return svg;
}

function scores(chart) {
  const outcome = chart.outcome;
  return section("Scores over time",
    ...chart.scores.map(series => el("figure", { class: "kapcare-score", "data-scale": series.scale },
      el("figcaption", {}, `${series.scale}: ${series.measures.map(m => `${m.score} (${m.when})`).join(" → ")}`),
      scoreChart(series, chart.timeZone))),
    chart.scores.length === 0 ? el("p", {}, "No questionnaire scored yet.") : "",
    outcome ? facts([["PHQ-9 change since baseline", outcome.phq9Change === undefined ? "–" : `${outcome.phq9Change}`],
      ["Response (PHQ-9 down by half or more)", yesNo(outcome.response)], ["Remission (PHQ-9 below 5)", yesNo(outcome.remission)]])
      : "");
}

function checkInPurpose(c) {
  return c.purpose === "before-dose" ? `before dose ${c.dose}` : words(c.purpose);
}

/** The questionnaires the patient answered at home; coordinators see which were answered, not what. */
function checkIns(chart) {
  const zone = chart.timeZone;
  if (!chart.checkIns || chart.checkIns.length === 0) {
    return section("Check-ins", el("p", {}, "No check-in sent yet."));
  }
  const clinical = chart.checkIns.some(c => c.phq9 !== undefined) || chart.scores;
  return section("Check-ins", table("kapcare-chart-checkins",
    ["Sent", "For", "Answered", ...(clinical ? ["PHQ-9", "GAD-7", "PCL-5", "Self-harm thoughts", "PHQ-9 since baseline"] : [])],
    chart.checkIns.map(c => [when(c.sentAt, zone), checkInPurpose(c),
      c.status === "answered" ? when(c.answeredAt, zone) : c.status,
      ...(clinical ? [band(c.phq9, c.phq9Severity), band(c.gad7, c.gad7Severity), c.pcl5 === undefined ? "–" : String(c.pcl5),
        c.selfHarmThoughts === undefined ? "–" : yesNo(c.selfHarmThoughts),
        c.phq9Rise === undefined ? "–" : (c.phq9Rise > 0 ? `+${c.phq9Rise}` : String(c.phq9Rise))] : [])])));
}

function band(score, severity) {
  return score === undefined ? "–" : `${score} (${words(severity)})`;
}

function doses(chart) {
  const zone = chart.timeZone;
  if (chart.doses.length === 0) {
    return section("Doses", el("p", {}, "No dose yet."));
  }
  if (chart.doses.every(d => d.givenMg === undefined && d.orderedMg === undefined && d.before === undefined)) {
    return section("Doses", table("kapcare-chart-doses", ["Dose", "Booked for", "Route", "Status"],
      chart.doses.map(d => [String(d.number), when(d.bookedFor, zone), words(d.route), d.status])));
  }
  return section("Doses", table("kapcare-chart-doses",
    ["Dose", "Date", "Route", "Ordered", "Given", "Vitals before", "At 40 min", "At discharge", "Observed", "Adverse events", "Status"],
    chart.doses.map(d => [String(d.number), when(d.startedAt || d.bookedFor, zone), words(d.route),
      mg(d.orderedMg, d.orderedMgPerKg), mg(d.givenMg, d.givenMgPerKg), vitals(d.before), vitals(d.at40Minutes),
      vitals(d.atDischarge), d.minutesMonitored === undefined ? "–" : `${d.minutesMonitored} min`,
      `${d.adverseEvents || "none"}${d.seriousAdverseEvent ? " (serious)" : ""}`, d.status])));
}

function sessions(chart) {
  const zone = chart.timeZone;
  const rows = chart.sessions.map(s => [
    s.kind + (s.dose ? ` after dose ${s.dose}` : ""), when(s.bookedFor, zone), s.heldAt ? when(s.heldAt, zone) : "not yet",
    s.timing ? `${s.timing}${s.windowClosesAt ? ` (window closes ${when(s.windowClosesAt, zone)})` : ""}` : "–",
    ...(chart.safety ? [s.notes || "–"] : [])]);
  return section("Preparation and integration sessions", rows.length === 0 ? el("p", {}, "No session yet.")
    : table("kapcare-chart-sessions", ["Session", "Booked for", "Held", "Integration window", ...(chart.safety ? ["Notes"] : [])], rows));
}

/* ---------------------------------------------------------------- what staff do from the chart */

function journeyAction(chart, api, path, body) {
  return postJson(`${kapcareRoot()}/api/journeys/${encodeURIComponent(chart.patient.id)}/${path}`, body, api && api.CSRFToken);
}

/** A clinician's safety concern, in their words: the prescribers get an urgent safety review. */
function safetyConcern(chart, api, done) {
  const text = el("textarea", { id: "kapcare-concern-text", class: "form-control", rows: "3", maxlength: "4000",
    placeholder: "What happened, in your words", "aria-label": "What happened" });
  const button = el("button", { type: "button", id: "kapcare-raise-concern", class: "btn btn-danger" },
    "Raise a safety concern");
  const result = el("p", { class: "kapcare-action-result", role: "status" });
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      await journeyAction(chart, api, "safety-concern", { whatHappened: text.value });
      done("Safety concern raised: the prescribers have an urgent safety review.");
    } catch (error) {
      result.textContent = error.message;
      button.disabled = false;
    }
  });
  return el("div", { class: "kapcare-action" }, el("label", { for: "kapcare-concern-text" }, "Worried about this patient's safety?"),
    text, button, result);
}

/** A coordinator records that the patient leaves the programme; a second click confirms. */
function withdrawal(chart, api, done) {
  const button = el("button", { type: "button", id: "kapcare-record-withdrawal", class: "btn btn-default" },
    "Record a withdrawal");
  const result = el("p", { class: "kapcare-action-result", role: "status" });
  button.addEventListener("click", async () => {
    if (!button.dataset.confirm) {
      button.dataset.confirm = "yes";
      button.textContent = `Confirm: ${chart.patient.name || chart.patient.id} leaves the programme`;
      return;
    }
    button.disabled = true;
    try {
      await journeyAction(chart, api, "withdrawal");
      done("Withdrawal recorded: \"Close case\" is in the care coordination queue.");
    } catch (error) {
      result.textContent = error.message;
      button.disabled = false;
    }
  });
  return el("div", { class: "kapcare-action" }, button, result);
}

function actions(chart, api, done) {
  const offered = chart.actions || [];
  if (offered.length === 0) {
    return "";
  }
  return section("Actions",
    offered.includes("raiseSafetyConcern") ? safetyConcern(chart, api, done) : "",
    offered.includes("recordWithdrawal") ? withdrawal(chart, api, done) : "");
}

async function renderChart(node, patientId, api, notice) {
  node.replaceChildren(el("p", { class: "kapcare-loading" }, "Loading the patient's chart…"));
  try {
    const chart = await patients(`/${encodeURIComponent(patientId)}`);
    const done = message => renderChart(node, patientId, api, message);
    node.replaceChildren(el("div", { class: "kapcare-chart", id: "kapcare-chart", "data-patient": chart.patient.id },
      notice ? el("p", { class: "alert alert-success", id: "kapcare-chart-notice", role: "status" }, notice) : "",
      whoAndWhere(chart),
      chart.safety ? safety(chart) : "",
      chart.baseline ? baseline(chart) : "",
      chart.scores ? scores(chart) : "",
      checkIns(chart),
      doses(chart),
      sessions(chart),
      actions(chart, api, done)));
  } catch (error) {
    node.replaceChildren(el("p", { class: "kapcare-error" }, `The chart could not be opened: ${error.message}`));
  }
}

/* ---------------------------------------------------------------- the tab and the search */

async function renderTaskTab(node, { taskId, api }) {
  node.replaceChildren(el("p", { class: "kapcare-loading" }, "Loading the patient's chart…"));
  try {
    const task = await getJson(`${kapcareRoot()}/api/tasks/${encodeURIComponent(taskId)}`);
    await renderChart(node, task.patientId, api);
  } catch (error) {
    node.replaceChildren(el("p", { class: "kapcare-error" }, `The chart could not be opened: ${error.message}`));
  }
}

/** Opens the search dialog on one patient's chart; set once "Find patient" is in the header. */
let showPatient = null;

/**
 * Starting a journey for a patient who has one is refused with a sentence naming the patient
 * (journey/JourneyRegistration): Tasklist shows it as plain text, and this adds the link to them.
 */
const ALREADY_IN_CARE = /Patient (\S+) already has a care journey in progress/;

function linkRefusalsToTheirPatient(root) {
  root.querySelectorAll(".notifications .alert, .alert-danger").forEach(alert => {
    const named = alert.textContent.match(ALREADY_IN_CARE);
    if (named && showPatient && !alert.querySelector(".kapcare-open-patient")) {
      const link = el("a", { href: "#", class: "kapcare-open-patient", "data-patient": named[1] }, `Open ${named[1]}'s chart`);
      link.addEventListener("click", event => {
        event.preventDefault();
        showPatient(named[1]);
      });
      alert.append(" ", link);
    }
  });
}

new MutationObserver(() => linkRefusalsToTheirPatient(document)).observe(document.documentElement,
  { childList: true, subtree: true });

function renderSearch(node, { api } = {}) {
  const dialog = el("div", { class: "kapcare-search-dialog", id: "kapcare-patient-search", hidden: "" });
  const input = el("input", { type: "search", class: "form-control", id: "kapcare-patient-query",
    placeholder: "Name or patient id", "aria-label": "Name or patient id", autocomplete: "off" });
  const results = el("div", { class: "kapcare-search-results" });
  const chart = el("div", { class: "kapcare-search-chart" });
  const close = el("button", { type: "button", class: "btn btn-default", id: "kapcare-patient-close" }, "Close");
  const open = el("a", { href: "#", id: "kapcare-find-patient", role: "button" }, "Find patient");
  let timer;
  const search = async () => {
    chart.replaceChildren();
    if (input.value.trim().length < 2) {
      results.replaceChildren(el("p", {}, "Type at least two letters of a name or id."));
      return;
    }
    try {
      const found = await patients(`?q=${encodeURIComponent(input.value.trim())}`);
      results.replaceChildren(found.length === 0 ? el("p", {}, "No patient found.")
        : el("ul", { class: "kapcare-found" }, ...found.map(patient => {
          const link = el("a", { href: "#", "data-patient": patient.id },
            `${patient.name || "–"} · ${patient.id}${patient.inCare ? "" : " (journey ended)"}`);
          link.addEventListener("click", event => {
            event.preventDefault();
            renderChart(chart, patient.id, api);
          });
          return el("li", {}, link);
        })));
    } catch (error) {
      results.replaceChildren(el("p", { class: "kapcare-error" }, error.message));
    }
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(search, 300);
  });
  open.addEventListener("click", event => {
    event.preventDefault();
    dialog.hidden = false;
    input.focus();
  });
  close.addEventListener("click", () => {
    dialog.hidden = true;
  });
  showPatient = patientId => {
    dialog.hidden = false;
    input.value = patientId;
    results.replaceChildren();
    renderChart(chart, patientId, api);
  };
  dialog.append(el("div", { class: "kapcare-search-box" }, el("h3", {}, "Find a patient"), input, results, chart, close));
  node.replaceChildren(open, dialog);
}

export default [
  {
    id: "kapcare-patient-tab",
    pluginPoint: "tasklist.task.detail",
    priority: 1000,
    properties: { label: "Patient" },
    render: renderTaskTab
  },
  {
    id: "kapcare-patient-search",
    pluginPoint: "tasklist.navbar.action",
    priority: 300,
    render: renderSearch
  }
];
