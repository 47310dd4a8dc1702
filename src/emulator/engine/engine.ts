import type { IncomingMessage, Server, ServerResponse } from "node:http"
import type { AddressInfo, Socket } from "node:net"
import { AuthTableError } from "../../adapter/index.js"
import { createDynaliteBackend, type DynamoBackend, type RequestListener } from "./_dynalite.js"
import { createFrontDoor } from "./_front-door.js"
import { http } from "./_node-http.js"
import type { ApiResponse } from "./_protocol.js"
import { type OwnOperation, RequestRouter } from "./_router.js"
import { dataDirOpenError, dataDirReadError, prepareDataDir, tornLogWarning } from "./data-dir.js"
import { InProcessHandler } from "./in-process-handler.js"
import { createItemOperations } from "./item-operations.js"
import { nextImmediate } from "./real-timers.js"
import type { DynaliteTable } from "./store/types.js"
import { createTableOperations } from "./table-operations.js"
import { createTransactions } from "./transactions.js"
import { TimeToLiveApi } from "./ttl-api.js"
import { type StoreSweepOptions, sweepStore } from "./ttl-sweep.js"

/** Options of {@link createEngine}. */
export interface EngineOptions {
  /** TCP port; `0` picks a free one. */
  port: number
  /** Interface to bind. */
  host: string
  /** A LevelDB directory to persist in; `undefined` keeps the store in memory. */
  dataDir?: string | undefined
  /** Browser origins allowed to call the endpoint; every other `Origin` gets a 403. */
  allowOrigins?: readonly string[] | undefined
}

/**
 * A running engine: dynalite's store behind authtable's router, on one HTTP server. The only
 * thing in authtable that knows dynalite; the handle (`startAuthTable`) and the dev server use
 * this interface.
 */
export interface Engine {
  /** `http://127.0.0.1:PORT`. */
  readonly endpoint: string
  /** What the developer should know about the store as it opened (a torn write-ahead log). */
  readonly warnings: readonly string[]
  /** An SDK request handler serving requests in this process, through the same router. */
  createInProcessHandler(): InProcessHandler
  /** Serves `prefix` (e.g. `/_authtable/`) on the same server, behind the front door. */
  route(prefix: string, listener: RequestListener): void
  /** Adds an operation the engine answers itself (the router checks and guards it first). */
  serveOperation(name: string, operation: OwnOperation): void
  /**
   * Runs one operation (`CreateTable`, …) on its JSON body, as a request to the endpoint would
   * run, without the SDK or HTTP. The engine may change `body`.
   * @returns the HTTP status and the JSON body DynamoDB would answer (`__type` on errors).
   */
  request(operation: string, body: Record<string, unknown>): Promise<ApiResponse>
  /** Enables TTL on `attributeName` of a table in place (no request), as UpdateTimeToLive would. */
  enableTimeToLive(tableName: string, attributeName: string): Promise<void>
  /** The table as stored, or `undefined`. */
  getTable(tableName: string): Promise<DynaliteTable | undefined>
  /**
   * Writes items (document-client values) in one store batch, checked as BatchWriteItem would
   * check them, while no request is in flight (the same hold as {@link clearTable}).
   */
  putItems(tableName: string, items: readonly Record<string, unknown>[]): Promise<void>
  /** Empties a table (items, index entries) while no request is in flight; schema stays. */
  clearTable(tableName: string, indexNames: readonly string[]): Promise<void>
  /**
   * One TTL pass in the store over every table with TTL enabled: deletes the items whose TTL
   * attribute is a Number that `isExpired` accepts, with their index entries, a page at a time,
   * each page read and deleted while no request is in flight (so an item whose TTL changed after
   * it was read never goes). Requests run between pages.
   */
  sweepTimeToLive(options: StoreSweepOptions): Promise<void>
  /** Runs `work` while no request is in flight, holding new ones until it is done. */
  exclusive<T>(work: () => Promise<T>): Promise<T>
  /** Resolves once no request is in flight. */
  drain(): Promise<void>
  /**
   * Stops listening, drops remaining connections, closes the store; resolves once no socket or
   * server handle is left. Call it after requests in flight have had their chance to finish.
   */
  close(): Promise<void>
}

