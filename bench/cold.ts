/**
 * Bench case "cold": the first 100 requests of a fresh process against the same 100 requests
 * once it is warm (bench/_cold-child.ts, one child process a run): what a test file's first
 * tests pay for module compilation and JIT warm-up.
 */
import { fileURLToPath } from "node:url"
import type { BenchCase, Row, Sample } from "./_harness.js"
import { runNode } from "./_harness.js"
import { findRow, format } from "./_report.js"

const runs = 5

const cold: BenchCase = {
  name: "cold",
  description: `the first 100 adapter requests of a fresh process vs 100 warm ones (${runs} processes)`,
  async run() {
    const child = fileURLToPath(new URL("./_cold-child.ts", import.meta.url))
    const first: Sample[] = []
    const warm: Sample[] = []
    for (let i = 0; i < runs; i++) {
      const { code, stdout, stderr } = await runNode(["--import", "tsx", child])
      const line = stdout.trim().split("\n").at(-1) ?? ""
      if (code !== 0 || !line.startsWith("{")) {
        throw new Error(`[authtable] Could not run bench/_cold-child.ts (exit ${code}):\n${stderr}`)
      }
      const result = JSON.parse(line) as { cold: number; warm: number }
      first.push({ ms: result.cold, cpuMs: Number.NaN })
      warm.push({ ms: result.warm, cpuMs: Number.NaN })
    }
    const group = "100 adapter requests on table.client"
    return [
      { group, variant: "warm (after 3,000 requests)", baseline: true, samples: warm },
      { group, variant: "first 100 of a fresh process", samples: first },
    ]
  },
  targets(rows: readonly Row[]) {
    const first = findRow(rows, "100 adapter requests", "first 100")
    const warm = findRow(rows, "100 adapter requests", "warm")
    if (!first?.speedup || !warm) return []
    return [
      {
        target: "first 100 requests of a fresh process ≤2× warm",
        measured: `${format(first.median)} vs ${format(warm.median)}: ${(1 / first.speedup).toFixed(2)}×`,
        pass: 1 / first.speedup <= 2,
      },
    ]
  },
}

export default cold
