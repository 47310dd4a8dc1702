/**
 * Bench case "suite": a realistic test suite, 200 vitest tests in 4 files, each from an empty
 * table writing a user and a session, then reading the session through GSI1, the user by key
 * and the user by email through GSI1 (bench/suite/authtable/_tests.ts). Run whole, in its own
 * vitest process, with vitest-dynamodb-lite, whose setup file deletes and recreates the tables
 * after each test (vitest 3, its defaults), and with authtable's setup file (vitest 4) twice: on
 * vitest's defaults (a fresh worker per file) and with the README's "Faster suites" settings
 * (vitest.fast.config.ts: isolate: false, pool: threads; vitest-dynamodb-lite cannot run so:
 * its afterAll stops the dynalite the next file of the worker would use). The runs alternate.
 * Wall time is spawn to exit; "run" is vitest's own Duration (its start of the run to the last
 * file's end); "in tests" is the sum of the tests' durations, hooks included, as vitest reports
 * them (without vitest's start and the files' imports).
 *
 * Two more variants measure the floor under each of authtable's two configurations: the same 4
 * files with 50 empty tests each, importing the AWS SDK as every file of a DynamoDB suite does,
 * with no setup file (bench/suite/authtable/_empty-tests.ts, vitest.floor.config.ts). No tool
 * can run the suite faster than that on the same vitest settings.
 *
 * And two measure the SDK floor: the same 200 tests, sending the same requests on
 * table.client's config, every answer from memory (recorded from the emulator before the runs;
 * bench/suite/authtable/_sdk-floor.ts), no emulator and no setup file. What separates it from
 * the empty floor is the AWS SDK running the tests' 1,200 requests, cold in each fresh worker;
 * what separates authtable from it is authtable's own part: its modules and dynalite, starting
 * the emulator, resetting the table and serving the requests.
 *
 * The summary prints one line per configuration of authtable's: the peer, authtable, the floor
 * and the SDK floor (wall per run), and authtable less each floor. The issue's targets are on
 * wall time: ≥4× faster than vitest-dynamodb-lite on vitest's defaults, ≥8× on the fast settings.
 */
import { rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import * as dynamodb from "@aws-sdk/client-dynamodb"
import { RecordingHandler, saveRecordings } from "./_canned-handler.js"
import type { BenchCase, Measurement, Row } from "./_harness.js"
import { loadEmulator } from "./_package.js"
import { findRow, format, ratio } from "./_report.js"
import {
  authtable,
  generateTests,
  runVitest,
  type Tool,
  type VitestRun,
  vitestDynamodbLite,
} from "./_vitest.js"
import { type Sender, signIn } from "./suite/_sign-in.js"

const { createLocalClient, startAuthTable } = await loadEmulator()

const runs = 3
const tests = 200

const suite: BenchCase = {
  name: "suite",
  description: `${tests} vitest tests in 4 files: authtable's setup file vs vitest-dynamodb-lite`,
  async run() {
    for (const tool of [vitestDynamodbLite, authtable]) {
      tool.prepare()
      generateTests(tool, "users", 4)
    }
    generateTests(authtable, "empty", 4)
    generateTests(authtable, "sdk", 4)
    const recordings = join(tmpdir(), `authtable-bench-suite-${process.pid}.json`)
    await recordSignIns(recordings, tests / 4)
    const sdkEnv = { BENCH_SUITE_RECORDINGS: recordings }
    const fast = ["--pool", "threads", "--no-isolate"]
    const variants: {
      name: string
      tool: Tool
      args: string[]
      env?: Record<string, string>
      floor?: true
    }[] = [
      {
        name: "vitest-dynamodb-lite (vitest 3, defaults)",
        tool: vitestDynamodbLite,
        args: ["users-"],
      },
      {
        name: "authtable setupAuthTable() (vitest 4, defaults)",
        tool: authtable,
        args: ["users-"],
      },
      {
        name: "authtable setupAuthTable() (vitest 4, isolate: false, threads)",
        tool: authtable,
        args: ["users-", "--config", "vitest.fast.config.ts"],
      },
      {
        name: "floor: empty tests, SDK imported (vitest 4, defaults)",
        tool: authtable,
        args: ["empty-", "--config", "vitest.floor.config.ts"],
        floor: true,
      },
      {
        name: "floor: empty tests, SDK imported (vitest 4, isolate: false, threads)",
        tool: authtable,
        args: ["empty-", "--config", "vitest.floor.config.ts", ...fast],
        floor: true,
      },
      {
        name: "SDK floor: the same tests, answers from memory (vitest 4, defaults)",
        tool: authtable,
        args: ["sdk-", "--config", "vitest.floor.config.ts"],
        env: sdkEnv,
        floor: true,
      },
      {
        name: "SDK floor: the same tests, answers from memory (vitest 4, isolate: false, threads)",
        tool: authtable,
        args: ["sdk-", "--config", "vitest.floor.config.ts", ...fast],
        env: sdkEnv,
        floor: true,
      },
    ]
    const results: VitestRun[][] = variants.map(() => [])
    try {
      for (let round = 0; round < runs; round++) {
        for (let k = 0; k < variants.length; k++) {
          const index = (round + k) % variants.length
          const { tool, args, env } = variants[index]!
          const run = await runVitest(tool, { args, env })
          if (run.passed !== tests) {
            throw new Error(`bench: ${run.passed} tests passed, not ${tests}`)
          }
          results[index]!.push(run)
        }
      }
    } finally {
      rmSync(recordings, { force: true })
    }
    const measurements = (
      group: string,
      pick: (run: VitestRun) => number,
      { floors = true } = {},
    ): Measurement[] =>
      variants.flatMap(({ name, floor }, i) =>
        floor && !floors
          ? []
          : [
              {
                group,
                variant: name,
                baseline: i === 0,
                samples: results[i]!.map((run) => ({ ms: pick(run), cpuMs: Number.NaN })),
              },
            ],
      )
    return [
      ...measurements(`${tests}-test suite, wall per run`, (run) => run.ms),
      ...measurements(`${tests}-test suite, vitest's run duration`, (run) => run.runMs),
      // The floors' empty tests take next to nothing: no row.
      ...measurements(`${tests}-test suite, in tests`, (run) => run.testsMs, { floors: false }),
    ]
  },
  targets(rows: readonly Row[]) {
    return configurations.flatMap(({ name, target }) => {
      const line = configurationLine(rows, name)
      if (!line) return []
      const { peer, ours, floor, sdk } = line
      const speedup = peer.median / ours.median
      const ceiling = [
        floor ? `; the floor: ${format(floor.median)}, ${ratio(peer.median / floor.median)}` : "",
        sdk ? `; the SDK floor: ${format(sdk.median)}, ${ratio(peer.median / sdk.median)}` : "",
      ].join("")
      return [
        {
          target: `${tests}-test suite ≥${target}× faster than vitest-dynamodb-lite (wall, authtable on ${name})`,
          measured: `${format(ours.median)} vs ${format(peer.median)}: ${ratio(speedup)}${ceiling}`,
          pass: speedup >= target,
        },
      ]
    })
  },
  summary(rows: readonly Row[]) {
    const body = configurations.flatMap(({ name }) => {
      const line = configurationLine(rows, name)
      if (!line) return []
      const { peer, ours, floor, sdk } = line
      const less = (row: typeof floor) => (row ? format(ours.median - row.median) : "–")
      const vsPeer = (row: typeof floor) => (row ? ratio(peer.median / row.median) : "–")
      return [
        [
          name,
          format(peer.median),
          format(ours.median),
          floor ? format(floor.median) : "–",
          sdk ? format(sdk.median) : "–",
          less(floor),
          less(sdk),
          ratio(peer.median / ours.median),
          vsPeer(floor),
          vsPeer(sdk),
        ],
      ]
    })
    if (body.length === 0) return undefined
    return {
      title: `${tests}-test suite, wall per run (medians): vitest's share is the floor, the AWS SDK's the SDK floor less the floor, authtable's the rest (vitest-dynamodb-lite always on vitest's defaults)`,
      header: [
        "authtable's vitest settings",
        "vitest-dynamodb-lite",
        "authtable",
        "floor",
        "SDK floor",
        "authtable − floor",
        "authtable − SDK floor",
        "authtable vs peer",
        "floor vs peer",
        "SDK floor vs peer",
      ],
      align: ["l", "r", "r", "r", "r", "r", "r", "r", "r", "r"],
      body,
    }
  },
}

/**
 * Records the emulator's answers to the requests of one file's tests (the four files send the
 * same), each from an empty table as setupAuthTable() leaves it, for the SDK floor.
 */
async function recordSignIns(file: string, count: number): Promise<void> {
  const table = await startAuthTable()
  const recorder = new RecordingHandler()
  const client = createLocalClient(table.endpoint, { requestHandler: recorder, lean: true })
  try {
    for (let i = 0; i < count; i++) {
      await table.reset()
      await signIn(client as unknown as Sender, i, dynamodb)
    }
    saveRecordings(file, recorder.recorded)
  } finally {
    client.destroy()
    recorder.destroy()
    await table.stop()
  }
}

/** authtable's two vitest configurations, as the variants name them, and the targets. */
const configurations = [
  { name: "defaults", target: 4 },
  { name: "isolate: false, threads", target: 8 },
] as const

/** The wall-time rows of one configuration: the peer's, authtable's and the floor's. */
function configurationLine(rows: readonly Row[], config: string) {
  const wall = (variant: string) => findRow(rows, `${tests}-test suite, wall`, variant)
  const peer = wall("vitest-dynamodb-lite")
  const ours = wall(`authtable setupAuthTable() (vitest 4, ${config})`)
  const floor = wall(`floor: empty tests, SDK imported (vitest 4, ${config})`)
  const sdk = wall(`SDK floor: the same tests, answers from memory (vitest 4, ${config})`)
  return peer && ours ? { peer, ours, floor, sdk } : undefined
}

export default suite
