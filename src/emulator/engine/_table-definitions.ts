/** The table definitions dynalite's data-plane operations read, kept in memory while unchanged. */
import { answerSoon } from "./_store-callbacks.js"
import type { DynaliteTable } from "./store/types.js"

type Callback<T> = (error: Error | null, value?: T) => void

/** The parts of dynalite's store (db/index.js create()) the cache wraps. */
export interface DefinitionStore {
  /** The sub-store of table definitions: every change of a definition is a write here. */
  tableDb: Record<"put" | "del" | "batch", (...args: unknown[]) => unknown>
  getTable(
    name: string,
    checkStatus: boolean | Callback<DynaliteTable>,
    callback?: Callback<DynaliteTable>,
  ): void
}

/** Operations that read their table's definition and never change it. */
export const dataPlaneOperations = new Set([
  "BatchGetItem",
  "BatchWriteItem",
  "DeleteItem",
  "GetItem",
  "PutItem",
  "Query",
  "Scan",
  "UpdateItem",
])

/**
 * dynalite's store as the data-plane operations get it: every request reads its table's
 * definition from the store and decodes its JSON again. This one keeps ACTIVE definitions in
 * memory until anything writes a definition (CreateTable, UpdateTable, DeleteTable and their
 * delayed status changes all go through the table sub-store, whose writes drop them all). The
 * answer still comes later, as the store's own does.
 */
export function cacheTableDefinitions<S extends DefinitionStore>(store: S): S {
  const definitions = new Map<string, DynaliteTable>()
  let generation = 0
  const { tableDb } = store
  for (const method of ["put", "del", "batch"] as const) {
    const write = tableDb[method]
    tableDb[method] = (...args: unknown[]) => {
      generation++
      definitions.clear()
      return write.apply(tableDb, args)
    }
  }
  const cached = Object.create(store) as S
  cached.getTable = (name, checkStatus, callback) => {
    const done = (
      typeof checkStatus === "function" ? checkStatus : callback
    ) as Callback<DynaliteTable>
    const table = definitions.get(name)
    if (table)
      return answerSoon(done as (error: Error | null, value?: unknown) => void, null, table)
    const readAt = generation
    // As dynalite reads it: a callback in checkStatus's place also means "check the status".
    store.getTable(name, Boolean(checkStatus), (error, read) => {
      if (!error && read?.TableStatus === "ACTIVE" && generation === readAt) {
        definitions.set(name, read)
      }
      done(error, read)
    })
  }
  return cached
}
