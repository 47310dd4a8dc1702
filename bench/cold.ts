/**
 * Bench case "cold": the first 100 requests of a fresh process against the same 100 requests
 * once it is warm (bench/_cold-child.ts, one child process a run): what a test file's first
 * tests pay for module compilation and JIT warm-up. The same child on the SDK floor (the same
 * client config answered from memory with responses recorded from the emulator, no emulator in
 * the process) shows how much of that warm-up is the SDK's and the adapter's own.
 */
import { rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { RecordingHandler, saveRecordings } from "./_canned-handler.js"
import type { BenchCase, Measurement, Row, Sample } from "./_harness.js"
import { runNode } from "./_harness.js"
import { loadAdapter, loadEmulator, loadRoot } from "./_package.js"
import { findRow, format } from "./_report.js"

const { DynamoDBAdapter } = await loadAdapter()
const { createLocalClient } = await loadEmulator()
const { startAuthTable } = await loadRoot()

const runs = 5
const group = "100 adapter requests"
const ours = "authtable, table.client"
const floor = "SDK floor, table.client's config (canned)"

/** One round of the child's requests against the emulator, recorded; saved for `--canned`. */
async function recordResponses(file: string): Promise<void> {
  const table = await startAuthTable()
  const recorder = new RecordingHandler()
  const client = createLocalClient(table.endpoint, { requestHandler: recorder })
  try {
    const adapter = DynamoDBAdapter(client)
    await adapter.createUser?.({ id: "cold", email: "cold@example.com", emailVerified: null })
    const expires = new Date(Date.now() + 86_400_000)
    await adapter.createSession?.({ sessionToken: "cold-1", userId: "cold", expires })
    await adapter.getSessionAndUser?.("cold-1")
    const Key = { pk: "USER#cold", sk: "SESSION#cold-1" }
    await client.update({
      TableName: table.tableName,
      Key,
      UpdateExpression: "SET #expires = :expires",
      ExpressionAttributeNames: { "#expires": "expires" },
      ExpressionAttributeValues: { ":expires": 1 },
    })
    await client.delete({ TableName: table.tableName, Key })
    saveRecordings(file, recorder.recorded)
  } finally {
    client.destroy()
    recorder.destroy()
    await table.stop()
  }
}

const cold: BenchCase = {
  name: "cold",
  description: `the first 100 adapter requests of a fresh process vs 100 warm ones (${runs} processes each, on authtable and on the SDK floor)`,
  async run() {
    const child = fileURLToPath(new URL("./_cold-child.ts", import.meta.url))
    const file = join(tmpdir(), `authtable-bench-cold-${process.pid}.json`)
    await recordResponses(file)
    const samples = {
      ours: { first: [] as Sample[], warm: [] as Sample[] },
      floor: { first: [] as Sample[], warm: [] as Sample[] },
    }
    try {
      for (let i = 0; i < runs; i++) {
        for (const variant of ["ours", "floor"] as const) {
          const args = [
            "--import",
            "tsx",
            child,
            ...(variant === "floor" ? ["--canned", file] : []),
          ]
          const { code, stdout, stderr } = await runNode(args)
          const line = stdout.trim().split("\n").at(-1) ?? ""
          if (code !== 0 || !line.startsWith("{")) {
            throw new Error(
              `[authtable] Could not run bench/_cold-child.ts (exit ${code}):\n${stderr}`,
            )
          }
          const result = JSON.parse(line) as { cold: number; warm: number }
          samples[variant].first.push({ ms: result.cold, cpuMs: Number.NaN })
          samples[variant].warm.push({ ms: result.warm, cpuMs: Number.NaN })
        }
      }
    } finally {
      rmSync(file, { force: true })
    }
    const rows = (variant: "ours" | "floor", name: string): Measurement[] => [
      {
        group: `${group}, ${name}`,
        variant: "warm (after 3,000 requests)",
        baseline: true,
        samples: samples[variant].warm,
      },
      {
        group: `${group}, ${name}`,
        variant: "first 100 of a fresh process",
        samples: samples[variant].first,
      },
    ]
    return [...rows("ours", ours), ...rows("floor", floor)]
  },
  targets(rows: readonly Row[]) {
    const first = findRow(rows, `${group}, ${ours}`, "first 100")
    const warm = findRow(rows, `${group}, ${ours}`, "warm")
    const floorFirst = findRow(rows, `${group}, ${floor}`, "first 100")
    if (!first?.speedup || !warm) return []
    const sdk = floorFirst?.speedup
      ? `; the SDK floor alone: ${format(floorFirst.median)}, ${(1 / floorFirst.speedup).toFixed(2)}× its warm`
      : ""
    return [
      {
        target: "first 100 requests of a fresh process ≤2× warm",
        measured: `${format(first.median)} vs ${format(warm.median)}: ${(1 / first.speedup).toFixed(2)}×${sdk}`,
        pass: 1 / first.speedup <= 2,
      },
    ]
  },
}

export default cold
