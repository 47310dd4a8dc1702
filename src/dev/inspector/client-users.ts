/** The console script's Users tab: the page of users and the selected user's detail. */
export const clientUsers = `
function renderUsers() {
  const users = S.state.users;
  const rows = users.list.map((view) => {
    const u = view.user;
    return el("tr", {
      className: "row", "data-user-id": u.id, "data-email": u.email || "",
      "aria-selected": S.selectedUser === u.id ? "true" : "false",
      onclick: () => { S.selectedUser = u.id; S.detail = null; renderUsers(); renderDetail(); },
    },
      el("td", null, el("span", { className: "ellipsis name", text: u.name || "(no name)" })),
      el("td", null, el("span", { className: "ellipsis", text: u.email || "(no email)" })),
      el("td", null, u.emailVerified ? el("span", { className: "badge ok", title: "verified " + formatTime(Date.parse(u.emailVerified)), text: "yes" }) : el("span", { className: "badge", text: "no" })),
      el("td", { className: "num", text: String(view.accounts.length) }),
      el("td", { className: "num", text: String(view.sessions.length) }),
      el("td", null, el("button", { type: "button", onclick: (event) => { event.stopPropagation(); signInAs(u); } }, "Sign in as")));
  });
  const from = (users.page - 1) * users.pageSize;
  const body = users.list.length === 0
    ? el("div", { className: "empty", text: users.q ? "No user matches “" + users.q + "”." : "No users yet. Sign in from your app, or press “Seed 5 users”." })
    : el("table", null,
        el("thead", null, el("tr", null, ["Name", "Email", "Verified", "Accounts", "Sessions", ""].map((h) => el("th", { text: h })))),
        el("tbody", null, rows));
  fill($("list"), 
    el("h2", null, users.q ? plural(users.total, "user matches", "users match") + " “" + users.q + "”" : "Users", el("span", { className: "spacer" }), cookiePicker()),
    hostNote(),
    body,
    el("div", { className: "pager" },
      el("span", { text: users.total === 0 ? "" : (from + 1) + "–" + (from + users.list.length) + " of " + users.total.toLocaleString("en-US") }),
      el("span", { className: "spacer" }),
      el("button", { type: "button", disabled: users.page <= 1, onclick: () => { S.page = users.page - 1; refresh(); } }, "Previous"),
      el("span", { text: "Page " + users.page + " of " + users.pages }),
      el("button", { type: "button", disabled: users.page >= users.pages, onclick: () => { S.page = users.page + 1; refresh(); } }, "Next")));
}

function cookiePicker() {
  const names = ["authjs.session-token", "next-auth.session-token", "__Secure-authjs.session-token", "__Secure-next-auth.session-token"];
  const labels = ["Auth.js v5", "next-auth v4", "Auth.js v5 (__Secure-)", "next-auth v4 (__Secure-)"];
  const select = el("select", { id: "cookie-name", "aria-label": "Session cookie that Sign in as sets", onchange: (e) => localStorage.setItem("authtable.cookie", e.target.value) },
    names.map((name, i) => el("option", { value: name, title: name, text: labels[i] })));
  select.value = localStorage.getItem("authtable.cookie") || names[0];
  return el("label", { className: "muted small", title: "The session cookie that “Sign in as” sets" }, "Cookie ", select);
}

/** Cookies ignore ports, not host names: only a console on localhost signs in an app on localhost. */
function hostNote() {
  if (location.hostname === "localhost") return null;
  const url = location.protocol + "//localhost:" + location.port + location.pathname;
  return el("div", { className: "note warn", id: "host-note" },
    "“Sign in as” sets the cookie for " + location.hostname + ", the host name this console is opened on. Cookies ignore ports but not host names, so an app on http://localhost:3000 will not see it: open ",
    el("a", { href: url, text: url }), " instead.");
}

async function signInAs(user) {
  const data = await act("api/users/sign-in-as", { userId: user.id, cookie: $("cookie-name").value });
  if (data) status(data.message + " Open your app on http://" + location.hostname + ":3000 (any port).", false);
}

function selectedView() {
  return S.state.users.list.find((view) => view.user.id === S.selectedUser);
}

function userDetail(view) {
  const u = view.user;
  return el("article", { "data-user-id": u.id },
    el("div", { className: "detail-head" }, el("strong", { text: u.name || "(no name)" }), el("span", { text: u.email || "(no email)" })),
    el("div", { className: "mono muted", text: "id " + u.id }),
    el("div", { className: "muted" }, u.emailVerified ? ["email verified ", when(u.emailVerified)] : "email not verified"),
    el("div", { className: "actions" },
      el("button", { type: "button", className: "primary", onclick: () => signInAs(u) }, "Sign in as"),
      el("button", { type: "button", onclick: () => openItem(u.ref) }, "Item JSON"),
      el("button", { type: "button", className: "danger", onclick: () => deleteUser(u) }, "Delete user")),
    el("h3", { text: "Accounts (" + view.accounts.length + ")" }),
    grid(["provider", "providerAccountId", "access_token", "expires_at"], view.accounts.map((a) =>
      [a.provider + " · " + a.type, el("span", { className: "mono", text: a.providerAccountId }), el("span", { className: "mono", text: a.access_token || "–" }), a.expires_at ? when(a.expires_at * 1000) : "–"])),
    el("h3", { text: "Sessions (" + view.sessions.length + ")" }),
    grid(["sessionToken", "expires", ""], view.sessions.map((s) =>
      [el("span", { className: "mono", text: s.sessionToken }), when(s.expires, { expiry: true }),
       el("button", { type: "button", onclick: () => act("api/sessions/expire", { ref: s.ref }) }, "Expire now")])),
    el("h3", { text: "Authenticators (" + view.authenticators.length + ")" }),
    grid(["credentialID", "device", "counter"], view.authenticators.map((a) =>
      [el("span", { className: "mono", text: a.credentialID }), a.credentialDeviceType, String(a.counter)])));
}

function deleteUser(user) {
  if (!confirm("Delete " + (user.email || user.id) + " with its accounts, sessions and authenticators?")) return;
  S.selectedUser = null;
  act("api/users/delete", { userId: user.id });
}
`
