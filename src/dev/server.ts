import { resolve } from "node:path"
import { createLayout, type DynamoDBAdapterOptions, resolveTableKeys } from "../adapter/index.js"
import { type AuthTable, endpointEnv, startAuthTable } from "../emulator/index.js"
import { count, formatBanner, type Paint, plain } from "./banner.js"
import { checkEnvFileFolder, writeEnvFile } from "./env-file.js"
import { createInspectorActions } from "./inspector/actions.js"
import { createItemActions } from "./inspector/item-actions.js"
import { createKeyRefs } from "./inspector/key-ref.js"
import { createInspectorRoute, inspectorPath } from "./inspector/routes.js"
import { createDevMailbox } from "./mailbox.js"
import { type SeedReport, seedMore, seedOnce } from "./seed.js"
import { createSweepHistory, describeSweep, summarizeSweep } from "./sweep-log.js"

/** Where `authtable dev` writes its lines; the CLI prints them, tests collect them. */
export interface DevLog {
  info(line: string): void
  warn(line: string): void
  /** Progress of a long step, `done`/`total` of `unit`; the CLI redraws one line on a terminal. */
  progress(label: string, done: number, total: number, unit?: string): void
}

/** Options of {@link startDevServer}: the flags of `authtable dev`, and the adapter's key options. */
export interface DevServerOptions extends DynamoDBAdapterOptions {
  /** @default 8000 */
  port?: number | undefined
  /** @default "127.0.0.1" */
  host?: string | undefined
  /** Required for a non-loopback `host`: the endpoint has no authentication. @default false */
  exposeOnNetwork?: boolean | undefined
  /** Persistent store, resolved against the working directory; `false` keeps it in memory. @default ".authtable" */
  dataDir?: string | false | undefined
  /** Demo users to seed once per data dir (with accounts and sessions). @default undefined: none */
  seedUsers?: number | undefined
  /** Empty the table before anything else. @default false */
  reset?: boolean | undefined
  /** @default 5000 */
  sweepIntervalMs?: number | false | undefined
  /** How long expired items stay readable before a sweep deletes them (`--ttl-lag`). @default 0 */
  ttlLagMs?: number | undefined
  /**
   * A dotenv file (e.g. `.env.local`) to write the env block into (`--write-env`); created when
   * missing, in a folder that must exist.
   */
  envFile?: string | undefined
  /** Browser origins allowed to call the endpoint (`--allow-origin`). @default [] */
  allowOrigins?: readonly string[] | undefined
  log?: DevLog | undefined
  paint?: Paint | undefined
}

/** A running `authtable dev`. */
export interface DevServer {
  /** The DynamoDB endpoint apps use: `http://127.0.0.1:8000`. */
  readonly endpoint: string
  readonly inspectorUrl: string
  /** The emulator behind the endpoint. */
  readonly table: AuthTable
  /** The ready banner, printed by the CLI. */
  readonly banner: string
  /** Stops accepting requests, lets those in flight finish, then closes the store. */
  stop(): Promise<void>
}

const loopbackHosts = new Set(["127.0.0.1", "localhost", "::1"])
const silent: DevLog = { info() {}, warn() {}, progress() {} }

/**
 * Starts the dev server: the emulator, a public listener that serves the DynamoDB endpoint and
 * the inspector on one port, TTL sweeping on an interval, and optional reset, seeding and env
 * file. This is `authtable dev` / `npm run dev:ddb` without the process handling.
 */
export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const keys = resolveTableKeys(options)
  const layout = createLayout(keys)
  const { port = 8000, host = "127.0.0.1", log = silent, paint = plain } = options
  const sweepIntervalMs = options.sweepIntervalMs ?? 5000
  const dataDir = options.dataDir === false ? false : resolve(options.dataDir ?? ".authtable")
  const exposed = !loopbackHosts.has(host)
  if (exposed && !options.exposeOnNetwork) {
    throw new TypeError(
      `[authtable] Could not start: host "${host}" is not loopback. Pass --host ${host} explicitly (exposeOnNetwork: true) if you mean it.`,
    )
  }

  if (options.envFile) await checkEnvFileFolder(options.envFile)

  const sweeps = createSweepHistory()
  const table = await startAuthTable({
    ...keys,
    port,
    host,
    exposeOnNetwork: exposed,
    dataDir: dataDir || undefined,
    allowOrigins: options.allowOrigins ?? [],
    sweepIntervalMs,
    ttlLagMs: options.ttlLagMs ?? 0,
    onSweep: (result, { background }) => {
      const summary = summarizeSweep(result.items, layout)
      sweeps.record(summary, background, Date.now())
      if (background && result.deleted > 0) log.info(`TTL sweep ${describeSweep(summary)}`)
    },
    onSweepError: (error) => log.warn(`Could not sweep: ${(error as Error).message}`),
  })
  const { endpoint } = table
  const stopAll = () => table.stop()

  let seeded: SeedReport | undefined
  try {
    if (options.reset) {
      await table.reset()
      log.info(`emptied table ${keys.tableName} (--reset)`)
    }
    if (options.seedUsers !== undefined) {
      const users = options.seedUsers
      seeded = await seedOnce(table, layout, users, (done, total) =>
        log.progress(`seeding ${count(users, "demo user")}`, done, total, "items"),
      )
    }
    const refs = createKeyRefs()
    table.route(
      inspectorPath,
      createInspectorRoute({
        tableName: keys.tableName,
        endpoint,
        mailbox: createDevMailbox(),
        sweeps,
        refs,
        items: createItemActions({ client: table.client, refs }),
        actions: createInspectorActions({
          client: table.client,
          adapter: table.adapter,
          layout,
          refs,
          now: Date.now,
          sweeps,
          sweep: async () => summarizeSweep((await table.sweep()).items, layout),
          seedMore: (users) => seedMore(table, layout, users),
        }),
      }),
    )
  } catch (error) {
    await stopAll()
    throw error
  }

  const env = endpointEnv(endpoint)
  if (options.envFile) {
    const change = await writeEnvFile(options.envFile, env)
    const what = change.created ? "created" : change.added.length > 0 ? "updated" : "checked"
    const kept = change.created ? "" : ", other lines kept"
    log.info(`${what} ${options.envFile} (${Object.keys(env).length} keys${kept})`)
  }
  if (exposed) {
    const port = new URL(endpoint).port
    log.warn(
      `listening on ${host}:${port}: the DynamoDB endpoint and the inspector (/_authtable/) are open, with no password, to every device that can reach this machine on port ${port}. Anyone there can read and change the table, its sessions and tokens. Use --host 127.0.0.1 unless you need that.`,
    )
  }
  if (seeded) log.info(seeded.message)

  const banner = formatBanner(
    {
      endpoint,
      keys,
      dataDir,
      sweepIntervalMs,
      ttlLagMs: options.ttlLagMs ?? 0,
      inspectorUrl: endpoint + inspectorPath,
      env,
      exposedOn: exposed ? host : undefined,
      envFile: options.envFile,
      seed: seeded?.marker,
    },
    paint,
  )
  let stopping: Promise<void> | undefined
  return {
    endpoint,
    inspectorUrl: endpoint + inspectorPath,
    table,
    banner,
    stop: () => {
      stopping ??= stopAll()
      return stopping
    },
  }
}
