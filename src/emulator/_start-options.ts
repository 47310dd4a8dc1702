import { type DynamoDBAdapterOptions, resolveTableKeys, type TableKeys } from "../adapter/index.js"
import type { SweepResult, SweptItem } from "./sweeper.js"

/** Options of {@link startAuthTable}. Key options are the adapter's. */
export interface StartAuthTableOptions extends DynamoDBAdapterOptions {
  /** TCP port; `0` picks a free one. @default 0 */
  port?: number
  /** Interface to bind. Anything but loopback also needs `exposeOnNetwork: true`. @default "127.0.0.1" */
  host?: string
  /** Opt-in to bind a non-loopback `host`: the emulator has no authentication. @default false */
  exposeOnNetwork?: boolean
  /**
   * Directory of a persistent store (dynalite's LevelDB); data and TTL settings survive a
   * restart. Created when missing; an existing directory must be empty or a LevelDB store.
   * @default undefined: in memory
   */
  dataDir?: string
  /**
   * Sweep expired items in the background every this many milliseconds (an unref'd timer,
   * stopped by `stop()`). `false` sweeps only when you call `table.sweep()`.
   * @default false
   */
  sweepIntervalMs?: number | false
  /**
   * The clock TTL decisions use, in epoch milliseconds, read at every sweep.
   * @default () => Date.now() (so `vi.setSystemTime()` moves it)
   */
  now?: () => number
  /**
   * Mimics AWS's lag: an item is deleted only once it has been expired this long, so a test
   * can prove that the code under test ignores expired items itself.
   * @default 0
   */
  ttlLagMs?: number
  /** Called (and awaited) for each item any sweep deletes, background sweeps included. */
  onSweepDelete?: (deleted: SweptItem) => void | Promise<void>
  /** Called after each sweep, background or `table.sweep()`, with what it deleted. */
  onSweep?: (result: SweepResult, info: { background: boolean }) => void
  /** Called when a background sweep fails. @default a `console.warn` */
  onSweepError?: (error: unknown) => void
  /**
   * How `table.client` (and so `table.adapter`, `table.seed`, sweeps) reaches the emulator.
   * `"in-process"` hands each request to the emulator's request handler in memory, with no
   * socket, and goes over HTTP by itself while msw (or another interceptor of Node's http
   * client) is listening, so faults and unhandled-request checks still see every request.
   * `"http"` always goes through `table.endpoint`. Other clients use `table.endpoint` either way.
   * @default "in-process"
   */
  transport?: "in-process" | "http"
  /**
   * Browser origins allowed to call the endpoint (`["http://localhost:3000"]`). Requests with any
   * other `Origin` header get a 403, so no web page can read the table; the AWS SDK in Node sends
   * no `Origin`, so apps and tests need nothing here.
   * @default []
   */
  allowOrigins?: readonly string[]
  /**
   * Faker seed of `table.seed`: everything it writes is reproducible, ids included; scenario
   * expiries count from `now`. @default a random seed, reported as `table.seed.fixtures.seed`
   */
  seed?: number
}

/** {@link StartAuthTableOptions} checked, with defaults filled in. */
export interface ResolvedStartOptions {
  keys: TableKeys
  port: number
  host: string
  dataDir: string | undefined
  sweepIntervalMs: number | false
  now: () => number
  ttlLagMs: number
  onSweepDelete: StartAuthTableOptions["onSweepDelete"]
  onSweep: StartAuthTableOptions["onSweep"]
  onSweepError: StartAuthTableOptions["onSweepError"]
  seed: number | undefined
  transport: "in-process" | "http"
  allowOrigins: readonly string[]
}

const loopbackHosts = new Set(["127.0.0.1", "localhost", "::1"])

const invalid = (message: string) => new TypeError(`[authtable] Could not start: ${message}`)

/** Validates options up front. @throws TypeError naming the option and the fix. */
export function resolveStartOptions(options: StartAuthTableOptions): ResolvedStartOptions {
  const keys = resolveTableKeys(options)
  const { port = 0, host = "127.0.0.1", exposeOnNetwork = false, dataDir } = options
  const { sweepIntervalMs = false, ttlLagMs = 0, now = () => Date.now(), onSweepDelete } = options
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw invalid(`port must be an integer from 0 to 65535, got ${port}.`)
  }
  if (!loopbackHosts.has(host) && !exposeOnNetwork) {
    throw invalid(
      `host "${host}" is not loopback, and the emulator has no authentication. Use host "127.0.0.1", or pass exposeOnNetwork: true (--host with the dev server) if you mean it.`,
    )
  }
  if (dataDir !== undefined && (typeof dataDir !== "string" || dataDir.length === 0)) {
    throw invalid(`dataDir must be a non-empty path, got ${JSON.stringify(dataDir)}.`)
  }
  if (
    sweepIntervalMs !== false &&
    !(typeof sweepIntervalMs === "number" && sweepIntervalMs > 0 && sweepIntervalMs < 2 ** 31)
  ) {
    throw invalid(
      `sweepIntervalMs must be false or a positive number of milliseconds, got ${sweepIntervalMs}.`,
    )
  }
  if (!(typeof ttlLagMs === "number" && ttlLagMs >= 0 && Number.isFinite(ttlLagMs))) {
    throw invalid(`ttlLagMs must be a number of milliseconds >= 0, got ${ttlLagMs}.`)
  }
  if (typeof now !== "function") {
    throw invalid("now must be a function returning epoch milliseconds, like () => Date.now().")
  }
  const { onSweep, onSweepError } = options
  for (const [name, hook] of Object.entries({ onSweepDelete, onSweep, onSweepError })) {
    if (hook !== undefined && typeof hook !== "function")
      throw invalid(`${name} must be a function.`)
  }
  const { seed } = options
  if (seed !== undefined && !Number.isSafeInteger(seed)) {
    throw invalid(`seed must be an integer, got ${JSON.stringify(seed)}.`)
  }
  const { transport = "in-process" } = options
  if (transport !== "in-process" && transport !== "http") {
    throw invalid(`transport must be "in-process" or "http", got ${JSON.stringify(transport)}.`)
  }
  const { allowOrigins = [] } = options
  if (
    !Array.isArray(allowOrigins) ||
    allowOrigins.some((o) => !/^https?:\/\/[^/\s]+\/?$/.test(String(o)))
  ) {
    throw invalid(
      `allowOrigins must be a list of origins like "http://localhost:3000", got ${JSON.stringify(allowOrigins)}.`,
    )
  }
  return {
    allowOrigins,
    keys,
    port,
    host,
    dataDir,
    sweepIntervalMs,
    now,
    ttlLagMs,
    onSweepDelete,
    onSweep,
    onSweepError,
    seed,
    transport,
  }
}

/** `Date | number` (epoch ms) to epoch ms. */
export function toEpochMs(value: Date | number, name: string): number {
  const ms = value instanceof Date ? value.getTime() : value
  if (typeof ms !== "number" || !Number.isFinite(ms)) {
    throw new TypeError(
      `[authtable] Could not sweep: ${name} must be a Date or epoch milliseconds, got ${String(value)}.`,
    )
  }
  return ms
}
