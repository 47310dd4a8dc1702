import { clientCore } from "./client-core.js"
import { clientItems } from "./client-items.js"
import { clientMain } from "./client-main.js"
import { clientPanels } from "./client-panels.js"
import { clientUsers } from "./client-users.js"
import { styles } from "./styles.js"

const escapes: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
}

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => escapes[char] ?? char)
}

/**
 * The console's HTML: one page, no build step. Its script renders what `api/state` and the
 * item routes answer with textContent only.
 */
export function inspectorPage(options: { tableName: string; endpoint: string }): string {
  const tableName = escapeHtml(options.tableName)
  const endpoint = escapeHtml(options.endpoint)
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>authtable · ${tableName}</title>
<style>${styles}</style>
</head>
<body>
<header class="top">
  <span class="brand">authtable<small class="mono">${endpoint}</small></span>
  <select id="table-picker" aria-label="Table"><option>${tableName}</option></select>
  <input type="search" id="search" placeholder="Find users by email, name, id or session token…" aria-label="Find users by email, name, id or session token">
  <span class="spacer"></span>
  <span class="live" id="live">connecting…</span>
  <label><input type="checkbox" id="show-tokens"> Show tokens</label>
  <button type="button" id="sweep">Sweep now</button>
  <button type="button" id="seed">Seed 5 users</button>
</header>
<main>
  <div id="counts" class="counts"></div>
  <nav id="tabs" class="tabs" role="tablist"></nav>
  <div id="status" role="status"></div>
  <div class="layout" id="layout">
    <section id="list" class="panel"><div class="empty">Loading…</div></section>
    <aside id="detail" class="panel"></aside>
  </div>
  <footer class="muted" id="footer"></footer>
</main>
<script>
"use strict";
(() => {
${clientCore}
${clientUsers}
${clientItems}
${clientPanels}
${clientMain}
})();
</script>
</body>
</html>
`
}