/**
 * Binds `host:port` first (a busy port fails before the data dir is touched), then opens the
 * store and serves. Requests that arrive in between wait for the store.
 * @throws AuthTableError `PORT_IN_USE`, `START_FAILED` or `DATA_DIR`.
 */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  let router: RequestRouter | undefined
  let markReady: () => void = () => {}
  const ready = new Promise<void>((resolve) => {
    markReady = resolve
  })
  const listener: RequestListener = (req, res) => {
    if (router) return router.listener(req, res)
    void ready.then(() => (router ? router.listener(req, res) : unavailable(req, res)))
  }
  const server = http.createServer(listener)
  // A malformed request line or header is answered by Node with a 400 and never reaches us.
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n")
    else socket.destroy()
  })
  const sockets = new Set<Socket>()
  server.on("connection", (socket: Socket) => {
    sockets.add(socket)
    socket.once("close", () => sockets.delete(socket))
  })
  const address = await listen(server, options.port, options.host)
  const closeServer = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    server.closeAllConnections()
    await closed
    await Promise.all([...sockets].map((socket) => new Promise((r) => socket.once("close", r))))
    // The listening handle finishes closing in the loop's close phase, after the callback
    // above: two turns of the check phase are enough for it to leave the active handles.
    await nextImmediate()
    await nextImmediate()
  }

  let backend: DynamoBackend
  const warnings: string[] = []
  try {
    const path = options.dataDir === undefined ? undefined : await prepareDataDir(options.dataDir)
    const torn = path ? await tornLogWarning(path) : undefined
    if (torn) warnings.push(torn)
    backend = await createDynaliteBackend({
      path,
      storeError: path ? (error) => dataDirReadError(path, error) : undefined,
    }).catch((error: unknown) => {
      throw path ? dataDirOpenError(path, error) : error
    })
    if (path) {
      const opened = backend
      await opened.verifyReadable().catch(async (error: unknown) => {
        await opened.close().catch(() => {})
        throw dataDirReadError(path, error)
      })
    }
  } catch (error) {
    markReady()
    await closeServer()
    throw error
  }
  const ttl = new TimeToLiveApi(backend)
  const frontDoor = createFrontDoor({
    allowOrigins: options.allowOrigins ?? [],
    host: options.host,
  })
  const active = new RequestRouter(backend, ttl, frontDoor)
  const ownOperations = {
    ...createItemOperations(backend),
    ...createTableOperations(backend, ttl),
  }
  for (const [name, operation] of Object.entries(ownOperations)) {
    active.serveOperation(name, operation)
  }
  const transactions = createTransactions(backend)
  active.serveOperation("TransactWriteItems", transactions.write)
  active.serveOperation("TransactGetItems", transactions.get)
  router = active
  markReady()
  // Bound on every interface: local clients still reach it on loopback.
  const reachable =
    address.address === "0.0.0.0" || address.address === "::" ? "127.0.0.1" : address.address
  const host = reachable.includes(":") ? `[${reachable}]` : reachable
  const handlers: InProcessHandler[] = []
  let closing: Promise<void> | undefined

  return {
    endpoint: `http://${host}:${address.port}`,
    warnings,
    createInProcessHandler() {
      const handler = new InProcessHandler(active)
      handlers.push(handler)
      return handler
    },
    route: (prefix, routeListener) => active.route(prefix, routeListener),
    serveOperation: (name, operation) => active.serveOperation(name, operation),
    request: (operation, body) => active.call(operation, body),
    async enableTimeToLive(tableName, attributeName) {
      const { status, body } = await ttl.update({
        TableName: tableName,
        TimeToLiveSpecification: { Enabled: true, AttributeName: attributeName },
      })
      if (status === 200) return
      throw new AuthTableError(
        "START_FAILED",
        `Could not enable TTL on "${tableName}": ${String(body.message ?? body.__type)}.`,
      )
    },
    getTable: (tableName) => backend.getTable(tableName),
    putItems: (tableName, items) => active.exclusive(() => backend.putItems(tableName, items)),
    clearTable: (tableName, indexNames) =>
      active.exclusive(() => backend.clearTable(tableName, indexNames)),
    sweepTimeToLive: (sweep) => sweepStore(backend, ttl, (work) => active.exclusive(work), sweep),
    exclusive: (work) => active.exclusive(work),
    drain: () => active.drain(),
    close() {
      closing ??= (async () => {
        for (const handler of handlers) handler.close()
        await closeServer()
        await backend.close()
      })()
      return closing
    },
  }
}

function unavailable(_req: IncomingMessage, res: ServerResponse) {
  res.statusCode = 503
  res.setHeader("content-type", "text/plain")
  res.end("[authtable] Could not answer: the emulator did not start.")
}

async function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject)
      server.listen(port, host, () => {
        server.off("error", reject)
        resolve()
      })
    })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === "EADDRINUSE") {
      throw new AuthTableError(
        "PORT_IN_USE",
        `Could not start: port ${port} is in use. Pass --port ${port + 1} or stop the other process.`,
        { cause: error },
      )
    }
    throw new AuthTableError(
      "START_FAILED",
      `Could not start on ${host}:${port}: ${(error as Error).message}. Check --host and --port.`,
      { cause: error },
    )
  }
  return server.address() as AddressInfo
}
