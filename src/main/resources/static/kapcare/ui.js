/*
 * What KAP Care's webapp plugins share (plain ES module, no build step): served by the app at
 * /kapcare/ui.js, imported by the Cockpit insight plugin and the Tasklist patient chart.
 */

/** KAP Care's own root: the webapps' app-root is it plus the webapp path, "/camunda" unless configured. */
export function kapcareRoot() {
  const base = document.querySelector("base");
  const appRoot = (base && base.getAttribute("app-root")) || "/camunda";
  return appRoot.replace(/\/camunda\/?$/, "");
}

export async function getJson(url) {
  const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.message || body.error || `${response.status} ${response.statusText}`);
  }
  return body;
}

/**
 * A change KAP Care's /api takes with the webapp's session: the webapp's CSRF token (handed to
 * each plugin as api.CSRFToken) goes in the header, as the webapps' own calls carry it.
 */
export async function postJson(url, body, csrfToken) {
  const response = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { Accept: "application/json", "Content-Type": "application/json", "X-XSRF-TOKEN": csrfToken || "" },
    body: JSON.stringify(body ?? {})
  });
  if (!response.ok) {
    const refusal = await response.json().catch(() => ({}));
    throw new Error(refusal.message || refusal.error || `${response.status} ${response.statusText}`);
  }
}

/** A DOM element with attributes and children; text always goes in as text, never as HTML. */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  Object.entries(attributes).forEach(([name, value]) => element.setAttribute(name, value));
  children.forEach(child => element.append(child instanceof Node ? child : String(child ?? "–")));
  return element;
}

/** An SVG element with attributes and, optionally, text (never markup): for charts drawn from numbers. */
export function svgNode(tag, attributes = {}, text) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, value));
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

export function table(id, headings, rows) {
  return el("table", { id, class: "table table-condensed kapcare-table" },
    el("thead", {}, el("tr", {}, ...headings.map(heading => el("th", {}, heading)))),
    el("tbody", {}, ...rows.map(cells => el("tr", {}, ...cells.map(cell => el("td", {}, cell))))));
}

/** Date and time as the clinic reads them, in its own zone whatever the browser's. */
export function when(iso, zone) {
  if (!iso) {
    return "–";
  }
  return new Intl.DateTimeFormat("en-GB", { timeZone: zone, dateStyle: "medium", timeStyle: "short" })
    .format(new Date(iso));
}

/** The day alone, in the clinic's zone. */
export function day(iso, zone) {
  return iso ? new Intl.DateTimeFormat("en-GB", { timeZone: zone, dateStyle: "medium" }).format(new Date(iso)) : "–";
}
