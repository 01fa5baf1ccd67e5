/*
 * Tasklist's queues as the clinic works them (plain ES module, no build step): urgent work first
 * by default, and each card's priority in words. The words come from KAP Care's /api/tasks, which
 * answers only for tasks the reader may see.
 */

import { el, getJson, kapcareRoot } from "../../../../../../../kapcare/ui.js";

/**
 * Tasklist asks for every page in the order its URL names, newest first when it names none. The
 * clinic's order is urgent work first, then what is due soonest (undated last): it becomes the
 * list's order whenever the URL has none, before Tasklist starts and each time its address
 * changes, so the sort menu shows it and a member of staff can still choose another.
 */
const URGENT_FIRST = JSON.stringify([{ sortBy: "priority", sortOrder: "desc" }, { sortBy: "dueDate", sortOrder: "asc" }]);

function urgentFirstByDefault() {
  const hash = window.location.hash.replace(/^#/, "");
  const [path, query = ""] = hash.split("?");
  if (!["", "/"].includes(path)) {
    return;
  }
  const search = new URLSearchParams(query);
  if (!search.has("sorting")) {
    search.set("sorting", URGENT_FIRST);
    window.location.replace(`#/?${search}`);
  }
}

urgentFirstByDefault();
window.addEventListener("hashchange", urgentFirstByDefault);

/**
 * "Create task" and "Add Comment" are for administrators only (the server refuses everyone else,
 * docs/security.md): the stylesheet hides them unless the page says the user is one, which it
 * learns from the webapp's own account of who is signed in (Admin among the apps they may open).
 */
async function markAdministrators() {
  const base = document.querySelector("base");
  const appRoot = (base && base.getAttribute("app-root")) || "/camunda";
  try {
    const response = await fetch(`${appRoot}/api/admin/auth/user/default`, { credentials: "same-origin" });
    const account = response.ok ? await response.json() : {};
    document.documentElement.classList.toggle("kapcare-administrator", (account.authorizedApps || []).includes("admin"));
  } catch (error) {
    document.documentElement.classList.remove("kapcare-administrator");
  }
}

markAdministrators();
window.addEventListener("hashchange", markAdministrators);

/**
 * The card's priority in words, where Tasklist shows the engine's number (which the stylesheet
 * hides): card plugins are drawn below the card's variables, where a collapsed card cuts them off.
 * Tasklist reuses a card for another task when the page changes; the word it had goes first.
 */
async function renderCard(node, { taskId }) {
  // Tasklist attaches the node to the card after render() returns: the card is found once the answer is in.
  const cells = () => node.closest("li.task")?.querySelector(".cells-wrapper") || node;
  try {
    const task = await getJson(`${kapcareRoot()}/api/tasks/${encodeURIComponent(taskId)}`);
    cells().querySelectorAll(".kapcare-priority").forEach(old => old.remove());
    cells().append(el("span", { class: `kapcare-priority kapcare-priority-${task.priority}`, "data-task": taskId },
      task.priority));
  } catch (error) {
    cells().querySelectorAll(".kapcare-priority").forEach(old => old.remove());
  }
}

export default [
  {
    id: "kapcare-priority-card",
    pluginPoint: "tasklist.card",
    priority: 100,
    render: renderCard
  }
];
