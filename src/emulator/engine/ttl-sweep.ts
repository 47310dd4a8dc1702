/**
 * The emulator's own TTL sweep, in the store: every table with TTL enabled, by its own attribute,
 * a page of items at a time. Each page is read and its expired items deleted while no request is
 * in flight (the router's hold), so an item whose TTL value changed after it was read cannot go;
 * between pages, requests run. Which values count as expired is the caller's rule.
 */

import type { DynamoBackend } from "./_dynalite.js"
import type { WireItem } from "./store/items.js"
import type { TimeToLiveApi } from "./ttl-api.js"

/** Items a sweep reads per hold: requests wait for one page at most, and holds stay few. */
const pageSize = 2000

/** Items a sweep deleted from one table, one page's worth. */
export interface SweptItems {
  tableName: string
  /** The table's TTL attribute. */
  attributeName: string
  /** The names of the table's key attributes. */
  keyNames: string[]
  /** The deleted items as they were, in DynamoDB JSON, in the order a Scan returns them. */
  items: WireItem[]
}

/** Options of {@link sweepStore}. */
export interface StoreSweepOptions {
  /** Whether a TTL value (epoch seconds, a Number) has expired. */
  isExpired(seconds: number): boolean
  /** Called after each page that deleted something, outside the hold, and awaited. */
  onDeleted(deleted: SweptItems): void | Promise<void>
}

/** Sweeps every TTL-enabled table in the store; see the module's comment. */
export async function sweepStore(
  backend: DynamoBackend,
  ttl: TimeToLiveApi,
  exclusive: <T>(work: () => Promise<T>) => Promise<T>,
  { isExpired, onDeleted }: StoreSweepOptions,
): Promise<void> {
  for (const listed of await backend.listTables()) {
    const tableName = listed.TableName
    const attributeName = await ttl.attributeOf(tableName)
    if (attributeName === undefined) continue
    const keyNames = listed.KeySchema.map((key) => key.AttributeName)
    let after: string | undefined
    do {
      const page = await exclusive(async () => {
        // Read again under the hold: the table may have gone or been replaced meanwhile.
        const table = await backend.getTable(tableName)
        if (!table || table.TableStatus === "DELETING") return undefined
        return backend.sweepPage(table, { attributeName, isExpired, after, limit: pageSize })
      })
      if (!page) break
      if (page.deleted.length > 0) {
        await onDeleted({ tableName, attributeName, keyNames, items: page.deleted })
      }
      after = page.next
    } while (after !== undefined)
  }
}
