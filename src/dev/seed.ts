import type { Item, Layout } from "../adapter/index.js"
import type { AuthTable } from "../emulator/index.js"
import { seedTable } from "../fixtures/index.js"
import { count } from "./banner.js"

/** The faker seed of the first batch of demo users; batch b uses `devSeed + b`. */
export const devSeed = 42

/** Partition and sort key value of the marker item that records what `--seed` wrote. */
const markerId = "AUTHTABLE#seed"

/**
 * The marker item: seeding is recorded in the table itself, so it persists with the data, goes
 * with `--reset`, and a second `--seed` finds it instead of writing the users again.
 */
export interface SeedMarker {
  /** Faker seed of batch 0. */
  seed: number
  /** Batches written; the next one uses faker seed `seed + batches`. */
  batches: number
  /** Demo users written over all batches. */
  users: number
  seededAt: string
}

/** What a seeding did, for the log and the banner. */
export interface SeedReport {
  /** Whether users were written now (`false`: the marker says they were already). */
  seeded: boolean
  marker: SeedMarker
  message: string
}

/** Whether an item is the seed marker (the inspector shows it apart from stray items). */
export function isSeedMarker(item: Item, layout: Layout): boolean {
  return item[layout.keys.partitionKey] === markerId && item[layout.keys.sortKey] === markerId
}

/**
 * `--seed N`: writes N demo users, each with one account and one session, unless the marker
 * shows that demo users were seeded before. Their ids come from a fixed faker seed, so even an
 * interrupted seeding that is run again replaces the same items instead of adding others.
 */
export async function seedOnce(
  table: AuthTable,
  layout: Layout,
  users: number,
  onProgress: (done: number, total: number) => void,
): Promise<SeedReport> {
  const marker = await readMarker(table, layout)
  if (marker) {
    return {
      seeded: false,
      marker,
      message: `${count(marker.users, "demo user")} already seeded (faker seed ${marker.seed}, ${marker.seededAt}); not seeding again. --reset starts over.`,
    }
  }
  const written = await writeBatch(table, layout, undefined, users, onProgress)
  return {
    seeded: true,
    marker: written,
    message: `seeded ${count(users, "demo user")}, each with an account and a session (faker seed ${written.seed})`,
  }
}

/** The inspector's "seed more": the next batch, with the next faker seed. @returns users written */
export async function seedMore(table: AuthTable, layout: Layout, users: number): Promise<number> {
  await writeBatch(table, layout, await readMarker(table, layout), users, () => {})
  return users
}

async function writeBatch(
  table: AuthTable,
  layout: Layout,
  previous: SeedMarker | undefined,
  users: number,
  onProgress: (done: number, total: number) => void,
): Promise<SeedMarker> {
  const batch = previous?.batches ?? 0
  const seeder = seedTable(table.client, table.keys, { seed: devSeed + batch })
  await seeder.graph({
    users,
    accountsPerUser: 1,
    sessionsPerUser: 1,
    onProgress: ({ written, total }) => onProgress(written, total),
  })
  const marker: SeedMarker = {
    seed: previous?.seed ?? devSeed,
    batches: batch + 1,
    users: (previous?.users ?? 0) + users,
    seededAt: previous?.seededAt ?? new Date().toISOString(),
  }
  await table.client.put({
    TableName: table.tableName,
    Item: { ...markerKey(layout), type: "AUTHTABLE_SEED", ...marker },
  })
  return marker
}

async function readMarker(table: AuthTable, layout: Layout): Promise<SeedMarker | undefined> {
  const { Item } = await table.client.get({
    TableName: table.tableName,
    Key: markerKey(layout),
    ConsistentRead: true,
  })
  if (!Item) return undefined
  const { seed, batches, users, seededAt } = Item
  return { seed, batches, users, seededAt } as SeedMarker
}

function markerKey(layout: Layout): Item {
  return { [layout.keys.partitionKey]: markerId, [layout.keys.sortKey]: markerId }
}
