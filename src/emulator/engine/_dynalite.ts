/**
 * The only module that knows dynalite. Everything else talks to a DynamoDB endpoint; the few
 * things an endpoint cannot do fast (empty a table in place, keep emulator metadata next to the
 * data, know whether a table exists without a round trip) go through {@link DynamoBackend}.
 */

import type { IncomingMessage, ServerResponse } from "node:http"
import { createRequire } from "node:module"
import { checkTypesFaster } from "./_attribute-types.js"
import {
  createItemSteps,
  createTableSteps,
  type DynaliteDb,
  type DynaliteTableStore,
  type ItemSteps,
  type TableSteps,
} from "./_dynalite-items.js"
import { expressionCache } from "./_expression-cache.js"
import { installParserCache } from "./_parser-cache.js"
import { installQueryTable, type QueryTableParts } from "./_query-table.js"
import { installRangeStreams, type RangeReaders } from "./_range-streams.js"
import { answerStoreCallbacksPromptly, type CallbackStore } from "./_store-callbacks.js"
import { loadStoreModule } from "./_store-module.js"
import { cacheTableDefinitions, dataPlaneOperations } from "./_table-definitions.js"
import { checkValidationsFaster } from "./_validations.js"
import { StoreContents } from "./store/contents.js"
import { MemoryStore, maxKeysToRebuildFrom } from "./store/memory-store.js"
import { type SweepPageOptions, type SweptPage, sweepPage } from "./store/sweep.js"
import type { DynaliteTable, DynaliteWriteParts } from "./store/types.js"
import { type StoreOperation, type StoreWriter, writeItems } from "./store/writes.js"

const require = createRequire(import.meta.url)

/** A request listener: what `http.createServer` takes. */
export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void

/** An error dynalite answers with: the HTTP status and the JSON body AWS would send. */
export interface ApiError {
  statusCode: number
  body: Record<string, unknown>
}

export interface DynamoBackend {
  /** The operations dynalite serves (`GetItem`, `Query`, …). */
  readonly operations: ReadonlySet<string>
  /**
   * Checks a request's body as dynalite does (types, then validations) and runs the operation.
   * @returns the response body; rejects with an {@link ApiError} for DynamoDB's errors.
   */
  run(operation: string, data: Record<string, unknown>): Promise<Record<string, unknown>>
  /**
   * dynalite's checks with rules in its format (`types`, optional `custom`), for the engine's
   * own operations: the same texts as dynalite's operations get.
   * @returns the request as checked (types converted, unknown fields dropped).
   * @throws an {@link ApiError}
   */
  validate(rules: ValidationRules, data: Record<string, unknown>): Record<string, unknown>
  /** dynalite's rules of one of its operations. */
  rulesOf(operation: string): ValidationRules | undefined
  /** dynalite's item-level steps, for operations the engine composes (transactions). */
  readonly items: ItemSteps
  /** dynalite's table-definition steps, for UpdateTable's index changes. */
  readonly tables: TableSteps
  /** Notes that a request started or ended, so bulk writes know the store may have changed. */
  touched(): void
  /** The table as stored (as DescribeTable shows it), or `undefined` when there is none. */
  getTable(tableName: string): Promise<DynaliteTable | undefined>
  /**
   * Writes items (as the document client takes them, marshalled with `marshallOptions`) in one
   * store batch, after checking them all as BatchWriteItem requests of them, 25 at a time, would
   * be checked: the same items and index entries those requests would leave, without a lock, a
   * read and four writes per item. Existing items are replaced and their index entries moved;
   * nothing is written when an item is bad.
   * @throws `[authtable] Could not write items to "<table>": <dynalite's reason>.`
   */
  putItems(tableName: string, items: readonly Record<string, unknown>[]): Promise<void>
  /** Every table as stored, in name order. */
  listTables(): Promise<DynaliteTable[]>
  /**
   * Reads up to `limit` items of a table after the store key `after` and deletes, with their
   * index entries, those whose TTL attribute is a Number that `isExpired` accepts. Run it while
   * no request is in flight: nothing may change between the read and the delete.
   */
  sweepPage(table: DynaliteTable, options: SweepPageOptions): Promise<SweptPage>
  /** Deletes every item and index entry of a table in the store; schema stays. */
  clearTable(tableName: string, indexNames: readonly string[]): Promise<void>
  /** Reads a value the emulator keeps beside the data (persisted with it when on disk). */
  getMeta<T>(key: string): Promise<T | undefined>
  /** Writes (or with `undefined`, deletes) a value kept beside the data. */
  setMeta(key: string, value: unknown): Promise<void>
  /** Reads every entry once, so a damaged store fails now rather than on some later request. */
  verifyReadable(): Promise<void>
  /** Closes the store. Call it after requests in flight have finished. */
  close(): Promise<void>
}

