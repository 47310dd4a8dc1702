import type { IncomingMessage, ServerResponse } from "node:http"
import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import {
  type AuthTableAdapter,
  AuthTableError,
  DynamoDBAdapter,
  type TableKeys,
} from "../adapter/index.js"
import { type Seeder, seedTable } from "../fixtures/index.js"
import {
  type ResolvedStartOptions,
  resolveStartOptions,
  type StartAuthTableOptions,
  toEpochMs,
} from "./_start-options.js"
import { createLocalClient } from "./client.js"
import { createEngine, type Engine, type InProcessHandler, settleWithin } from "./engine/index.js"
import { type AuthTableEnv, endpointEnv } from "./env.js"
import { authTableSchema } from "./schema.js"
import { type SweepResult, type SweptItem, sweepEngine } from "./sweeper.js"
import { ensureAuthTable, ensureTimeToLive, waitUntilServing } from "./table-lifecycle.js"

export type { StartAuthTableOptions } from "./_start-options.js"

/** How long stop() waits for a background sweep and for requests in flight. */
const stopGraceMs = 2000

/** Options of {@link AuthTable.sweep}. */
export interface AuthTableSweepOptions {
  /** The time to sweep at. @default the handle's clock (`options.now`, else `Date.now()`) */
  now?: Date | number
  /** Called (and awaited) for each deleted item, after `onSweepDelete`. */
  onDelete?: (deleted: SweptItem) => void | Promise<void>
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
  /**
   * A DynamoDBDocument pointed at the emulator, with authtable's `marshallOptions`. By default
   * its requests are served in this process, without a socket (see the `transport` option).
   */
  readonly client: DynamoDBDocument
  /** `DynamoDBAdapter(table.client, keys)`. */
  readonly adapter: AuthTableAdapter
  /** Variables that point an app at this endpoint; see {@link AuthTableEnv}. */
  readonly env: AuthTableEnv
  /**
   * Fixtures written to this table (`table.seed.signedIn()`, `.user()`, `.magicLink()`, …),
   * seeded by the `seed` option and counting expiries from the `now` clock. Made on first use:
   * a boot that never seeds does not build the fixtures.
   */
  get seed(): Seeder {
    this.#seeder ??= seedTable(this.client, this.keys, {
      seed: this.#options.seed,
      now: this.#options.now,
      // Straight to the store: the same items BatchWriteItem would leave, many times faster.
      writeItems: (items) => this.#engine.putItems(this.tableName, items),
    })
    return this.#seeder
  }
  #seeder: Seeder | undefined
  readonly #engine: Engine
  readonly #handler: InProcessHandler | undefined
  readonly #options: ResolvedStartOptions
  #timer: ReturnType<typeof setInterval> | undefined
  #sweepQueue: Promise<unknown> = Promise.resolve()
  #backgroundSweep: Promise<unknown> | undefined
  #stopping: Promise<void> | undefined

  /** @internal use {@link startAuthTable}. */
  constructor(init: {
    endpoint: string
    client: DynamoDBDocument
    engine: Engine
    handler: InProcessHandler | undefined
    options: ResolvedStartOptions
  }) {
    this.endpoint = init.endpoint
    this.keys = init.options.keys
    this.tableName = this.keys.tableName
    this.client = init.client
    this.adapter = DynamoDBAdapter(init.client, this.keys)
    this.env = endpointEnv(init.endpoint)
    this.#engine = init.engine
    this.#handler = init.handler
    this.#options = init.options
    const interval = init.options.sweepIntervalMs
    if (interval !== false) {
      // Whatever setInterval is global now: under vi.useFakeTimers() it only fires when the test
      // advances timers. unref'd, so a forgotten stop() never keeps a process alive.
      this.#timer = setInterval(() => this.#sweepInBackground(), interval)
      this.#timer.unref?.()
    }
  }

  /**
   * One TTL pass over every table on the endpoint that has TTL enabled (see the README's "TTL"
   * section for the rules). `now` defaults to the handle's clock, read at each call.
   * @returns how many items went, and the items as they were.
   */
  async sweep(options: AuthTableSweepOptions = {}): Promise<SweepResult> {
    // async: a stopped handle or a bad `now` rejects, as callers awaiting it expect.
    return this.#sweep(options, false)
  }

  /** Sweeps one at a time: a sweep asked for while another runs starts when it ends. */
  #sweep(options: AuthTableSweepOptions, background: boolean): Promise<SweepResult> {
    this.#assertRunning("sweep")
    const now = options.now === undefined ? undefined : toEpochMs(options.now, "now")
    const next = this.#sweepQueue.then(async () => {
      const result = await this.#sweepOnce(now ?? this.#options.now(), options.onDelete)
      this.#options.onSweep?.(result, { background })
      return result
    })
    this.#sweepQueue = next.catch(() => {})
    return next
  }

  async #sweepOnce(now: number, onDelete: AuthTableSweepOptions["onDelete"]) {
    const { onSweepDelete, ttlLagMs } = this.#options
    // In the store, as the public sweepExpiredItems does through the API, many times faster.
    return sweepEngine(this.#engine, {
      now,
      lagMs: ttlLagMs,
      onDelete:
        onSweepDelete || onDelete
          ? async (deleted) => {
              await onSweepDelete?.(deleted)
              await onDelete?.(deleted)
            }
          : undefined,
    })
  }

  /**
   * Empties the table (items and index entries) in the store, keeping its schema and TTL
   * setting: far cheaper than DeleteTable + CreateTable. Safe with requests in flight: it waits
   * for them to finish and holds new ones until the table is empty, so every request sees the
   * table either before or after the reset, never half-emptied.
   */
  async reset(): Promise<void> {
    this.#assertRunning("reset")
    await this.#engine.clearTable(this.tableName, [this.keys.indexName])
  }

  /**
   * Stops the sweep timer, waits (up to 2 s each) for a background sweep and the requests in
   * flight, closes the client, the server (dropping remaining connections) and the store. It
   * resolves once no socket or server handle of the emulator is left. Safe to call more than once.
   */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      clearInterval(this.#timer)
      // Bounded waits: a request stuck for good (a client of the test's own, waiting for a timer
      // vi.useFakeTimers() froze) must not hang stop(); its connection is dropped below.
      await settleWithin(this.#backgroundSweep, stopGraceMs)
      this.client.destroy()
      await settleWithin(this.#engine.drain(), stopGraceMs)
      await this.#engine.close()
    })()
    return this.#stopping
  }

  /**
   * Serves HTTP requests under `prefix` (e.g. `/_authtable/`) on this emulator's server, behind
   * the same front door as the DynamoDB endpoint (loopback Host only, browser origins refused
   * unless allowed). The dev console is served this way.
   */
  route(prefix: string, listener: (req: IncomingMessage, res: ServerResponse) => void): void {
    this.#engine.route(prefix, listener)
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop()
  }

  #sweepInBackground() {
    if (this.#backgroundSweep || this.#stopping) return
    this.#backgroundSweep = this.#sweep({}, true)
      .catch((error: unknown) => {
        if (this.#stopping) return
        const { onSweepError } = this.#options
        if (onSweepError) onSweepError(error)
        else console.warn(`[authtable] Could not sweep expired items: ${(error as Error).message}`)
      })
      .finally(() => {
        this.#backgroundSweep = undefined
      })
  }

  #assertRunning(action: string) {
    if (!this.#stopping) return
    throw new AuthTableError(
      "STOPPED",
      `Could not ${action}: this emulator was stopped. Start another with startAuthTable().`,
    )
  }
}

