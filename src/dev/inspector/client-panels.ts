/** The console script's Mailbox, Tokens & other items, and Sweeps tabs. */
export const clientPanels = `
function renderMailbox() {
  const messages = S.state.mailbox;
  fill($("list"), 
    el("h2", null, "Mailbox", el("span", { className: "muted", text: "· sign-in emails sent with sendToDevMailbox, newest first" })),
    messages.length === 0
      ? el("div", { className: "empty" }, "No messages yet. Use ", el("code", { text: "sendVerificationRequest: sendToDevMailbox" }), " (from ", el("code", { text: "authtable/mailbox" }), ") in your email provider, then sign in with an email address.")
      : grid(["To", "Sign-in link", "Received", "Link expires"], messages.map((m) => [
          el("span", { text: m.to }),
          el("a", { href: m.link, "data-to": m.to, className: "mono ellipsis", title: "Open the sign-in link", text: m.url }),
          when(m.receivedAt),
          m.expires ? when(m.expires, { expiry: true }) : "–",
        ])));
}

function renderOther() {
  const st = S.state;
  fill($("list"), 
    el("h2", null, "Pending verification tokens (" + st.verificationTokens.length + ")"),
    grid(["identifier", "token", "expires", ""], st.verificationTokens.map((t) =>
      [t.identifier, el("span", { className: "mono", text: t.token }), when(t.expires, { expiry: true }),
       el("button", { type: "button", onclick: () => openItem(t.ref) }, "Item JSON")])),
    el("h2", { className: "panel-head" }, "Items that don't fit the layout (" + st.stray.length + ")"),
    grid(["why", "item", ""], st.stray.map((s) =>
      [s.reason, el("span", { className: "mono ellipsis", text: JSON.stringify(s.item) }),
       el("button", { type: "button", onclick: () => openItem(s.ref) }, "Open")]), { empty: "Every item fits the layout." }));
}

function renderSweeps() {
  const sweeps = S.state.sweeps;
  fill($("list"), 
    el("h2", null, "Recent TTL sweeps", el("span", { className: "muted", text: "· by the background sweeper and by “Sweep now”" })),
    grid(["When", "By", "What it did"], sweeps.map((s) =>
      [when(s.at), s.background ? "background sweeper" : "Sweep now", s.deleted === 0 ? "nothing had expired" : s.text]),
      { empty: "No sweep yet." }));
}
`