type Callback<T = void> = (error: Error | null, value?: T) => void

type AttributeMap = Record<string, unknown>

interface DynaliteValidations {
  checkTypes(data: object, types: object): object
  checkValidations(data: object, types: object, custom: unknown, store: unknown): void
}

type BatchOperation = StoreOperation | { type: "put"; key: string; value: unknown }

interface DynaliteStore {
  options: { maxItemSize: number }
  tableDb: Record<"put" | "del" | "batch", (...args: unknown[]) => unknown>
  db: {
    getMany(keys: string[]): Promise<(AttributeMap | undefined)[]>
    batch(operations: BatchOperation[]): Promise<void>
    open(): Promise<void>
    clear(range?: { gte: string; lt: string }): Promise<void>
    keys(options?: { gte?: string; lt?: string; limit?: number }): { all(): Promise<string[]> }
    iterator<V>(options?: {
      gt?: string
      gte?: string
      lt: string
      limit?: number
      valueEncoding?: "utf8"
    }): AsyncIterable<unknown> & {
      all(): Promise<[string, V][]>
    }
    get(key: string, callback: Callback<unknown>): void
    put(key: string, value: unknown, callback: Callback): void
    del(key: string, callback: Callback): void
    close(): Promise<void>
  }
  getTable(
    name: string,
    checkStatus: boolean | Callback<DynaliteTable>,
    callback: Callback<DynaliteTable>,
  ): void
}

const metaPrefix = "authtable-meta~"

/** dynalite's checks of one operation's request: its types and its custom validation. */
export interface ValidationRules {
  types: object
  custom?: (data: Record<string, unknown>, store: unknown) => string | undefined
}
type ActionValidation = ValidationRules
type Action = (store: DynaliteStore, data: object, callback: Callback<object>) => void

/** dynalite's operations, as its HTTP handler lists them. */
const dynaliteOperations = [
  "BatchGetItem",
  "BatchWriteItem",
  "CreateTable",
  "DeleteItem",
  "DeleteTable",
  "DescribeTable",
  "DescribeTimeToLive",
  "GetItem",
  "ListTables",
  "PutItem",
  "Query",
  "Scan",
  "TagResource",
  "UntagResource",
  "ListTagsOfResource",
  "UpdateItem",
  "UpdateTable",
]

/**
 * dynalite's checks assume a structure where a request has a `null` (`{"RequestItems":
 * {"t": null}}`) and throw a TypeError; AWS cannot read such a request as its shapes either.
 */
function unreadable(error: TypeError): ApiError {
  const message = /null|undefined/.test(error.message)
    ? "Unexpected null value where a structure, list or map is expected"
    : "Unexpected value where a structure, list or map is expected"
  return {
    statusCode: 400,
    body: { __type: "com.amazon.coral.service#SerializationException", Message: message },
  }
}

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1)

/**
 * Opens dynalite's store (its LevelDB, in memory or at `path`) with table delays set to 0, and
 * serves its operations without its HTTP handler: the engine's router speaks the protocol.
 * @throws the store's open error (for example `LEVEL_DATABASE_NOT_OPEN` caused by `LEVEL_LOCKED`).
 */
