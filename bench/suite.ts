/**
 * Bench case "suite": a realistic test suite, 200 vitest tests in 4 files, each from an empty
 * table writing a user and a session, then reading the session through GSI1, the user by key
 * and the user by email through GSI1 (bench/suite/authtable/_tests.ts). Run whole, in its own
 * vitest process, with authtable's setup file (vitest 4) and with vitest-dynamodb-lite, whose
 * setup file deletes and recreates the tables after each test (vitest 3), as their users run
 * them; the runs alternate. Wall time is spawn to exit; "in tests" is the sum of the tests'
 * durations, hooks included, as vitest reports them (without vitest's start and the files'
 * imports).
 */
import type { BenchCase, Measurement, Row, Sample } from "./_harness.js"
import { findRow, format, ratio } from "./_report.js"
import {
  authtable,
  generateTests,
  runVitest,
  type VitestRun,
  vitestDynamodbLite,
} from "./_vitest.js"

const runs = 3
const tests = 200

const suite: BenchCase = {
  name: "suite",
  description: `${tests} vitest tests in 4 files: authtable's setup file vs vitest-dynamodb-lite`,
  async run() {
    const tools = [vitestDynamodbLite, authtable]
    for (const tool of tools) {
      tool.prepare()
      generateTests(tool, "users", 4)
    }
    const results: VitestRun[][] = tools.map(() => [])
    for (let round = 0; round < runs; round++) {
      for (let k = 0; k < tools.length; k++) {
        const index = (round + k) % tools.length
        const run = await runVitest(tools[index]!)
        if (run.passed !== tests) throw new Error(`bench: ${run.passed} tests passed, not ${tests}`)
        results[index]!.push(run)
      }
    }
    const samples = (i: number, pick: (run: VitestRun) => number): Sample[] =>
      results[i]!.map((run) => ({ ms: pick(run), cpuMs: Number.NaN }))
    const measurements = (group: string, pick: (run: VitestRun) => number): Measurement[] => [
      {
        group,
        variant: "vitest-dynamodb-lite (vitest 3)",
        baseline: true,
        samples: samples(0, pick),
      },
      { group, variant: "authtable setupAuthTable() (vitest 4)", samples: samples(1, pick) },
    ]
    return [
      ...measurements(`${tests}-test suite, wall per run`, (run) => run.ms),
      ...measurements(`${tests}-test suite, in tests`, (run) => run.testsMs),
    ]
  },
  targets(rows: readonly Row[]) {
    const check = (group: string, what: string) => {
      const row = findRow(rows, `${tests}-test suite, ${group}`, "authtable")
      const base = findRow(rows, `${tests}-test suite, ${group}`, "vitest-dynamodb-lite")
      if (!row?.speedup || !base) return []
      return [
        {
          target: `${tests}-test suite ≥5× faster than vitest-dynamodb-lite (${what})`,
          measured: `${format(row.median)} vs ${format(base.median)}: ${ratio(row.speedup)}`,
          pass: row.speedup >= 5,
        },
      ]
    }
    return [...check("wall", "wall per run"), ...check("in tests", "time in tests")]
  },
}

export default suite
