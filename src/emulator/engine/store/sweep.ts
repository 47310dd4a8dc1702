/**
 * TTL sweeping straight in the store: a page of a table's items read in key order (the order a
 * Scan returns them), and those whose TTL attribute is an expired Number deleted with their
 * index entries in one store batch — what a conditional DeleteItem per item would leave, without
 * a request, a lock, a read and a write per item and index entry. The caller holds requests off
 * for the whole page, so no item can change between the read and the delete.
 */

import type { WireItem } from "./items.js"
import { storeKeys } from "./keys.js"
import type { DynaliteTable, DynaliteWriteParts } from "./types.js"
import type { StoreOperation } from "./writes.js"

/** The store calls a sweep makes. */
export interface SweepableStore {
  /** abstract-level's iterator: `[key, value]` entries, values as the JSON text stored. */
  iterator(options: { gt: string; lt: string; limit: number; valueEncoding: "utf8" }): {
    all(): Promise<[string, string][]>
  }
  batch(operations: StoreOperation[]): Promise<void>
}

/** What a page of a sweep deleted, and where the next page starts. */
export interface SweptPage {
  /** The deleted items, in DynamoDB JSON, in key order. */
  deleted: WireItem[]
  /** The store key to read after, or `undefined` when the table has no more items. */
  next: string | undefined
}

/** Which page to sweep, and which items count as expired. */
export interface SweepPageOptions {
  /** The table's TTL attribute. */
  attributeName: string
  /** Whether a TTL value (epoch seconds) is expired, by the sweep's rule. */
  isExpired: (seconds: number) => boolean
  /** The store key to read after; `undefined` starts at the table's first item. */
  after: string | undefined
  limit: number
}

/**
 * Reads up to `limit` items of `table` after the store key `after` (from the first when
 * `undefined`) and deletes those whose `attributeName` is a Number that `isExpired` accepts,
 * with their index entries, in one batch.
 */
export async function sweepPage(
  store: SweepableStore,
  dynalite: DynaliteWriteParts,
  table: DynaliteTable,
  options: SweepPageOptions,
): Promise<SweptPage> {
  const { attributeName, isExpired, after, limit } = options
  const prefix = `item-${table.TableName}~`
  const range = {
    gt: after ?? prefix,
    lt: `${prefix}\xff`,
    limit,
    valueEncoding: "utf8" as const,
  }
  const entries = await store.iterator(range).all()
  const needle = `${JSON.stringify(attributeName)}:{"N":"`
  const keys = storeKeys(table, dynalite)
  const deleted: WireItem[] = []
  const operations: StoreOperation[] = []
  for (const [key, value] of entries) {
    if (!mayHaveExpired(value, needle, isExpired)) continue
    const item = JSON.parse(value) as WireItem
    const seconds = (item[attributeName] as { N?: unknown } | undefined)?.N
    if (typeof seconds !== "string" || !isExpired(Number(seconds))) continue
    deleted.push(item)
    operations.push({ type: "del", key })
    for (const entry of keys.of(item).entries) operations.push({ type: "del", key: entry.key })
  }
  // In key order the tree's removals walk neighbouring paths (item keys come sorted; index
  // entries' hashed keys do not).
  operations.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  if (operations.length > 0) await store.batch(operations)
  const next = entries.length < limit ? undefined : entries[entries.length - 1]?.[0]
  return { deleted, next }
}

/**
 * Whether an item's stored JSON (`JSON.stringify` of the item in DynamoDB JSON) may hold an
 * expired Number in the TTL attribute, without decoding it: most items are judged by a search.
 * `"<name>":{"N":"` cannot occur inside a string (its quotes would be escaped), so an item
 * without it has no Number there; with it once, that is the item's value or a nested one (and
 * then the item has none); with it more than once, the caller parses to know which is which.
 */
function mayHaveExpired(value: string, needle: string, isExpired: (seconds: number) => boolean) {
  const at = value.indexOf(needle)
  if (at < 0) return false
  const start = at + needle.length
  if (value.indexOf(needle, start) >= 0) return true
  return isExpired(Number(value.slice(start, value.indexOf('"', start))))
}
