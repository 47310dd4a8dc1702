import type { AddressInfo } from "node:net"
import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import {
  type AuthTableAdapter,
  AuthTableError,
  DynamoDBAdapter,
  type DynamoDBAdapterOptions,
  resolveTableKeys,
  type TableKeys,
} from "../adapter/index.js"
import { createDynaliteBackend, type DynamoBackend } from "./_dynalite.js"
import { createLocalClient } from "./client.js"
import { type AuthTableEnv, endpointEnv } from "./env.js"
import { ensureAuthTable } from "./table-lifecycle.js"

const loopbackHosts = new Set(["127.0.0.1", "localhost", "::1"])

/** Options of {@link startAuthTable}. Key options are the adapter's. */
export interface StartAuthTableOptions extends DynamoDBAdapterOptions {
  /** TCP port; `0` picks a free one. @default 0 */
  port?: number
  /** Interface to bind. Anything but loopback also needs `exposeOnNetwork: true`. @default "127.0.0.1" */
  host?: string
  /** Opt-in to bind a non-loopback `host`: the emulator has no authentication. @default false */
  exposeOnNetwork?: boolean
  /** Directory of a persistent store (dynalite's LevelDB). @default undefined: in memory */
  dataDir?: string
}

/**
 * A running emulator: a DynamoDB-compatible endpoint with the auth table, a client and an
 * adapter pointed at it. Stop it with `await table.stop()` or `await using table = …`.
 */
export class AuthTable implements AsyncDisposable {
  /** `http://127.0.0.1:PORT`, a real DynamoDB-compatible HTTP endpoint. */
  readonly endpoint: string
  readonly tableName: string
  /** The resolved key names of the table. */
  readonly keys: TableKeys
  /** A DynamoDBDocument pointed at the emulator, with authtable's `marshallOptions`. */
  readonly client: DynamoDBDocument
  /** `DynamoDBAdapter(table.client, keys)`. */
  readonly adapter: AuthTableAdapter
  /** Variables that point an app at this endpoint; see {@link AuthTableEnv}. */
  readonly env: AuthTableEnv
  readonly #backend: DynamoBackend
  #stopping: Promise<void> | undefined

  /** @internal use {@link startAuthTable}. */
  constructor(init: {
    endpoint: string
    keys: TableKeys
    client: DynamoDBDocument
    backend: DynamoBackend
  }) {
    this.endpoint = init.endpoint
    this.keys = init.keys
    this.tableName = init.keys.tableName
    this.client = init.client
    this.adapter = DynamoDBAdapter(init.client, init.keys)
    this.env = endpointEnv(init.endpoint)
    this.#backend = init.backend
  }

  /** Closes the clients, then the server and its store. Safe to call more than once. */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      this.client.destroy()
      await this.#backend.close()
    })()
    return this.#stopping
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop()
  }
}

/**
 * Boots dynalite in-process on loopback and creates the next-auth table with its GSI.
 *
 * @example
 * await using table = await startAuthTable()
 * const user = await table.adapter.createUser({ id: "u1", email: "a@example.com", emailVerified: null })
 */
export async function startAuthTable(options: StartAuthTableOptions = {}): Promise<AuthTable> {
  const keys = resolveTableKeys(options)
  const { port = 0, host = "127.0.0.1", exposeOnNetwork = false, dataDir } = options
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TypeError(
      `[authtable] Could not start: port must be an integer from 0 to 65535, got ${port}.`,
    )
  }
  if (!loopbackHosts.has(host) && !exposeOnNetwork) {
    throw new TypeError(
      `[authtable] Could not start: host "${host}" is not loopback, and the emulator has no authentication. Use host "127.0.0.1", or pass exposeOnNetwork: true (--host with the dev server) if you mean it.`,
    )
  }
  const backend = createDynaliteBackend({ path: dataDir })
  backend.server.on("request", backend.handle)
  const address = await listen(backend, port, host)
  const endpoint = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`
  const client = createLocalClient(endpoint)
  try {
    await ensureAuthTable(client, keys)
  } catch (error) {
    client.destroy()
    await backend.close()
    throw error
  }
  return new AuthTable({ endpoint, keys, client, backend })
}

async function listen(backend: DynamoBackend, port: number, host: string): Promise<AddressInfo> {
  const { server } = backend
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject)
      server.listen(port, host, () => {
        server.off("error", reject)
        resolve()
      })
    })
  } catch (error) {
    await backend.close().catch(() => {})
    const code = (error as NodeJS.ErrnoException).code
    if (code === "EADDRINUSE") {
      throw new AuthTableError(
        "PORT_IN_USE",
        `Could not start: port ${port} is in use. Pass --port ${port + 1} (port: ${port + 1}) or stop the other process.`,
        { cause: error },
      )
    }
    throw new AuthTableError(
      "START_FAILED",
      `Could not start on ${host}:${port}: ${(error as Error).message}.`,
      {
        cause: error,
      },
    )
  }
  return server.address() as AddressInfo
}
