/** The console's CSS: system fonts, light and dark from the OS, sized for a laptop screen. */
export const styles = `
:root {
  color-scheme: light dark;
  --bg: #f7f7f8; --panel: #fff; --text: #1c1c1f; --muted: #6b6b76; --line: #e3e3e8;
  --accent: #2f6fde; --accent-text: #fff; --hover: #f0f4fd; --selected: #e4edfc;
  --bad: #c8302b; --warn: #b25e00; --ok: #1f8a4c; --code: #f2f2f5;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #151518; --panel: #1d1d21; --text: #e6e6ea; --muted: #9a9aa6; --line: #303037;
    --accent: #6d9bf1; --accent-text: #0d1220; --hover: #23262e; --selected: #25304a;
    --bad: #ff6b63; --warn: #f0a24a; --ok: #4cc47f; --code: #26262c;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text); font: 13.5px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
a { color: var(--accent); }
button, select, input, textarea { font: inherit; color: inherit; }
button { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: .25rem .7rem; cursor: pointer; white-space: nowrap; }
button:hover { background: var(--hover); }
button.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-text); }
button.danger { color: var(--bad); }
button:disabled { opacity: .5; cursor: default; }
input, select, textarea { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: .25rem .5rem; }
input:focus, select:focus, textarea:focus, button:focus-visible { outline: 2px solid var(--accent); outline-offset: -1px; }
header.top { display: flex; align-items: center; gap: .75rem; padding: .6rem 1.25rem; background: var(--panel); border-bottom: 1px solid var(--line); position: sticky; top: 0; z-index: 2; flex-wrap: wrap; }
.brand { font-weight: 650; font-size: 15px; }
.brand small { font-weight: 400; color: var(--muted); margin-left: .4rem; }
#search { width: 20rem; max-width: 40vw; }
.spacer { flex: 1; }
.live { color: var(--muted); font-size: 12px; }
.live::before { content: "●"; color: var(--ok); margin-right: .3rem; }
.live.down::before { color: var(--bad); }
main { padding: .75rem 1.25rem 1.5rem; max-width: 1500px; margin: 0 auto; }
.counts { display: flex; gap: .5rem; flex-wrap: wrap; margin-bottom: .6rem; }
.count { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: .3rem .75rem; min-width: 6.5rem; }
.count b { display: block; font-size: 17px; font-variant-numeric: tabular-nums; }
.count span { color: var(--muted); font-size: 12px; }
nav.tabs { display: flex; gap: .25rem; border-bottom: 1px solid var(--line); margin-bottom: .75rem; align-items: end; }
nav.tabs button { border: none; border-bottom: 2px solid transparent; border-radius: 0; background: none; padding: .4rem .8rem; color: var(--muted); }
nav.tabs button[aria-selected="true"] { color: var(--text); border-bottom-color: var(--accent); font-weight: 600; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) minmax(380px, 38%); gap: .9rem; align-items: start; }
#list { overflow-x: auto; }
.layout.single { grid-template-columns: minmax(0, 1fr); }
.layout.single #detail { display: none; }
footer { margin-top: .75rem; font-size: 12px; }
.small { font-size: 12px; font-weight: 400; }
.small select { font-size: 12px; padding: .1rem .3rem; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
.panel > h2, .panel-head { margin: 0; font-size: 13px; font-weight: 600; padding: .5rem .75rem; border-bottom: 1px solid var(--line); display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; }
.panel-body { padding: .6rem .75rem; }
#detail { position: sticky; top: 3.6rem; max-height: calc(100vh - 4.5rem); overflow: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
#detail th, #detail td { padding: .25rem .4rem; }
th { white-space: nowrap; font-weight: 600; color: var(--muted); font-size: 12px; background: var(--panel); }
tbody tr:last-child td { border-bottom: none; }
tr.row { cursor: pointer; }
tr.row:hover { background: var(--hover); }
tr.row[aria-selected="true"] { background: var(--selected); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td button { padding: .05rem .55rem; font-size: 12px; }
.ellipsis.name { max-width: 12rem; }
td:last-child:has(> button) { text-align: right; }
#detail td .mono { white-space: nowrap; }
a.ellipsis { max-width: 30rem; }
td .ellipsis, .ellipsis { display: inline-block; max-width: 16rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; vertical-align: bottom; }
.pager { display: flex; align-items: center; gap: .5rem; padding: .45rem .75rem; border-top: 1px solid var(--line); color: var(--muted); }
.muted { color: var(--muted); }
.empty { color: var(--muted); padding: .9rem .75rem; }
.expired { color: var(--bad); }
.soon { color: var(--warn); }
.badge { display: inline-block; border-radius: 999px; padding: 0 .45rem; font-size: 11px; border: 1px solid var(--line); color: var(--muted); }
.badge.ok { color: var(--ok); border-color: currentColor; }
.note { background: var(--hover); border: 1px solid var(--line); border-radius: 8px; padding: .45rem .75rem; margin-bottom: .6rem; }
.note.warn { border-color: var(--warn); }
h3 { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: .9rem 0 .3rem; }
.detail-head { display: flex; gap: .5rem; align-items: baseline; flex-wrap: wrap; }
.detail-head strong { font-size: 15px; }
.actions { display: flex; gap: .4rem; flex-wrap: wrap; margin: .5rem 0; }
pre.json { background: var(--code); border-radius: 6px; padding: .5rem .6rem; margin: 0; white-space: pre-wrap; word-break: break-all; max-height: 55vh; overflow: auto; }
textarea.json { width: 100%; min-height: 16rem; font-family: ui-monospace, monospace; font-size: 12px; background: var(--code); }
.error { color: var(--bad); white-space: pre-wrap; }
.controls { display: flex; gap: .5rem; align-items: end; flex-wrap: wrap; padding: .6rem .75rem; border-bottom: 1px solid var(--line); }
.controls label { display: flex; flex-direction: column; gap: .15rem; font-size: 12px; color: var(--muted); }
#status { min-height: 1.3em; font-size: 12.5px; }
#status.error { color: var(--bad); }
.time { white-space: nowrap; }
.time .rel { color: var(--muted); margin-left: .35rem; }
@media (max-width: 1000px) { .layout { grid-template-columns: 1fr; } #detail { position: static; max-height: none; } }
`