/**
 * Boots dynalite in-process on loopback behind authtable's router (TTL API, reset), creates
 * the next-auth table with its GSI when missing, and enables TTL on `expires`.
 *
 * @example
 * await using table = await startAuthTable()
 * const user = await table.adapter.createUser({ id: "u1", email: "a@example.com", emailVerified: null })
 */
export async function startAuthTable(options: StartAuthTableOptions = {}): Promise<AuthTable> {
  const resolved = resolveStartOptions(options)
  const { keys, port, host } = resolved
  const engine = await createEngine({
    port,
    host,
    dataDir: resolved.dataDir,
    allowOrigins: resolved.allowOrigins,
  })
  for (const warning of engine.warnings) console.warn(`[authtable] ${warning}`)
  const handler = resolved.transport === "in-process" ? engine.createInProcessHandler() : undefined
  const client = createLocalClient(engine.endpoint, {
    requestHandler: handler,
    lean: handler !== undefined,
  })
  try {
    // A table that exists already (in a dataDir), or a CreateTable the engine refuses (a bad
    // name), goes through the endpoint as any client's would: checked, or failing as AWS fails.
    if (!(await createInEngine(engine, keys))) {
      await ensureAuthTable(client, keys)
      await ensureTimeToLive(client, keys.tableName, "expires")
    }
  } catch (error) {
    client.destroy()
    await engine.close()
    throw error
  }
  return new AuthTable({ endpoint: engine.endpoint, client, engine, handler, options: resolved })
}

/**
 * Creates the auth table with TTL on `expires` in the engine itself, without the SDK: a new
 * store's table costs no CreateTable, DescribeTable or TTL request (nor the SDK's first, cold
 * run of each), and the first request a test makes is the first the client sends.
 * @returns whether the table was created (false: it exists, or the engine refused it).
 */
async function createInEngine(engine: Engine, keys: TableKeys): Promise<boolean> {
  const { status } = await engine.request("CreateTable", { ...authTableSchema(keys) })
  if (status !== 200) return false
  // dynalite marks a new table ACTIVE on a 0 ms setTimeout, a few turns of the event loop away
  // (unless a test has faked setTimeout, which then never fires): read it on every turn, as a
  // read costs no request.
  await waitUntilServing(
    keys.tableName,
    () => engine.getTable(keys.tableName),
    {
      ms: activeWithinMs,
      error: () =>
        new AuthTableError(
          "START_FAILED",
          `Could not start: table "${keys.tableName}" did not become ACTIVE, because setTimeout is faked (vi.useFakeTimers() or jest.useFakeTimers() before the emulator started). Start it before faking timers (setupAuthTable() starts it in beforeAll), or fake only the clock: vi.useFakeTimers({ toFake: ["Date"] }).`,
        ),
    },
    [0],
  )
  await engine.enableTimeToLive(keys.tableName, "expires")
  return true
}

/** How long a new table may take to become ACTIVE: far more than dynalite's 0 ms timer. */
const activeWithinMs = 2000
