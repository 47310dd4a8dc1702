import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import type { Item, ItemKind, Layout } from "../../adapter/index.js"
import { isSeedMarker } from "../seed.js"

/**
 * A user with everything stored in its partition. Objects are the adapter's, dates as ISO, each
 * with its item's raw key under `$key` (the console turns it into a handle).
 */
export interface UserView {
  user: Item
  accounts: Item[]
  sessions: Item[]
  authenticators: Item[]
}

/** An item the inspector cannot place, and why. */
export interface StrayItem {
  reason: string
  /** The raw item, key attributes included. */
  item: Item
  $key: Item
}

/** How many items of each kind the table holds. */
export interface KindCounts {
  users: number
  accounts: number
  sessions: number
  authenticators: number
  verificationTokens: number
  other: number
}

/** Everything the inspector page shows, read in one scan. */
export interface InspectorSnapshot {
  /** The server's clock, epoch ms, so countdowns do not depend on the browser's clock. */
  now: number
  tableName: string
  users: UserView[]
  verificationTokens: Item[]
  stray: StrayItem[]
  /** The `--seed` marker, when the table was seeded. */
  seed: Item | undefined
  counts: KindCounts
  itemCount: number
  /** The scan stopped at {@link maxItems}. */
  truncated: boolean
}

/** The inspector reads at most this many items; a dev table is much smaller. */
export const maxItems = 10_000

/**
 * Scans the auth table through `client` (a DynamoDBDocument on the same endpoint as the app) and
 * groups the items by user, using the layout's `kindOf` and `fromItem`.
 */
export async function readSnapshot(
  client: DynamoDBDocument,
  layout: Layout,
  now: number,
): Promise<InspectorSnapshot> {
  const { tableName, partitionKey, sortKey } = layout.keys
  const keyOf = (item: Item): Item => ({
    [partitionKey]: item[partitionKey],
    [sortKey]: item[sortKey],
  })
  const items: Item[] = []
  let ExclusiveStartKey: Item | undefined
  do {
    const page = await client.scan({ TableName: tableName, ExclusiveStartKey })
    items.push(...(page.Items ?? []))
    ExclusiveStartKey = page.LastEvaluatedKey
  } while (ExclusiveStartKey && items.length < maxItems)

  const users = new Map<string, UserView>()
  const owned: { kind: ItemKind; item: Item }[] = []
  const verificationTokens: Item[] = []
  const stray: { reason: string; item: Item }[] = []
  let seed: Item | undefined
  for (const item of items.slice(0, maxItems)) {
    const kind = layout.kindOf(item)
    if (isSeedMarker(item, layout)) seed = item
    else if (kind === undefined) stray.push({ reason: "no entity of the layout", item })
    else if (needsNumericExpires(kind) && typeof item.expires !== "number") {
      stray.push({ reason: "expires is not a Number of epoch seconds: TTL never deletes it", item })
    } else if (kind === "user") {
      users.set(String(item[partitionKey]), {
        user: view(layout, item, keyOf(item)),
        accounts: [],
        sessions: [],
        authenticators: [],
      })
    } else if (kind === "verificationToken") {
      verificationTokens.push(view(layout, item, keyOf(item)))
    } else owned.push({ kind, item })
  }
  for (const { kind, item } of owned) {
    const owner = users.get(String(item[partitionKey]))
    if (!owner) {
      stray.push({ reason: `${kind} of a user that does not exist`, item })
      continue
    }
    const list =
      kind === "account"
        ? owner.accounts
        : kind === "session"
          ? owner.sessions
          : owner.authenticators
    list.push(view(layout, item, keyOf(item)))
  }
  const all = [...users.values()]
  const counts: KindCounts = {
    users: all.length,
    accounts: all.reduce((n, u) => n + u.accounts.length, 0),
    sessions: all.reduce((n, u) => n + u.sessions.length, 0),
    authenticators: all.reduce((n, u) => n + u.authenticators.length, 0),
    verificationTokens: verificationTokens.length,
    other: stray.length,
  }
  return {
    now,
    tableName,
    users: all.sort((a, b) => byEmail(a).localeCompare(byEmail(b))),
    verificationTokens,
    stray: stray.map(({ reason, item }) => ({ reason, item: jsonSafe(item), $key: keyOf(item) })),
    seed: seed && jsonSafe(seed),
    counts,
    itemCount: Math.min(items.length, maxItems),
    truncated: items.length > maxItems || ExclusiveStartKey !== undefined,
  }
}

function byEmail(view: UserView): string {
  return String(view.user.email ?? view.user.id)
}

function needsNumericExpires(kind: ItemKind) {
  return kind === "session" || kind === "verificationToken"
}

/** The adapter's object for an item, as JSON (dates become ISO strings), with its key. */
function view(layout: Layout, item: Item, $key: Item): Item {
  return { ...jsonSafe(layout.fromItem<Item>(item)), $key }
}

/** Makes DynamoDB values JSON-safe: sets become arrays, binaries a short description. */
export function jsonSafe(item: Item): Item {
  return JSON.parse(
    JSON.stringify(item, (_key, value: unknown) => {
      if (value instanceof Set) return [...value]
      if (value instanceof Uint8Array) return `<binary, ${value.byteLength} bytes>`
      if (typeof value === "bigint") return value.toString()
      return value
    }),
  ) as Item
}
