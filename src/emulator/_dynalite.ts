/**
 * The only module that knows dynalite. Everything else talks to a DynamoDB endpoint; the few
 * things an endpoint cannot do fast (empty a table in place, keep emulator metadata next to the
 * data) go through the small {@link DynamoBackend} interface below.
 */

import type { IncomingMessage, Server, ServerResponse } from "node:http"
import { createRequire } from "node:module"

const require = createRequire(import.meta.url)

/** A request listener that answers the DynamoDB JSON protocol. */
export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void

export interface DynamoBackend {
  /** The HTTP server; not listening yet. */
  readonly server: Server
  /** dynalite's own request listener, for requests the emulator does not answer itself. */
  readonly handle: RequestListener
  /** Deletes every item and index entry of a table in the store; schema stays. */
  clearTable(tableName: string, indexNames: readonly string[]): Promise<void>
  /** Reads a value the emulator keeps beside the data (persisted with it when on disk). */
  getMeta<T>(key: string): Promise<T | undefined>
  /** Writes (or with `undefined`, deletes) a value kept beside the data. */
  setMeta(key: string, value: unknown): Promise<void>
  /** Stops the server and closes the store, after writes in flight. */
  close(): Promise<void>
}

interface DynaliteStore {
  db: {
    clear(range: { gte: string; lt: string }): Promise<void>
    get(key: string, callback: (error: Error | null, value?: unknown) => void): void
    put(key: string, value: unknown, callback: (error: Error | null) => void): void
    del(key: string, callback: (error: Error | null) => void): void
  }
}

const metaPrefix = "authtable-meta~"

/** Starts dynalite with table delays set to 0, in memory or at `path` (a LevelDB directory). */
export function createDynaliteBackend(options: { path?: string | undefined }): DynamoBackend {
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
  const db = store.db
  const handle = server.listeners("request")[0] as RequestListener
  server.removeAllListeners("request")

  const range = (prefix: string) => ({ gte: prefix, lt: `${prefix}\xff` })

  return {
    server,
    handle,
    async clearTable(tableName, indexNames) {
      await db.clear(range(`item-${tableName}~`))
      for (const index of indexNames) {
        await db.clear(range(`index-global~${tableName}~${index}~`))
        await db.clear(range(`index-local~${tableName}~${index}~`))
      }
    },
    getMeta<T>(key: string) {
      return new Promise<T | undefined>((resolve, reject) => {
        db.get(metaPrefix + key, (error, value) => {
          if (error && (error as { code?: string }).code !== "LEVEL_NOT_FOUND") reject(error)
          else resolve(value as T | undefined)
        })
      })
    },
    setMeta(key, value) {
      return new Promise<void>((resolve, reject) => {
        const done = (error: Error | null) => (error ? reject(error) : resolve())
        if (value === undefined) db.del(metaPrefix + key, done)
        else db.put(metaPrefix + key, value, done)
      })
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
      })
    },
  }
}
