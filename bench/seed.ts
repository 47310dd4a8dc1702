/**
 * Benchmark case "seed": writing users with 1 account and 2 sessions each, through
 * `table.seed.graph()` (BatchWriteItem, 25 items a request) against calling the adapter's
 * createUser / linkAccount / createSession one by one, as Auth.js does on sign-in.
 *
 * The one-by-one path is measured on a sample (`sampleUsers`, default 1,000) and extrapolated
 * linearly to `users`: at ~4 sequential requests per user it would otherwise take minutes.
 * Each path gets a fresh emulator; the one-by-one objects are built before the clock starts,
 * while graph() is timed with its object building included. Besides wall-clock time it records
 * the process's CPU time (client and in-process emulator together), which a busy machine
 * disturbs far less; `speedup` and `cpuSpeedup` compare the two paths by each.
 */
import { createFixtures } from "../src/fixtures/index.js"
import { startAuthTable } from "../src/index.js"

/** Options of {@link benchSeed}. */
export interface SeedBenchOptions {
  /** Users written by graph(). @default 10_000 */
  users?: number
  /** Users written one by one, then extrapolated to `users`. @default 1_000 */
  sampleUsers?: number
}

/** What {@link benchSeed} measured. */
export interface SeedBenchResult {
  users: number
  /** Items graph() wrote: users × (1 user + 1 account + 2 sessions). */
  items: number
  graphMs: number
  graphCpuMs: number
  graphItemsPerSecond: number
  sampleUsers: number
  sampleMs: number
  sampleCpuMs: number
  oneByOneItemsPerSecond: number
  /** `sampleMs × users / sampleUsers`. */
  oneByOneExtrapolatedMs: number
  /** oneByOneExtrapolatedMs / graphMs: wall-clock. */
  speedup: number
  /** The same ratio by CPU time. */
  cpuSpeedup: number
}

interface Timing {
  ms: number
  cpuMs: number
}

export async function benchSeed(options: SeedBenchOptions = {}): Promise<SeedBenchResult> {
  const { users = 10_000, sampleUsers = 1_000 } = options
  const graph = await timeGraph(users)
  const sample = await timeOneByOne(sampleUsers)
  const items = users * 4
  const scale = users / sampleUsers
  return {
    users,
    items,
    graphMs: graph.ms,
    graphCpuMs: graph.cpuMs,
    graphItemsPerSecond: (items / graph.ms) * 1000,
    sampleUsers,
    sampleMs: sample.ms,
    sampleCpuMs: sample.cpuMs,
    oneByOneItemsPerSecond: ((sampleUsers * 4) / sample.ms) * 1000,
    oneByOneExtrapolatedMs: sample.ms * scale,
    speedup: (sample.ms * scale) / graph.ms,
    cpuSpeedup: (sample.cpuMs * scale) / graph.cpuMs,
  }
}

async function timed(run: () => Promise<void>): Promise<Timing> {
  const cpu = process.cpuUsage()
  const start = performance.now()
  await run()
  const ms = performance.now() - start
  const { user, system } = process.cpuUsage(cpu)
  return { ms, cpuMs: (user + system) / 1000 }
}

async function timeGraph(users: number): Promise<Timing> {
  await using table = await startAuthTable({ seed: 1 })
  // `return await`: the table must outlive the run, and `await using` disposes it on return.
  return await timed(async () => {
    const counts = await table.seed.graph({ users, accountsPerUser: 1, sessionsPerUser: 2 })
    if (counts.items !== users * 4) throw new Error(`graph() wrote ${counts.items} items`)
  })
}

async function timeOneByOne(users: number): Promise<Timing> {
  await using table = await startAuthTable()
  const f = createFixtures({ seed: 2, now: Date.now })
  const graph = f.users(users).map((user) => ({
    user,
    account: f.account({ user }),
    sessions: [f.session({ user }), f.session({ user })],
  }))
  const { adapter } = table
  // `return await`: the table must outlive the run, and `await using` disposes it on return.
  return await timed(async () => {
    for (const { user, account, sessions } of graph) {
      await adapter.createUser(user)
      await adapter.linkAccount(account)
      for (const session of sessions) await adapter.createSession(session)
    }
  })
}
