/**
 * The console script's helpers (plain browser JavaScript, no build step): DOM building with
 * textContent only, so nothing read from the table is parsed as HTML; JSON calls; one time
 * format with relative ages.
 */
export const clientCore = `
const S = {
  state: null, lastJson: "", offset: 0, tokens: false, q: "", page: 1, tab: "users",
  table: null, selectedUser: null, detail: null, items: null, tableInfo: {},
};
const $ = (id) => document.getElementById(id);

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const key in props || {}) {
    const value = props[key];
    if (value == null || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key === "className") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

function query(params) {
  const search = new URLSearchParams();
  for (const key in params) if (params[key] !== undefined && params[key] !== "" && params[key] !== false) search.set(key, params[key] === true ? "1" : params[key]);
  const text = search.toString();
  return text ? "?" + text : "";
}

async function getJson(path, params) {
  const res = await fetch(path + query(params || {}), { cache: "no-store" });
  const data = await res.json();
  if (!res.ok) throw new Error(data.error || "HTTP " + res.status);
  return data;
}

async function postJson(path, body) {
  const res = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body || {}) });
  const data = await res.json();
  if (!res.ok) throw new Error(data.error || "HTTP " + res.status);
  return data;
}

/** Runs an action, shows its message, and refreshes. */
async function act(path, body) {
  try {
    const data = await postJson(path, body);
    status(data.message, false);
    await refresh();
    return data;
  } catch (error) {
    status(error.message, true);
    return null;
  }
}

function status(text, isError) {
  const node = $("status");
  node.textContent = text;
  node.className = isError ? "error" : "";
}

const now = () => Date.now() + S.offset;
const pad = (n) => String(n).padStart(2, "0");

/** The one time format: local "2026-05-01 14:03:07". */
function formatTime(ms) {
  const d = new Date(ms);
  return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + " " + pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds());
}

/** "3m ago", "in 29d 23h". */
function relative(ms) {
  const diff = ms - now();
  const s = Math.floor(Math.abs(diff) / 1000);
  const parts = s >= 86400 ? [Math.floor(s / 86400) + "d", Math.floor((s % 86400) / 3600) + "h"]
    : s >= 3600 ? [Math.floor(s / 3600) + "h", Math.floor((s % 3600) / 60) + "m"]
    : s >= 60 ? [Math.floor(s / 60) + "m", (s % 60) + "s"] : [s + "s"];
  if (s < 1) return "now";
  return diff < 0 ? parts.join(" ") + " ago" : "in " + parts.join(" ");
}

/** A time with its relative age, ticking in place; expiries turn red once past. */
function when(value, options) {
  const ms = typeof value === "number" ? value : Date.parse(value);
  if (value == null || isNaN(ms)) return el("span", { className: "muted", text: value == null ? "–" : String(value) });
  const node = el("span", { className: "time", "data-at": String(ms), "data-expiry": options && options.expiry ? "1" : null, title: new Date(ms).toISOString() });
  tick(node);
  return node;
}

function tick(node) {
  const ms = Number(node.getAttribute("data-at"));
  const expiry = node.hasAttribute("data-expiry");
  const rel = relative(ms);
  const left = ms - now();
  node.replaceChildren(formatTime(ms), el("span", { className: "rel", text: expiry && left <= 0 ? "expired " + rel + ", waiting for a sweep" : rel }));
  node.classList.toggle("expired", expiry && left <= 0);
  node.classList.toggle("soon", expiry && left > 0 && left < 300000);
}

/** Replaces a node's children, skipping null and false. */
function fill(node, ...children) {
  node.replaceChildren(...children.flat().filter((child) => child != null && child !== false));
  return node;
}

function grid(headings, rows, options) {
  if (rows.length === 0) return el("div", { className: "empty", text: (options && options.empty) || "None." });
  return el("table", null,
    el("thead", null, el("tr", null, headings.map((h) => el("th", { text: h })))),
    el("tbody", null, rows.map((cells) => el("tr", null, cells.map((cell) =>
      el("td", null, cell == null ? "" : typeof cell === "object" ? cell : String(cell)))))));
}

function json(value) {
  return el("pre", { className: "json" }, JSON.stringify(value, null, 2));
}

function plural(n, one, many) { return n.toLocaleString("en-US") + " " + (n === 1 ? one : many); }
`
