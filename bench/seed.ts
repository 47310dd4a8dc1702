/**
 * Bench case "seed": 10,000 users with 1 account and 2 sessions each (40,000 items), written by
 * `table.seed.graph()` (straight into the emulator's store, through dynalite's own checks)
 * against the baseline of calling `table.adapter`'s createUser / linkAccount / createSession one
 * by one, as Auth.js does (on `table.client`, so through the in-process transport).
 *
 * One by one takes minutes at this size, so it runs on a 1,000-user sample and its samples are
 * scaled ×10 (the cost per user does not grow with the table). The two alternate, a run of each
 * per round. Every run gets a fresh emulator (untimed); the one-by-one objects are built before
 * the clock starts, graph() is timed with its object building included.
 */
import type { AuthTable } from "../src/index.js"
import type { BenchCase, Row, Sample } from "./_harness.js"
import { measureInRounds } from "./_harness.js"
import { loadFixtures, loadRoot } from "./_package.js"
import { findRow, format, ratio } from "./_report.js"

const { createFixtures } = await loadFixtures()
const { startAuthTable } = await loadRoot()

const users = 10_000
const sampleUsers = 1_000
const iterations = 5

const scaled = (samples: Sample[], factor: number): Sample[] =>
  samples.map(({ ms, cpuMs }) => ({ ms: ms * factor, cpuMs: cpuMs * factor }))

/** graph() on a fresh table; returns the table so `after` can stop it. */
async function seedGraph(table: AuthTable, count: number): Promise<AuthTable> {
  const counts = await table.seed.graph({ users: count, accountsPerUser: 1, sessionsPerUser: 2 })
  if (counts.items !== count * 4) throw new Error(`graph() wrote ${counts.items} items`)
  return table
}

/** A fresh table and `count` users' objects, built untimed. */
async function prepareOneByOne(count: number) {
  const table = await startAuthTable()
  const f = createFixtures({ seed: 2, now: Date.now })
  const graph = f.users(count).map((user) => ({
    user,
    account: f.account({ user }),
    sessions: [f.session({ user }), f.session({ user })],
  }))
  return { table, graph }
}

async function seedOneByOne({ table, graph }: Awaited<ReturnType<typeof prepareOneByOne>>) {
  const { adapter } = table
  for (const { user, account, sessions } of graph) {
    await adapter.createUser(user)
    await adapter.linkAccount(account)
    for (const session of sessions) await adapter.createSession(session)
  }
  return table
}

const seed: BenchCase = {
  name: "seed",
  description: `seeding ${users.toLocaleString("en")} users (1 account, 2 sessions each): table.seed.graph() vs adapter methods one by one (${sampleUsers.toLocaleString("en")}-user sample ×${users / sampleUsers})`,
  async run() {
    // Module loading and JIT for both paths, untimed (measure's own warm-up would repeat the
    // full-size runs).
    await seedGraph(await startAuthTable({ seed: 1 }), 200).then((table) => table.stop())
    await seedOneByOne(await prepareOneByOne(50)).then((table) => table.stop())

    // In rounds, one run of each: a drift of the machine lands on both sides of the ratio.
    const [oneByOne, graph] = await measureInRounds(
      [
        {
          before: () => prepareOneByOne(sampleUsers),
          run: seedOneByOne,
          after: (table: AuthTable) => table.stop(),
        },
        {
          before: () => startAuthTable({ seed: 1 }),
          run: (table: AuthTable) => seedGraph(table, users),
          after: (table: AuthTable) => table.stop(),
        },
      ],
      { iterations, warmup: 0 },
    )
    const group = `seed ${users.toLocaleString("en")} users (${(users * 4).toLocaleString("en")} items)`
    return [
      {
        group,
        variant: `adapter one by one (${sampleUsers.toLocaleString("en")}-user sample ×${users / sampleUsers})`,
        baseline: true,
        samples: scaled(oneByOne as Sample[], users / sampleUsers),
      },
      { group, variant: "table.seed.graph()", samples: graph as Sample[] },
    ]
  },
  targets(rows: readonly Row[]) {
    const graph = findRow(rows, "seed", "table.seed.graph()")
    if (!graph?.speedup) return []
    return [
      {
        target: "seeding ≥15× faster than adapter calls one by one",
        measured: `${format(graph.median)}: ${ratio(graph.speedup)}`,
        pass: graph.speedup >= 15,
      },
    ]
  },
}

export default seed
