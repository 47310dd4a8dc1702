/**
 * The only module that knows dynalite. Everything else talks to a DynamoDB endpoint; the few
 * things an endpoint cannot do fast (empty a table in place, keep emulator metadata next to the
 * data, know whether a table exists without a round trip) go through {@link DynamoBackend}.
 */

import type { IncomingMessage, Server, ServerResponse } from "node:http"
import { createRequire } from "node:module"
import type { Socket } from "node:net"
import { nextImmediate } from "./_real-timers.js"

const require = createRequire(import.meta.url)

/** A request listener that answers the DynamoDB JSON protocol. */
export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void

/** What the store knows of a table, as DescribeTable would show it. */
export interface StoredTable {
  TableName: string
  TableStatus: string
}

export interface DynamoBackend {
  /** The HTTP server; not listening yet, and without a request listener. */
  readonly server: Server
  /** dynalite's own request listener, for requests the emulator does not answer itself. */
  readonly handle: RequestListener
  /** The table as stored, or `undefined` when there is none. */
  getTable(tableName: string): Promise<StoredTable | undefined>
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

interface DynaliteStore {
  db: {
    open(): Promise<void>
    clear(range: { gte: string; lt: string }): Promise<void>
    get(key: string, callback: Callback<unknown>): void
    put(key: string, value: unknown, callback: Callback): void
    del(key: string, callback: Callback): void
    close(callback: Callback): void
  }
  getTable(name: string, checkStatus: false, callback: Callback<StoredTable>): void
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
  await db.open()

  const handle = server.listeners("request")[0] as RequestListener
  server.removeAllListeners("request")
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

  return {
    server,
    handle,
    getTable(tableName) {
      return call<StoredTable>((done) => found.getTable(tableName, false, done)).catch(
        (error: Error & { statusCode?: number }) => {
          if (error.statusCode === 400) return undefined
          throw error
        },
      )
    },
    async clearTable(tableName, indexNames) {
      await db.clear(range(`item-${tableName}~`))
      for (const index of indexNames) {
        await db.clear(range(`index-global~${tableName}~${index}~`))
        await db.clear(range(`index-local~${tableName}~${index}~`))
      }
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
