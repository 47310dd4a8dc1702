/** The console script's Items tab (any table: Scan, Query by key or index) and the item pane. */
export const clientItems = `
function itemsState(table) {
  if (!S.items || S.items.table !== table) S.items = { table, index: "", pk: "", start: "", starts: [], result: null, error: "" };
  return S.items;
}

async function loadItems() {
  const it = S.items;
  try {
    it.result = await getJson("api/items", { table: it.table, index: it.index, pk: it.pk, start: it.start, tokens: S.tokens });
    it.error = "";
  } catch (error) {
    it.error = error.message;
  }
  renderItems();
}

function keyLabel(info, indexName) {
  const keys = indexName ? info.indexes.find((i) => i.name === indexName) : info;
  return keys ? keys.partitionKey.name : "";
}

function renderItems() {
  const it = S.items;
  const info = it.result && it.result.table;
  const indexSelect = el("select", { id: "index", "aria-label": "Table or index", onchange: (e) => { it.index = e.target.value; renderItems(); } },
    el("option", { value: "", text: "Table" + (info ? " (" + info.partitionKey.name + (info.sortKey ? ", " + info.sortKey.name : "") + ")" : "") }),
    (info ? info.indexes : []).map((i) => el("option", { value: i.name, text: "Index " + i.name + " (" + i.partitionKey.name + (i.sortKey ? ", " + i.sortKey.name : "") + ")" })));
  indexSelect.value = it.index;
  const pkInput = el("input", { id: "partition-value", type: "text", value: it.pk, placeholder: "empty: Scan", "aria-label": "Partition key value",
    onkeydown: (e) => { if (e.key === "Enter") run(e.target.value); } });
  const run = (pk) => { it.pk = pk; it.start = ""; it.starts = []; loadItems(); };
  const controls = el("div", { className: "controls" },
    el("label", null, "Read from", indexSelect),
    el("label", null, "Partition key" + (info ? " " + keyLabel(info, it.index) : ""), pkInput),
    el("button", { type: "button", className: "primary", onclick: () => run(pkInput.value) }, "Query"),
    el("button", { type: "button", onclick: () => run("") }, "Scan"),
    el("span", { className: "spacer" }),
    el("button", { type: "button", onclick: () => newItem(info) }, "New item"));
  let body;
  if (it.error) body = el("div", { className: "empty error", role: "alert", text: it.error });
  else if (!it.result) body = el("div", { className: "empty", text: "Loading…" });
  else body = itemsTable(info, it.result.items);
  const more = it.result && it.result.next;
  fill($("list"), 
    el("h2", null, "Items of ", el("code", { text: it.table })),
    controls, body,
    el("div", { className: "pager" },
      el("span", { text: it.result ? (it.pk ? "Query " : "Scan ") + "· " + plural(it.result.items.length, "item", "items") + " on this page" : "" }),
      el("span", { className: "spacer" }),
      el("button", { type: "button", disabled: it.starts.length === 0, onclick: () => { it.start = it.starts.pop(); loadItems(); } }, "Previous"),
      el("button", { type: "button", disabled: !more, onclick: () => { it.starts.push(it.start); it.start = more; loadItems(); } }, "Next")));
}

function itemsTable(info, items) {
  if (items.length === 0) return el("div", { className: "empty", text: "No items." });
  const keys = [info.partitionKey.name].concat(info.sortKey ? [info.sortKey.name] : []);
  const others = [];
  for (const view of items) for (const name in view.item) if (!keys.includes(name) && !others.includes(name)) others.push(name);
  const columns = keys.concat(others.slice(0, 5 - keys.length + 2));
  let lastPartition;
  return el("table", null,
    el("thead", null, el("tr", null, columns.map((c) => el("th", { text: c })))),
    el("tbody", null, items.map((view) => {
      const partition = JSON.stringify(view.item[info.partitionKey.name]);
      const first = partition !== lastPartition;
      lastPartition = partition;
      return el("tr", { className: "row", "aria-selected": S.detail && S.detail.ref === view.ref ? "true" : "false", onclick: () => openItem(view.ref) },
        columns.map((c, i) => el("td", { className: i === 0 && !first ? "muted" : null },
          el("span", { className: "mono ellipsis", text: cell(view.item[c]) }))));
    })));
}

function cell(value) {
  if (value === undefined) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

async function openItem(ref) {
  S.detail = { ref, mode: "view", error: "" };
  try {
    const data = await getJson("api/item", { ref, tokens: S.tokens });
    S.detail.table = data.table;
    S.detail.view = data.item;
  } catch (error) {
    S.detail.error = error.message;
  }
  renderDetail();
  if (S.items && S.items.result) renderItems();
}

async function editItem() {
  const d = S.detail;
  try {
    // Editing needs the values as stored: asking to edit is asking to see the tokens.
    const data = await getJson("api/item", { ref: d.ref, tokens: true });
    d.mode = "edit";
    d.draft = JSON.stringify(data.item.item, null, 2);
    d.error = "";
  } catch (error) {
    d.error = error.message;
  }
  renderDetail();
}

function newItem(info) {
  if (!info) return;
  const draft = {};
  draft[info.partitionKey.name] = "";
  if (info.sortKey) draft[info.sortKey.name] = "";
  S.detail = { mode: "edit", table: info.name, draft: JSON.stringify(draft, null, 2), error: "" };
  renderDetail();
}

async function saveItem() {
  const d = S.detail;
  status("", false);
  d.draft = $("item-json").value;
  let item;
  try { item = JSON.parse(d.draft); } catch (error) { d.error = "Not JSON: " + error.message; renderDetail(); return; }
  try {
    const data = await postJson("api/items/put", { table: d.table, item, ref: d.ref });
    status(data.message, false);
    S.detail = null;
    renderDetail();
    await refresh();
  } catch (error) {
    d.error = error.message;
    renderDetail();
  }
}

async function deleteItem() {
  if (!confirm("Delete this item?")) return;
  try {
    const data = await postJson("api/items/delete", { ref: S.detail.ref });
    status(data.message, false);
    S.detail = null;
    renderDetail();
    await refresh();
  } catch (error) {
    S.detail.error = error.message;
    renderDetail();
  }
}

function itemDetail() {
  const d = S.detail;
  const error = d.error ? el("div", { className: "error", role: "alert", id: "item-error", text: d.error }) : null;
  if (d.mode === "edit") {
    return el("div", null,
      el("div", { className: "detail-head" }, el("strong", { text: d.ref ? "Edit item" : "New item" }), el("code", { text: d.table })),
      el("p", { className: "muted", text: "Saved with PutItem: the emulator checks it as DynamoDB would, and an item it refuses stays as it was." + (d.ref ? " Shown as stored, tokens included." : "") }),
      el("textarea", { id: "item-json", className: "json", spellcheck: "false", "aria-label": "Item JSON" }, d.draft),
      error,
      el("div", { className: "actions" },
        el("button", { type: "button", className: "primary", onclick: saveItem }, "Save"),
        el("button", { type: "button", onclick: () => { if (d.ref) openItem(d.ref); else { S.detail = null; renderDetail(); } } }, "Cancel")));
  }
  if (!d.view) return el("div", null, error || el("div", { className: "muted", text: "Loading…" }));
  return el("div", null,
    el("div", { className: "detail-head" }, el("strong", { text: "Item" }), el("code", { text: d.table }),
      S.tokens ? null : el("span", { className: "badge", text: "tokens masked" })),
    el("div", { className: "actions" },
      d.view.editable ? el("button", { type: "button", onclick: editItem }, "Edit") : el("span", { className: "muted", text: "Holds sets, binaries or big numbers: edit it with the SDK." }),
      el("button", { type: "button", className: "danger", onclick: deleteItem }, "Delete"),
      el("button", { type: "button", onclick: () => { S.detail = null; renderDetail(); renderCurrent(); } }, "Close")),
    error,
    json(d.view.item));
}
`
