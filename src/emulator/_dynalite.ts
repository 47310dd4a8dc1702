/**
 * The only module that knows dynalite. Everything else talks to a DynamoDB endpoint; the few
 * things an endpoint cannot do fast (empty a table in place, keep emulator metadata next to the
 * data, know whether a table exists without a round trip) go through {@link DynamoBackend}.
 */

import type { IncomingMessage, Server, ServerResponse } from "node:http"
import { createRequire } from "node:module"
import type { Socket } from "node:net"
import { nextImmediate } from "./_real-timers.js"
import { StoreContents } from "./_store-contents.js"
import {
  type DynaliteTable,
  type DynaliteWriteParts,
  type StoreOperation,
  type StoreWriter,
  writeItems,
} from "./_store-writes.js"

const require = createRequire(import.meta.url)

/** A request listener that answers the DynamoDB JSON protocol. */
export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void

export interface DynamoBackend {
  /** The HTTP server; not listening yet, and without a request listener. */
  readonly server: Server
  /**
   * dynalite's request listener, for requests the emulator does not answer itself; it notes
   * each request's start and end, so bulk writes know when the store may have changed.
   */
  readonly handle: RequestListener
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
  /** Deletes every item and index entry of a table in the store; schema stays. */
  clearTable(tableName: string, indexNames: readonly string[]): Promise<void>
  /** Reads a value the emulator keeps beside the data (persisted with it when on disk). */
  getMeta<T>(key: string): Promise<T | undefined>
  /** Writes (or with `undefined`, deletes) a value kept beside the data. */
  setMeta(key: string, value: unknown): Promise<void>
  /**
   * Stops listening, drops idle connections, closes the store, and resolves once every socket
   * and the listening handle are gone (so `process.getActiveResourcesInfo()` no longer lists
   * them). Call it after requests in flight have finished.
   */
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
  db: {
    getMany(keys: string[]): Promise<(AttributeMap | undefined)[]>
    batch(operations: BatchOperation[]): Promise<void>
    open(): Promise<void>
    clear(range?: { gte: string; lt: string }): Promise<void>
    keys(options?: { gte?: string; lt?: string; limit?: number }): { all(): Promise<string[]> }
    get(key: string, callback: Callback<unknown>): void
    put(key: string, value: unknown, callback: Callback): void
    del(key: string, callback: Callback): void
    close(callback: Callback): void
  }
  getTable(name: string, checkStatus: boolean, callback: Callback<DynaliteTable>): void
}

const metaPrefix = "authtable-meta~"

/**
 * Starts dynalite with table delays set to 0, in memory or at `path` (a LevelDB directory), and
 * waits until its store is open.
 * @throws the store's open error (for example `LEVEL_DATABASE_NOT_OPEN` caused by `LEVEL_LOCKED`).
 */
export async function createDynaliteBackend(options: {
  path?: string | undefined
}): Promise<DynamoBackend> {
  const dynalite = require("dynalite") as (options: object) => Server
  const dbModule = require("dynalite/db") as { create: (options: object) => DynaliteStore }

  // dynalite creates its store inside dynalite() and does not expose it: capture it on the way.
  const create = dbModule.create
  let store: DynaliteStore | undefined
  dbModule.create = (storeOptions) => {
    store = create(storeOptions)
    return store
  }
  let server: Server
  try {
    server = dynalite({ path: options.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
  } finally {
    dbModule.create = create
  }
  if (!store) throw new Error("[authtable] Could not start dynalite: its store was not created.")
  const { db } = store
  const found = store
  const dynaliteDb = require("dynalite/db") as Omit<DynaliteWriteParts, "checkPutRequest">
  const validations = require("dynalite/validations") as DynaliteValidations
  const batchWriteRules = require("dynalite/validations/batchWriteItem") as {
    types: object
    custom: unknown
  }
  const writeParts: DynaliteWriteParts = {
    createKey: dynaliteDb.createKey,
    getIndexActions: dynaliteDb.getIndexActions,
    validateItem: dynaliteDb.validateItem,
    validationError: dynaliteDb.validationError,
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

  const dynaliteHandle = server.listeners("request")[0] as RequestListener
  server.removeAllListeners("request")
  // Bulk writes remember what they wrote while no request can have changed it.
  const contents = new StoreContents(db)
  const handle: RequestListener = (req, res) => {
    contents.touched()
    res.once("close", () => contents.touched())
    dynaliteHandle(req, res)
  }
  const writer: StoreWriter = {
    batch: (operations) => db.batch(operations),
    contents,
    dynalite: writeParts,
    maxItemSize: found.options.maxItemSize,
  }
  const sockets = new Set<Socket>()
  server.on("connection", (socket: Socket) => {
    sockets.add(socket)
    socket.once("close", () => sockets.delete(socket))
  })

  const range = (prefix: string) => ({ gte: prefix, lt: `${prefix}\xff` })
  const call = <T>(run: (callback: Callback<T>) => void) =>
    new Promise<T | undefined>((resolve, reject) => {
      run((error, value) => (error ? reject(error) : resolve(value)))
    })

  /**
   * In memory, clear(range) removes keys one by one from a persistent tree (a few µs each, with
   * allocations), while clear() of everything swaps in an empty tree. When the ranges hold more
   * of the store than the rest does (the usual test: one table, its definition and settings
   * beside it), setting the rest aside, clearing everything and putting the rest back is several
   * times faster. It reads the keys outside the ranges (up to `maxRest`) and no more keys inside
   * them than there are outside.
   * @returns false, having changed nothing, when the rest is the larger part (or too large).
   */
  const clearByRebuilding = async (ranges: { gte: string; lt: string }[], maxRest = 1000) => {
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
    server,
    handle,
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
    async clearTable(tableName, indexNames) {
      const ranges = [
        range(`item-${tableName}~`),
        ...indexNames.flatMap((index) => [
          range(`index-global~${tableName}~${index}~`),
          range(`index-local~${tableName}~${index}~`),
        ]),
      ]
      const cleared = contents.beginClear(tableName)
      if (options.path === undefined && (await clearByRebuilding(ranges))) return cleared()
      for (const clear of ranges) await db.clear(clear)
      cleared()
    },
    getMeta<T>(key: string) {
      return call<T>((done) => db.get(metaPrefix + key, done as Callback<unknown>))
    },
    async setMeta(key, value) {
      if (value === undefined) await call((done) => db.del(metaPrefix + key, done))
      else await call((done) => db.put(metaPrefix + key, value, done))
    },
    async close() {
      if (!server.listening) {
        await call((done) => db.close(done))
        return
      }
      // dynalite's close() closes the store once the HTTP server has closed; the server closes
      // once its connections have, and keep-alive connections of clients we do not own stay
      // open unless dropped: by now no request is in flight, so drop them all.
      const closed = new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
      })
      server.closeAllConnections()
      await closed
      await Promise.all([...sockets].map((socket) => new Promise((r) => socket.once("close", r))))
      // The listening handle finishes closing in the loop's close phase, after the callback
      // above: two turns of the check phase are enough for it to leave the active handles.
      await nextImmediate()
      await nextImmediate()
    },
  }
}
