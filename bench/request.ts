/**
 * Bench case "request": the adapter's hot path, `getSessionAndUser` (a GSI1 Query and a
 * GetItem) and `createSession` (a PutItem), one call at a time. The baseline is the SDK floor:
 * the same adapter and SDK calls answered from memory by a canned handler (responses recorded
 * from the emulator), which is what the SDK costs with no server at all. Against it: authtable's
 * adapter on `table.client`, on a client over `table.endpoint` (real HTTP), and the official
 * `@auth/dynamodb-adapter` on that HTTP endpoint, as its users point it at a local emulator.
 */
import { DynamoDBAdapter as OfficialAdapter } from "@auth/dynamodb-adapter"
import type { AuthTable } from "../src/index.js"
import { CannedHandler, RecordingHandler } from "./_canned-handler.js"
import type { BenchCase, Measurement, Row, Sample } from "./_harness.js"
import { measureInRounds } from "./_harness.js"
import { loadAdapter, loadEmulator, loadRoot } from "./_package.js"
import { findRow, format } from "./_report.js"

const { DynamoDBAdapter } = await loadAdapter()
const { createLocalClient } = await loadEmulator()
const { startAuthTable } = await loadRoot()

/** Calls per timed run; a sample is the run's time divided by this. */
const calls = 100
const iterations = 9

type Adapter = Pick<ReturnType<typeof DynamoDBAdapter>, "getSessionAndUser" | "createSession">

const perCall = (samples: Sample[]): Sample[] =>
  samples.map(({ ms, cpuMs }) => ({ ms: ms / calls, cpuMs: cpuMs / calls }))

let sessionCounter = 0
const newSession = () => ({
  sessionToken: `bench-session-${++sessionCounter}`,
  userId: "bench-user",
  expires: new Date(Date.now() + 86_400_000),
})

/** One session token that resolves, with its user, in `table`. */
async function prepare(table: AuthTable): Promise<string> {
  await table.adapter.createUser({
    id: "bench-user",
    email: "bench@example.com",
    emailVerified: null,
    name: "Bench User",
  })
  const session = newSession()
  await table.adapter.createSession(session)
  return session.sessionToken
}

/** `calls` getSessionAndUser calls and `calls` createSession calls, timed separately. */
const runs = (adapter: Adapter, token: string) => ({
  async read() {
    for (let i = 0; i < calls; i++) {
      if (!(await adapter.getSessionAndUser(token))) throw new Error("bench: no session")
    }
  },
  async write() {
    for (let i = 0; i < calls; i++) await adapter.createSession(newSession())
  },
})

const request: BenchCase = {
  name: "request",
  description: `getSessionAndUser and createSession, ${calls} calls a run, vs the SDK alone`,
  async run() {
    const table = await startAuthTable()
    const http = createLocalClient(table.endpoint)
    const recorder = new RecordingHandler()
    const recording = createLocalClient(table.endpoint, { requestHandler: recorder })
    try {
      const token = await prepare(table)
      // Record the emulator's real answers, then serve them from memory.
      await DynamoDBAdapter(recording, table.keys).getSessionAndUser(token)
      await DynamoDBAdapter(recording, table.keys).createSession(newSession())
      const canned = createLocalClient(table.endpoint, {
        requestHandler: new CannedHandler(recorder.recorded),
        lean: true,
      })
      const cannedSigned = createLocalClient(table.endpoint, {
        requestHandler: new CannedHandler(recorder.recorded),
      })

      const variants: [string, Adapter][] = [
        [
          "SDK floor, table.client's config (canned, no emulator)",
          DynamoDBAdapter(canned, table.keys),
        ],
        [
          "SDK floor, default client with SigV4 (canned)",
          DynamoDBAdapter(cannedSigned, table.keys),
        ],
        ["authtable adapter, table.client", table.adapter],
        ["authtable adapter, HTTP client on table.endpoint", DynamoDBAdapter(http, table.keys)],
        ["@auth/dynamodb-adapter, HTTP client on table.endpoint", OfficialAdapter(http) as Adapter],
      ]
      const timed = variants.map(([, adapter]) => runs(adapter, token))
      const reads = await measureInRounds(
        timed.map((t) => t.read),
        { iterations },
      )
      const writes = await measureInRounds(
        timed.map((t) => t.write),
        { iterations },
      )
      const measurements = (group: string, samples: Sample[][]): Measurement[] =>
        variants.map(([variant], i) => ({
          group,
          variant,
          baseline: i === 0,
          samples: perCall(samples[i]!),
        }))
      for (const client of [canned, cannedSigned]) client.destroy()
      return [
        ...measurements("getSessionAndUser, per call", reads),
        ...measurements("createSession, per call", writes),
      ]
    } finally {
      for (const client of [http, recording]) client.destroy()
      await table.stop()
    }
  },
  targets(rows: readonly Row[]) {
    const ours = findRow(rows, "getSessionAndUser", "authtable adapter, table.client")
    const floor = findRow(rows, "getSessionAndUser", "SDK floor, table.client's config")
    if (!ours?.speedup || !floor) return []
    return [
      {
        target: "getSessionAndUser ≤2.5× the SDK floor",
        measured: `${format(ours.median)} vs ${format(floor.median)}: ${(1 / ours.speedup).toFixed(2)}×`,
        pass: 1 / ours.speedup <= 2.5,
      },
    ]
  },
}

export default request
