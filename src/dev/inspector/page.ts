import { clientScript } from "./client-script.js"

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

const style = `
  :root { color-scheme: light dark; --muted: #777; --line: #8884; --warn: #c60; --bad: #c22; }
  body { font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1100px; padding: 1rem; }
  header { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; }
  header h1 { font-size: 1.2rem; margin: 0; flex: 1 1 auto; }
  code, pre, .mono { font-family: ui-monospace, monospace; font-size: 12.5px; }
  pre { white-space: pre-wrap; word-break: break-all; margin: 0; }
  section { margin-top: 1.5rem; }
  h2 { font-size: 1rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
  h3 { font-size: .9rem; margin: .75rem 0 .25rem; color: var(--muted); font-weight: 600; }
  .user { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; margin: .75rem 0; }
  .user-head { display: flex; gap: 1rem; align-items: baseline; flex-wrap: wrap; }
  .user-head strong { font-size: 1rem; }
  .user-head button { margin-left: auto; }
  .muted { color: var(--muted); }
  .expired { color: var(--bad); }
  .soon { color: var(--warn); }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .2rem .5rem .2rem 0; vertical-align: top; border-bottom: 1px solid var(--line); }
  th { font-weight: 600; color: var(--muted); font-size: 12px; }
  button { font: inherit; padding: .15rem .6rem; cursor: pointer; }
  #status { min-height: 1.4em; margin-top: .5rem; }
  #status.error { color: var(--bad); }
`

/** The inspector's HTML: a shell whose script renders the snapshot with textContent only. */
export function inspectorPage(options: { tableName: string; endpoint: string }): string {
  const tableName = escapeHtml(options.tableName)
  const endpoint = escapeHtml(options.endpoint)
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>authtable · ${tableName}</title>
<style>${style}</style>
</head>
<body>
<header>
  <h1>authtable inspector · <code>${tableName}</code> <span class="muted mono">${endpoint}</span></h1>
  <label><input type="checkbox" id="show-tokens"> Show tokens</label>
  <button type="button" id="sweep">Sweep now</button>
  <button type="button" id="seed">Seed 5 more users</button>
</header>
<div id="status" role="status"></div>
<section id="users"><h2>Users</h2><div id="user-list" class="muted">Loading…</div></section>
<section id="verification-tokens"><h2>Pending verification tokens</h2><div id="token-list"></div></section>
<section id="stray"><h2>Items that don't fit the layout</h2><div id="stray-list"></div></section>
<footer class="muted" id="footer"></footer>
<script>${clientScript}</script>
</body>
</html>
`
}
