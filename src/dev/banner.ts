import type { TableKeys } from "../adapter/index.js"

/** Colours the dev server may use; the CLI maps them to terminal styles, tests to nothing. */
export type Colour = "bold" | "dim" | "green" | "yellow" | "cyan" | "red"

/** Styles text for the terminal: `(colour, text) => text` prints plain. */
export type Paint = (colour: Colour, text: string) => string

/** Paints nothing. */
export const plain: Paint = (_colour, text) => text

/** What the ready banner reports. */
export interface BannerInfo {
  endpoint: string
  keys: TableKeys
  /** Absolute data dir, or `false` in memory. */
  dataDir: string | false
  sweepIntervalMs: number | false
  /** `--ttl-lag`: how long an expired item stays readable. */
  ttlLagMs?: number
  inspectorUrl: string
  env: Readonly<Record<string, string>>
  /** The address bound when it is not loopback (the endpoint then names loopback). */
  exposedOn?: string
  envFile?: string
  /** What `--seed` wrote, now or before. */
  seed?: { seed: number; users: number }
}

/**
 * The ready banner: where everything is, and the env block to paste into `.env.local`. The env
 * lines are printed unindented so that they copy cleanly.
 */
export function formatBanner(info: BannerInfo, paint: Paint = plain): string {
  const { keys } = info
  const rows: [string, string][] = [
    ["Endpoint", info.endpoint],
    [
      "Table",
      `${keys.tableName} (${keys.partitionKey}/${keys.sortKey}, index ${keys.indexName} ${keys.indexPartitionKey}/${keys.indexSortKey}, TTL on expires)`,
    ],
    ["Data dir", info.dataDir === false ? "in memory (--memory): gone on exit" : info.dataDir],
    [
      "TTL sweep",
      (info.sweepIntervalMs === false ? "off" : `every ${duration(info.sweepIntervalMs)}`) +
        (info.ttlLagMs ? `; expired items stay readable for ${duration(info.ttlLagMs)}` : ""),
    ],
    ["Inspector", info.inspectorUrl],
  ]
  if (info.seed) {
    rows.push(["Demo users", `${info.seed.users} seeded with faker seed ${info.seed.seed}`])
  }
  if (info.exposedOn) rows.push(["Listening", `${info.exposedOn} (reachable from the network)`])
  const envLines = Object.entries(info.env).map(([key, value]) => `${key}=${value}`)
  const envHint = info.envFile
    ? `Written to ${info.envFile}; the same block for any other .env file:`
    : "Paste into .env.local (or pass --write-env .env.local):"
  return [
    "",
    `${paint("green", "✔")} ${paint("bold", "authtable dev: local DynamoDB ready")}`,
    "",
    ...rows.map(([label, value]) => `  ${paint("dim", label.padEnd(11))} ${value}`),
    "",
    `  ${envHint}`,
    "",
    ...envLines.map((line) => paint("cyan", line)),
    "",
    `  ${paint("dim", info.dataDir === false ? "Ctrl-C stops it." : "Ctrl-C stops it; the data stays in the data dir.")}`,
    "",
  ].join("\n")
}

/** `5000` -> `5s`, `1500` -> `1500ms`, `60000` -> `1m`, `7200000` -> `2h`. */
export function duration(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000}d`
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`
  if (ms % 60_000 === 0) return `${ms / 60_000}m`
  if (ms % 1000 === 0) return `${ms / 1000}s`
  return `${ms}ms`
}

/** `count(1, "demo user")` -> `1 demo user`; `count(3, "demo user")` -> `3 demo users`. */
export function count(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : `${noun}s`}`
}
