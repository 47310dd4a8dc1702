/**
 * The inspector page's script (plain browser JavaScript, no build step). It renders the
 * snapshot from `api/state` with createElement and textContent only, so nothing read from the
 * table is ever parsed as HTML; it re-renders when the snapshot changes and ticks countdowns
 * every second in place.
 */
export const clientScript = `
"use strict";
(function () {
  var state = null;
  var lastJson = "";
  var clockOffset = 0;
  var showTokens = false;

  function $(id) { return document.getElementById(id); }

  function el(tag, props) {
    var node = document.createElement(tag);
    if (props) for (var key in props) {
      if (key === "text") node.textContent = props[key];
      else if (key === "className") node.className = props[key];
      else if (key === "onclick") node.addEventListener("click", props[key]);
      else node.setAttribute(key, props[key]);
    }
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child == null || child === false) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function mask(value) {
    if (value == null || value === "") return "";
    var text = String(value);
    if (showTokens) return text;
    return text.slice(0, 4) + "•••• (" + text.length + " chars)";
  }

  function secret(value) {
    return el("span", { className: "mono secret", "data-secret": "" }, mask(value));
  }

  function serverNow() { return Date.now() + clockOffset; }

  function countdown(expiresIso) {
    var ms = Date.parse(expiresIso) - serverNow();
    if (isNaN(ms)) return { text: String(expiresIso), className: "" };
    var abs = Math.abs(ms), s = Math.floor(abs / 1000);
    var parts = s >= 86400 ? [Math.floor(s / 86400) + "d", Math.floor(s % 86400 / 3600) + "h"]
      : s >= 3600 ? [Math.floor(s / 3600) + "h", Math.floor(s % 3600 / 60) + "m"]
      : s >= 60 ? [Math.floor(s / 60) + "m", (s % 60) + "s"] : [s + "s"];
    if (ms <= 0) return { text: "expired " + parts.join(" ") + " ago, waiting for a sweep", className: "expired" };
    return { text: "expires in " + parts.join(" "), className: ms < 300000 ? "soon" : "" };
  }

  function expiry(expiresIso) {
    var node = el("span", { "data-expires": expiresIso });
    tick(node);
    return node;
  }

  function tick(node) {
    var c = countdown(node.getAttribute("data-expires"));
    node.textContent = c.text;
    node.className = c.className;
  }

  function table(headings, rows) {
    if (rows.length === 0) return el("div", { className: "muted", text: "none" });
    var head = el("tr");
    headings.forEach(function (h) { head.appendChild(el("th", { text: h })); });
    var body = el("tbody");
    rows.forEach(function (cells) {
      var tr = el("tr");
      cells.forEach(function (cell) {
        tr.appendChild(typeof cell === "string" || cell == null ? el("td", { text: cell == null ? "" : cell }) : el("td", null, cell));
      });
      body.appendChild(tr);
    });
    return el("table", null, el("thead", null, head), body);
  }

  function userCard(view) {
    var u = view.user;
    var card = el("article", { className: "user", "data-user-id": u.id, "data-email": u.email || "" },
      el("div", { className: "user-head" },
        el("strong", { text: u.name || "(no name)" }),
        el("span", { text: u.email || "(no email)" }),
        el("span", { className: "muted mono", text: "id " + u.id }),
        el("span", { className: "muted", text: u.emailVerified ? "verified " + u.emailVerified : "email not verified" }),
        el("button", { type: "button", "data-action": "delete-user", onclick: function () { deleteUser(u); } }, "Delete user")));
    card.appendChild(el("h3", { text: "Accounts (" + view.accounts.length + ")" }));
    card.appendChild(table(["provider", "type", "providerAccountId", "access_token", "refresh_token", "expires_at"],
      view.accounts.map(function (a) {
        return [a.provider, a.type, a.providerAccountId, secret(a.access_token), secret(a.refresh_token),
          a.expires_at ? new Date(a.expires_at * 1000).toISOString() : ""];
      })));
    card.appendChild(el("h3", { text: "Sessions (" + view.sessions.length + ")" }));
    card.appendChild(table(["sessionToken", "expires", "", ""], view.sessions.map(function (s) {
      return [secret(s.sessionToken), s.expires, expiry(s.expires),
        el("button", { type: "button", "data-action": "expire-session", onclick: function () { expireSession(s.sessionToken); } }, "Expire now")];
    })));
    card.appendChild(el("h3", { text: "Authenticators (" + view.authenticators.length + ")" }));
    card.appendChild(table(["credentialID", "providerAccountId", "counter", "deviceType", "transports"],
      view.authenticators.map(function (a) {
        return [secret(a.credentialID), a.providerAccountId, String(a.counter), a.credentialDeviceType, a.transports || ""];
      })));
    return card;
  }

  function render() {
    var users = $("user-list");
    users.className = "";
    users.replaceChildren.apply(users, state.users.length ? state.users.map(userCard)
      : [el("div", { className: "muted", text: "No users yet. Sign in from your app, or press “Seed 5 more users”." })]);
    $("users").querySelector("h2").textContent = "Users (" + state.users.length + ")";
    $("token-list").replaceChildren(table(["identifier", "token", "expires", ""], state.verificationTokens.map(function (t) {
      return [t.identifier, secret(t.token), t.expires, expiry(t.expires)];
    })));
    $("stray-list").replaceChildren(table(["why", "item"], state.stray.map(function (s) {
      return [s.reason, el("pre", { text: JSON.stringify(s.item, null, 1) })];
    })));
    var foot = state.itemCount + " items in " + state.tableName + (state.truncated ? " (only the first are shown)" : "");
    if (state.seed) foot += " · seeded " + state.seed.users + " demo users with faker seed " + state.seed.seed;
    $("footer").textContent = foot + " · refreshed " + new Date().toLocaleTimeString();
  }

  function refresh() {
    return fetch("api/state", { cache: "no-store" }).then(function (res) {
      if (!res.ok) throw new Error("HTTP " + res.status);
      return res.json();
    }).then(function (next) {
      clockOffset = next.now - Date.now();
      var json = JSON.stringify(Object.assign({}, next, { now: 0 }));
      state = next;
      if (json !== lastJson) { lastJson = json; render(); }
    }).catch(function (error) { status("Could not read the table: " + error.message, true); });
  }

  function status(text, isError) {
    var node = $("status");
    node.textContent = text;
    node.className = isError ? "error" : "";
  }

  function post(path, body) {
    return fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body || {}) })
      .then(function (res) { return res.json().then(function (data) { if (!res.ok) throw new Error(data.error || "HTTP " + res.status); return data; }); })
      .then(function (data) { status(data.message, false); return refresh(); })
      .catch(function (error) { status(error.message, true); });
  }

  function expireSession(sessionToken) { return post("api/sessions/expire", { sessionToken: sessionToken }); }
  function deleteUser(user) {
    if (!confirm("Delete " + (user.email || user.id) + " with its accounts, sessions and authenticators?")) return;
    return post("api/users/delete", { userId: user.id });
  }

  $("sweep").addEventListener("click", function () { post("api/sweep"); });
  $("seed").addEventListener("click", function () { post("api/seed", { users: 5 }); });
  $("show-tokens").addEventListener("change", function (event) {
    showTokens = event.target.checked;
    if (state) render();
  });
  setInterval(function () { document.querySelectorAll("[data-expires]").forEach(tick); }, 1000);
  setInterval(refresh, 3000);
  refresh();
})();
`
