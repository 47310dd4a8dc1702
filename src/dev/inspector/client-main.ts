/** The console script's shell: header, counts, tabs, the detail pane and live polling. */
export const clientMain = `
const tabs = [
  ["users", "Users"], ["mailbox", "Mailbox"], ["other", "Tokens & other items"], ["sweeps", "Sweeps"], ["items", "Items"],
];

function isAuthTable() { return !S.table || S.table === S.state.tableName; }

function renderCounts() {
  const c = S.state.counts;
  const entries = [["users", "Users", c.users], ["users", "Accounts", c.accounts], ["users", "Sessions", c.sessions],
    ["users", "Authenticators", c.authenticators], ["other", "Verification tokens", c.verificationTokens],
    ["other", "Other items", c.other], ["mailbox", "Mailbox", c.mailbox]];
  fill($("counts"), ...entries.map(([tab, label, n]) =>
    el("div", { className: "count", "data-count": label }, el("b", { text: n.toLocaleString("en-US") }), el("span", { text: label }))));
  $("counts").hidden = !isAuthTable();
}

function renderTabs() {
  const visible = isAuthTable() ? tabs : tabs.filter(([id]) => id === "items");
  fill($("tabs"), ...visible.map(([id, label]) =>
    el("button", { type: "button", role: "tab", "aria-selected": S.tab === id ? "true" : "false", onclick: () => { location.hash = id; } },
      label + (id === "mailbox" && S.state.counts.mailbox ? " (" + S.state.counts.mailbox + ")" : ""))));
}

function renderPicker() {
  const picker = $("table-picker");
  const names = S.state.tables;
  if (picker.options.length !== names.length || names.some((n, i) => picker.options[i].value !== n)) {
    picker.replaceChildren(...names.map((n) => el("option", { value: n, text: n === S.state.tableName ? n + " (auth)" : n })));
  }
  picker.value = S.table || S.state.tableName;
}

function renderCurrent() {
  if (!S.state) return;
  renderPicker();
  renderCounts();
  renderTabs();
  if (S.tab === "items") {
    const it = itemsState(S.table || S.state.tableName);
    if (!it.result && !it.error) { renderItems(); loadItems(); } else renderItems();
  } else if (S.tab === "mailbox") renderMailbox();
  else if (S.tab === "other") renderOther();
  else if (S.tab === "sweeps") renderSweeps();
  else renderUsers();
  renderDetail();
  const st = S.state;
  const count = (n, noun) => n.toLocaleString("en-US") + " " + noun + (n === 1 ? "" : "s");
  let foot = count(st.itemCount, "item") + " in " + st.tableName + (st.truncated ? " (only the first are shown)" : "");
  if (st.seed) foot += " · seeded " + count(st.seed.users, "demo user") + " with faker seed " + st.seed.seed;
  $("footer").textContent = foot;
}

function renderDetail() {
  const pane = $("detail");
  // Mailbox, Sweeps and the other tabs have no detail until an item is opened: use the width.
  $("layout").classList.toggle("single", !S.detail && S.tab !== "users" && S.tab !== "items");
  if (S.detail) { pane.hidden = false; fill(pane, el("div", { className: "panel-body" }, itemDetail())); return; }
  const view = S.tab === "users" && S.state && selectedView();
  if (view) { pane.hidden = false; fill(pane, el("div", { className: "panel-body" }, userDetail(view))); return; }
  pane.hidden = false;
  fill(pane, el("div", { className: "empty", text: S.tab === "users" ? "Select a user to see its accounts, sessions and authenticators." : S.tab === "items" ? "Select an item to see its JSON." : "Details show here." }));
}

let lastRefresh = 0;
async function refresh() {
  try {
    const next = await getJson("api/state", { q: S.q, page: S.page, tokens: S.tokens });
    S.offset = next.now - Date.now();
    lastRefresh = Date.now();
    $("live").className = "live";
    const jsonText = JSON.stringify(Object.assign({}, next, { now: 0, sweeps: next.sweeps.length, tables: next.tables }));
    const changed = jsonText.replace(/"ref":"[^"]*"/g, "") !== S.lastJson;
    S.state = next;
    if (changed) {
      S.lastJson = jsonText.replace(/"ref":"[^"]*"/g, "");
      if (S.tab === "items" && S.items && S.items.result) loadItems();
      renderCurrent();
    } else if (S.tab === "sweeps") renderSweeps();
  } catch (error) {
    $("live").className = "live down";
    $("live").textContent = "cannot reach authtable dev: " + error.message;
  }
}

function fromHash() {
  const id = location.hash.slice(1);
  S.tab = tabs.some(([tab]) => tab === id) ? id : "users";
  if (S.tab !== "items" && !isAuthTableSafe()) S.table = null;
  S.detail = null;
  renderCurrent();
}
function isAuthTableSafe() { return !S.state || isAuthTable(); }

let searchTimer;
$("search").addEventListener("input", (e) => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => {
    S.q = e.target.value.trim(); S.page = 1;
    if (S.tab !== "users") location.hash = "users";
    refresh();
  }, 200);
});
$("show-tokens").addEventListener("change", (e) => {
  S.tokens = e.target.checked;
  if (S.items) S.items.result = null;
  if (S.detail && S.detail.ref && S.detail.mode === "view") openItem(S.detail.ref);
  refresh().then(renderCurrent);
});
$("sweep").addEventListener("click", () => act("api/sweep"));
$("seed").addEventListener("click", () => act("api/seed", { users: 5 }));
$("table-picker").addEventListener("change", (e) => {
  S.table = e.target.value;
  S.detail = null;
  if (S.table !== S.state.tableName || S.tab === "items") { location.hash = "items"; renderCurrent(); }
  else renderCurrent();
});
window.addEventListener("hashchange", fromHash);
setInterval(() => {
  document.querySelectorAll("[data-at]").forEach(tick);
  if (lastRefresh && $("live").className === "live") $("live").textContent = "live · updated " + relative(lastRefresh + S.offset);
}, 1000);
setInterval(refresh, 2000);
refresh().then(fromHash);
`
