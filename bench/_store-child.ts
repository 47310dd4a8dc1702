/**
 * The child process of bench cases "memory" and "ttl" (bench/_store.ts starts it with
 * --expose-gc): starts an emulator, measures resident size before and after writing
 * 100,000 items (25,000 users with 3 sessions each, 10% of all items expired sessions), then,
 * unless --no-sweeps, times TTL sweeps over them: `table.sweep()` (in the store) and
 * `sweepExpiredItems(table.client)` (Scan and a conditional DeleteItem per item, through the API). Prints one JSON line for the parent.
 */
import type { AdapterSession, AdapterUser } from "@auth/core/adapters"
import { measure } from "./_harness.js"
import { loadEmulator, loadRoot } from "./_package.js"

const { sweepExpiredItems } = await loadEmulator()
const { startAuthTable } = await loadRoot()

const users = 25_000
const sessionsPerUser = 3
const expired = 10_000
const iterations = 3
const now = Date.parse("2026-11-28T12:00:00Z")

const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error("bench: run with --expose-gc")

/** Sessions `from` to `to` (exclusive); the first `expired` of all sessions expired an hour ago. */
const sessions = (from: number, to: number): AdapterSession[] =>
  Array.from({ length: to - from }, (_, k) => {
    const i = from + k
    return {
      sessionToken: `bench-session-${i.toString(36).padStart(8, "0")}`,
      userId: `bench-user-${i % users}`,
      expires: new Date(now + (i < expired ? -3_600_000 : 30 * 86_400_000)),
    }
  })

const userObjects = (): AdapterUser[] =>
  Array.from({ length: users }, (_, i) => ({
    id: `bench-user-${i}`,
    name: `Bench User ${i}`,
    email: `bench-user-${i}@example.com`,
    emailVerified: new Date(now - 86_400_000),
    image: `https://avatars.example.com/u/${i}.png`,
  }))

const resident = () => {
  gc()
  const { rss, heapUsed, arrayBuffers } = process.memoryUsage()
  return { rss, heapUsed, arrayBuffers }
}

const table = await startAuthTable({ now: () => now })
const before = resident()
const start = performance.now()
await table.seed.write({ users: userObjects(), sessions: sessions(0, users * sessionsPerUser) })
const fillMs = performance.now() - start
const after = resident()

let sweeps: Record<"tenPercent" | "tenPercentApi" | "none" | "noneApi", unknown> | undefined
if (!process.argv.includes("--no-sweeps")) {
  const check = ({ deleted }: { deleted: number }, expect: number) => {
    if (deleted !== expect) throw new Error(`bench: the sweep deleted ${deleted}, not ${expect}`)
  }
  const sweep = async (at: number, expect: number) => check(await table.sweep({ now: at }), expect)
  const sweepApi = async (at: number, expect: number) =>
    check(await sweepExpiredItems(table.client, { now: at }), expect)
  // Nothing has expired an hour and a half before `now`: the sweep only scans.
  const early = now - 5_400_000
  const none = await measure({ iterations, warmup: 0, run: () => sweep(early, 0) })
  const noneApi = await measure({ iterations, warmup: 0, run: () => sweepApi(early, 0) })
  let runs = 0
  // The first run finds the table as written; later ones get the expired sessions back.
  const refill = async () => {
    if (runs++ > 0) await table.seed.write({ sessions: sessions(0, expired) })
  }
  const tenPercent = await measure({
    iterations,
    warmup: 0,
    before: refill,
    run: () => sweep(now, expired),
  })
  const tenPercentApi = await measure({
    iterations,
    warmup: 0,
    before: refill,
    run: () => sweepApi(now, expired),
  })
  sweeps = { tenPercent, tenPercentApi, none, noneApi }
}
await table.stop()
console.log(JSON.stringify({ items: users * (1 + sessionsPerUser), before, after, fillMs, sweeps }))
