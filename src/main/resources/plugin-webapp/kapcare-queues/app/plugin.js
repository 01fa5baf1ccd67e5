/*
 * Tasklist's queues as the clinic works them (plain ES module, no build step): urgent work first
 * by default, and each card's priority in words, made from the card's own number with the words
 * KAP Care's /api/tasks/priorities gives once per page.
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
 * learns from the webapp's own account of who is signed in (Admin among the apps they may open),
 * again at each change of address, since signing in happens inside the page.
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
 * The words for priority numbers (KAP Care's /api/tasks/priorities), asked once per page: every
 * open Tasklist redraws its cards at each reload, and a question per card would cost the clinic's
 * database one task query per card every 10 seconds per member of staff.
 */
let priorityWords;
function wordsForPriorities() {
  priorityWords = priorityWords || getJson(`${kapcareRoot()}/api/tasks/priorities`).catch(error => {
    priorityWords = undefined;
    throw error;
  });
  return priorityWords;
}

/**
 * The card's priority in words, where Tasklist shows the engine's number (which the stylesheet
 * hides; the word is made from it): card plugins are drawn below the card's variables, where a
 * collapsed card cuts them off. Tasklist reuses a card for another task when the page changes; the
 * word it had goes first.
 */
async function renderCard(node, { taskId }) {
  // Tasklist attaches the node to the card, and fills in the card's number, after render() returns.
  const card = () => node.closest("li.task");
  const cells = () => card()?.querySelector(".cells-wrapper") || node;
  try {
    const words = await wordsForPriorities();
    await new Promise(resolve => setTimeout(resolve));
    const number = Number(card()?.querySelector(".priority")?.textContent.trim());
    const level = words.find(word => number >= word.from);
    cells().querySelectorAll(".kapcare-priority").forEach(old => old.remove());
    if (Number.isFinite(number) && level) {
      cells().append(el("span", { class: `kapcare-priority kapcare-priority-${level.word}`, "data-task": taskId },
        level.word));
    }
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
