/**
 * Bench case "boot": `startAuthTable()` until its first answered request, against starting
 * dynalite, CreateTable and polling DescribeTable until ACTIVE (jest-dynalite's way; it also
 * sleeps 10 ms after ACTIVE, which the baseline here leaves out). Then the same in a vitest
 * worker, as users get it: authtable's setup file (`setupAuthTable()`) against
 * vitest-dynamodb-lite's, each in its own vitest, from a setup file that starts the clock once
 * the SDK and the modules the tool's setup file imports are loaded, to the first request of the
 * file's test (bench/_vitest.ts). dynalite is one of those for vitest-dynamodb-lite; authtable
 * loads it when it starts its first emulator, so there it counts in the boot.
 */
import { readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { GetItemCommand } from "@aws-sdk/client-dynamodb"
import type { AuthTable } from "../src/index.js"
import { type BareDynalite, createAndWait, startBareDynalite } from "./_bare-dynalite.js"
import type { BenchCase, Row, Sample } from "./_harness.js"
import { measureInRounds } from "./_harness.js"
import { loadRoot } from "./_package.js"
import { findRow, format } from "./_report.js"
import { authtable, generateTests, runVitest, type Tool, vitestDynamodbLite } from "./_vitest.js"

const { startAuthTable } = await loadRoot()

const iterations = 30
/** Test files in the vitest run of each tool: one boot sample each. */
const files = 10
const firstRequest = new GetItemCommand({
  TableName: "next-auth",
  Key: { pk: { S: "USER#1" }, sk: { S: "USER#1" } },
})

/** Boot samples from one vitest run of `tool`, one file at a time so they do not compete. */
async function bootInVitest(tool: Tool): Promise<Sample[]> {
  tool.prepare()
  generateTests(tool, "boot", files)
  const out = join(tmpdir(), `authtable-bench-boot-${process.pid}.jsonl`)
  rmSync(out, { force: true })
  await runVitest(tool, { args: ["boot-", "--no-file-parallelism"], env: { BENCH_BOOT_OUT: out } })
  const lines = readFileSync(out, "utf8").trim().split("\n")
  rmSync(out, { force: true })
  return lines.map((line) => ({ ms: (JSON.parse(line) as { ms: number }).ms, cpuMs: Number.NaN }))
}

const boot: BenchCase = {
  name: "boot",
  description:
    "startAuthTable() to first request vs dynalite + CreateTable + wait for ACTIVE; setup files in vitest vs vitest-dynamodb-lite",
  async run() {
    // Stopped outside the timed run: stop() is not part of getting to the first request.
    const started: (AuthTable | BareDynalite)[] = []
    const stopAll = async () => {
      for (const handle of started.splice(0)) await handle.stop()
    }
    const [authtableBoot, bareBoot] = await measureInRounds(
      [
        async () => {
          const table = await startAuthTable()
          started.push(table)
          await table.client.send(firstRequest)
        },
        async () => {
          const dynalite = await startBareDynalite()
          started.push(dynalite)
          await createAndWait(dynalite.client)
          await dynalite.client.send(firstRequest)
        },
      ],
      { iterations, warmup: 2, between: stopAll },
    )
    await stopAll()
    const lite = await bootInVitest(vitestDynamodbLite)
    const ours = await bootInVitest(authtable)
    const group = "boot to first request"
    const inVitest = "boot in a vitest worker, to the first request"
    return [
      {
        group,
        variant: "dynalite + CreateTable + poll ACTIVE",
        baseline: true,
        samples: bareBoot!,
      },
      { group, variant: "startAuthTable() (table, GSI, TTL)", samples: authtableBoot! },
      {
        group: inVitest,
        variant: "vitest-dynamodb-lite setup file (vitest 3)",
        baseline: true,
        samples: lite,
      },
      { group: inVitest, variant: "setupAuthTable() setup file (vitest 4)", samples: ours },
    ]
  },
  targets(rows: readonly Row[]) {
    const ours = findRow(rows, "boot to first request", "startAuthTable()")
    const bare = findRow(rows, "boot to first request", "dynalite")
    if (!ours || !bare) return []
    return [
      {
        target: "boot: startAuthTable() no slower than bare dynalite, well under 50 ms",
        measured: `${format(ours.median)} vs ${format(bare.median)}`,
        pass: ours.median <= bare.median && ours.median < 50,
      },
    ]
  },
}

export default boot
