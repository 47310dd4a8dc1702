/**
 * `npm run bench [-- <case>…] [--json] [--compare <saved.json>]`: runs the cases below one after
 * the other in this one process and prints their medians and the targets (pass or miss)
 * as markdown tables, or all of it as JSON with --json. --compare reads a report saved with
 * --json first and adds how each median moved since. A new case is a module whose default
 * export is a {@link BenchCase}; add it to `cases`.
 */
import { availableParallelism, loadavg } from "node:os"
import { parseArgs } from "node:util"
import { previousRow, readSavedReport, type SavedReport } from "./_compare.js"
import type { BenchCase, Row, TargetResult } from "./_harness.js"
import { markdownTable, summarize, targetTable } from "./_report.js"
import boot from "./boot.js"
import memory from "./memory.js"
import request from "./request.js"
import reset from "./reset.js"
import seed from "./seed.js"
import suite from "./suite.js"
import ttl from "./ttl.js"

const cases: BenchCase[] = [boot, reset, request, seed, ttl, memory, suite]

const usage = "Usage: npm run bench -- [<case>…] [--json] [--compare <saved.json>]"
const { values, positionals: wanted } = readArgs()
const json = values.json ?? false
const unknown = wanted.filter((name) => !cases.some((c) => c.name === name))
if (unknown.length > 0) {
  exit(`no case ${unknown.join(", ")}. Cases: ${cases.map((c) => c.name).join(", ")}`)
}
// Read before running, so that a wrong path costs nothing.
let saved: SavedReport | undefined
try {
  saved = values.compare === undefined ? undefined : readSavedReport(values.compare)
} catch (error) {
  console.error((error as Error).message)
  process.exit(2)
}

function readArgs() {
  try {
    return parseArgs({
      options: { json: { type: "boolean" }, compare: { type: "string" } },
      allowPositionals: true,
    })
  } catch (error) {
    return exit(`${(error as Error).message.replace(/\.$/, "")}. ${usage}`)
  }
}

function exit(why: string): never {
  console.error(`[authtable] Could not run the bench: ${why}.`)
  process.exit(2)
}

// The machine's load says how far the wall-clock figures can be trusted; CPU time is steadier.
const machine = () => ({
  node: process.version,
  cores: availableParallelism(),
  loadAverage: loadavg().map((load) => Number(load.toFixed(2))),
})
const before = machine()
const started = performance.now()
const rows: Row[] = []
const targets: TargetResult[] = []
for (const benchCase of cases) {
  if (wanted.length > 0 && !wanted.includes(benchCase.name)) continue
  console.error(`running ${benchCase.name}: ${benchCase.description}`)
  const caseStart = performance.now()
  const caseRows = summarize(benchCase.name, await benchCase.run())
  console.error(`  ${((performance.now() - caseStart) / 1000).toFixed(1)} s`)
  rows.push(...caseRows)
  targets.push(...(benchCase.targets?.(caseRows) ?? []))
}

const after = machine()
const date = new Date().toISOString()
const seconds = Math.round((performance.now() - started) / 1000)
if (json) {
  const report = {
    ...before,
    loadAverageAfter: after.loadAverage,
    date,
    seconds,
    rows: saved
      ? rows.map((row) => ({ ...row, previousMedian: previousRow(saved, row)?.median ?? null }))
      : rows,
    targets,
    ...(saved ? { comparedWith: { file: saved.file, date: saved.date } } : {}),
  }
  console.log(JSON.stringify(report, null, 2))
} else {
  const load = `load average ${before.loadAverage.join(" ")} before, ${after.loadAverage.join(" ")} after`
  console.log(
    `Node ${before.node}, ${before.cores} cores, ${load}, ${date.slice(0, 10)}, ${seconds} s\n`,
  )
  console.log(markdownTable(rows, saved))
  if (targets.length > 0) console.log(`\n${targetTable(targets)}`)
}