export async function createDynaliteBackend(options: {
  path?: string | undefined
  /** Turns a failed store read or write (not a DynamoDB error) into the error to answer with. */
  storeError?: ((error: unknown) => Error) | undefined
}): Promise<DynamoBackend> {
  installParserCache(require)
  loadStoreModule(require)
  const dbModule = require("dynalite/db") as {
    create: (options: object) => DynaliteStore
  } & Omit<DynaliteWriteParts, "checkPutRequest">
  installQueryTable(dbModule as unknown as QueryTableParts)
  const validations = require("dynalite/validations") as DynaliteValidations
  const expressions = expressionCache()
  const found = dbModule.create({
    path: options.path,
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  })
  const { db } = found
  installRangeStreams(db as unknown as RangeReaders)
  answerStoreCallbacksPromptly(db as unknown as CallbackStore)
  const dataPlane = cacheTableDefinitions(found)
  /** The store an action gets: data-plane operations read table definitions from memory. */
  const storeFor = (operation: string) => (dataPlaneOperations.has(operation) ? dataPlane : found)
  /** dynalite's errors as they are; a failed store read or write as `storeError` makes it. */
  const asAnswerable = (error: Error) => {
    const isApiError = typeof (error as Partial<ApiError>).statusCode === "number"
    return isApiError || !options.storeError ? error : options.storeError(error)
  }
  // Each operation's modules are loaded when it is first asked for: a test worker uses a few.
  const known = new Set(dynaliteOperations)
  const loaded = new Map<string, Action | ActionValidation>()
  const load = <T extends Action | ActionValidation>(folder: string, operation: string) => {
    if (!known.has(operation)) return undefined
    const path = `dynalite/${folder}/${lowerFirst(operation)}`
    if (!loaded.has(path)) loaded.set(path, require(path) as T)
    return loaded.get(path) as T
  }
  const actionOf = (operation: string) => load<Action>("actions", operation)
  const rulesOf = (operation: string) => load<ActionValidation>("validations", operation)
  const batchWriteRules = rulesOf("BatchWriteItem") as ActionValidation
  const writeParts: DynaliteWriteParts = {
    createKey: dbModule.createKey,
    getIndexActions: dbModule.getIndexActions,
    validateItem: dbModule.validateItem,
    validationError: dbModule.validationError,
    checkPutRequest(tableName, items) {
      // The same checks and number normalisation as a BatchWriteItem request of these items.
      const request = {
        RequestItems: { [tableName]: items.map((Item) => ({ PutRequest: { Item } })) },
      }
      const checked = validations.checkTypes(request, batchWriteRules.types) as typeof request
      validations.checkValidations(checked, batchWriteRules.types, batchWriteRules.custom, found)
      return (checked.RequestItems[tableName] ?? []).map((r) => r.PutRequest.Item)
    },
  }
  await db.open()

  const validate = (rules: ValidationRules, data: Record<string, unknown>) => {
    try {
      const checked = checkTypesFaster(data, rules.types, validations.checkTypes)
      expressions.run(() =>
        checkValidationsFaster(
          checked,
          rules.types,
          rules.custom,
          found,
          validations.checkValidations,
          dbModule.validationError,
        ),
      )
      return checked as Record<string, unknown>
    } catch (error) {
      throw error instanceof TypeError ? unreadable(error) : error
    }
  }

  /** The engine's own store, when its direct writes may run now (MemoryStore.writesDirectly). */
  const directStore = () => (db instanceof MemoryStore && db.writesDirectly() ? db : undefined)
  // Bulk writes remember what they wrote while no request can have changed it.
  const contents = new StoreContents(db)
  const writer: StoreWriter = {
    batch(operations) {
      const direct = directStore()
      if (!direct) return db.batch(operations)
      direct.batchNow(operations)
      return Promise.resolve()
    },
    contents,
    dynalite: writeParts,
    maxItemSize: found.options.maxItemSize,
  }

  const range = (prefix: string) => ({ gte: prefix, lt: `${prefix}\xff` })
  const call = <T>(run: (callback: Callback<T>) => void) =>
    new Promise<T | undefined>((resolve, reject) => {
      run((error, value) => (error ? reject(error) : resolve(value)))
    })

  /**
   * On memory-level (the in-memory store when dynalite was loaded before the engine), clear(range)
   * removes keys one by one from a persistent tree (a few µs each, with allocations), while
   * clear() of everything swaps in an empty tree. When the ranges hold more of the store than the
   * rest does (the usual test: one table, its definition and settings beside it), setting the
   * rest aside, clearing everything and putting the rest back is several times faster. It reads
   * the keys outside the ranges (up to `maxRest`) and no more keys inside them than there are
   * outside.
   * @returns false, having changed nothing, when the rest is the larger part (or too large).
   */
  const clearByRebuilding = async (
    ranges: { gte: string; lt: string }[],
    maxRest = maxKeysToRebuildFrom,
  ) => {
    const sorted = [...ranges].sort((a, b) => (a.gte < b.gte ? -1 : 1))
    const keys = (options: { gte?: string; lt?: string; limit: number }) => db.keys(options).all()
    let empty = true
    for (const clear of sorted) if ((await keys({ ...clear, limit: 1 })).length > 0) empty = false
    if (empty) return true
    const gaps = [undefined, ...sorted].map((before, i) => ({
      ...(before ? { gte: before.lt } : {}),
      ...(sorted[i] ? { lt: sorted[i].gte } : {}),
    }))
    const rest: string[] = []
    for (const gap of gaps) {
      rest.push(...(await keys({ ...gap, limit: maxRest + 1 - rest.length })))
      if (rest.length > maxRest) return false
    }
    let inRanges = 0
    for (const clear of sorted) {
      inRanges += (await keys({ ...clear, limit: rest.length + 1 - inRanges })).length
      if (inRanges > rest.length) break
    }
    if (inRanges <= rest.length) return false
    const values = await db.getMany(rest)
    await db.clear()
    await db.batch(rest.map((key, i) => ({ type: "put" as const, key, value: values[i] })))
    return true
  }

  return {
    operations: known,
    items: createItemSteps(dbModule as unknown as DynaliteDb, (operation) => {
      const action = actionOf(operation)
      if (!action) return undefined
      return (checked, callback) =>
        action(storeFor(operation), checked, (error, value) =>
          callback(error && asAnswerable(error), value),
        )
    }),
    tables: createTableSteps(
      found as unknown as DynaliteTableStore,
      dbModule as unknown as DynaliteDb,
    ),
    touched: () => contents.touched(),
    validate,
    rulesOf,
    run(operation, data) {
      const action = actionOf(operation)
      const rules = rulesOf(operation)
      if (!action || !rules) return Promise.reject(new Error(`dynalite has no ${operation}`))
      let checked: object
      try {
        checked = validate(rules, data)
      } catch (error) {
        return Promise.reject(error)
      }
      return new Promise((resolve, reject) => {
        action(storeFor(operation), checked, (error, value) => {
          if (error) reject(asAnswerable(error))
          else resolve((value ?? {}) as Record<string, unknown>)
        })
      })
    },
    getTable(tableName) {
      return call<DynaliteTable>((done) => found.getTable(tableName, false, done)).catch(
        (error: Error & { statusCode?: number }) => {
          if (error.statusCode === 400) return undefined
          throw error
        },
      )
    },
    async putItems(tableName, items) {
      const table = await call<DynaliteTable>((done) => found.getTable(tableName, true, done))
      if (!table) throw new Error(`[authtable] Could not write to "${tableName}": no such table.`)
      await writeItems(writer, table, items)
    },
    async listTables() {
      const tables = await db.iterator<DynaliteTable>(range("table~")).all()
      return tables.map(([, table]) => table)
    },
    async sweepPage(table, sweep) {
      contents.touched()
      return sweepPage(db, writeParts, table, sweep)
    },
    async clearTable(tableName, indexNames) {
      const ranges = [
        range(`item-${tableName}~`),
        ...indexNames.flatMap((index) => [
          range(`index-global~${tableName}~${index}~`),
          range(`index-local~${tableName}~${index}~`),
        ]),
      ]
      const cleared = contents.beginClear(tableName)
      // The engine's own store clears in one step; memory-level (dynalite loaded before the
      // engine) in a few.
      const direct = directStore()
      if (direct) {
        direct.clearRangesNow(ranges)
        return cleared()
      }
      if (options.path === undefined && (await clearByRebuilding(ranges))) return cleared()
      // One batch, so a crash (or a reader on disk) never sees items without their index
      // entries or the other way round: LevelDB applies a batch whole or not at all.
      const keys: string[] = []
      for (const clear of ranges) keys.push(...(await db.keys(clear).all()))
      if (keys.length > 0) await db.batch(keys.map((key) => ({ type: "del" as const, key })))
      cleared()
    },
    getMeta<T>(key: string) {
      return call<T>((done) => db.get(metaPrefix + key, done as Callback<unknown>))
    },
    async setMeta(key, value) {
      if (value === undefined) await call((done) => db.del(metaPrefix + key, done))
      else await call((done) => db.put(metaPrefix + key, value, done))
    },
    async verifyReadable() {
      for await (const _ of db.iterator()) {
        // Reading is the check.
      }
    },
    async close() {
      // Its promise, not its callback: dynalite calls that back on a setImmediate, which a test's
      // fake timers would hold for good.
      await db.close()
    },
  }
}
