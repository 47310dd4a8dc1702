/**
 * `npm run bench [-- <case>…] [-- --json]`: runs the cases below one after the other in this
 * one process and prints their medians as a markdown table (or JSON with --json). A new case is
 * a module whose default export is a {@link BenchCase}; add it to `cases`.
 */
import { availableParallelism, loadavg } from "node:os"
import type { BenchCase, Row } from "./_harness.js"
import { markdownTable, summarize } from "./_harness.js"
import boot from "./boot.js"
import reset from "./reset.js"

const cases: BenchCase[] = [boot, reset]

const args = process.argv.slice(2)
const json = args.includes("--json")
const wanted = args.filter((arg) => !arg.startsWith("--"))
const unknown = wanted.filter((name) => !cases.some((c) => c.name === name))
if (unknown.length > 0) {
  console.error(
    `[authtable] Could not run the bench: no case ${unknown.join(", ")}. Cases: ${cases.map((c) => c.name).join(", ")}.`,
  )
  process.exit(2)
}

// The machine's load says how far the wall-clock figures can be trusted; CPU time is steadier.
const machine = () => ({
  node: process.version,
  cores: availableParallelism(),
  loadAverage: loadavg().map((load) => Number(load.toFixed(2))),
})
const before = machine()
const rows: Row[] = []
for (const benchCase of cases) {
  if (wanted.length > 0 && !wanted.includes(benchCase.name)) continue
  if (!json) console.error(`running ${benchCase.name}: ${benchCase.description}`)
  rows.push(...summarize(benchCase.name, await benchCase.run()))
}

const after = machine()
const date = new Date().toISOString()
if (json) {
  console.log(
    JSON.stringify({ ...before, loadAverageAfter: after.loadAverage, date, rows }, null, 2),
  )
} else {
  const load = `load average ${before.loadAverage.join(" ")} before, ${after.loadAverage.join(" ")} after`
  console.log(`Node ${before.node}, ${before.cores} cores, ${load}, ${date.slice(0, 10)}\n`)
  console.log(markdownTable(rows))
}
