import { type ParseArgsConfig, parseArgs } from "node:util"
import type { DevServerOptions } from "./server.js"

type OptionConfig = NonNullable<ParseArgsConfig["options"]>[string]

interface Flag {
  /** parseArgs option name. */
  name: string
  /** How the flag reads in the help, e.g. `--port <n>`. */
  usage: string
  type: OptionConfig["type"]
  short?: string
  /** Whether it may be given more than once (`--allow-origin a --allow-origin b`). */
  multiple?: boolean
  description: string
}

/** Every flag of `authtable dev`; the help and the table in docs/dev-server.md are this list. */
export const devFlags: readonly Flag[] = [
  flag("port", "--port <n>", "Endpoint and inspector port; 0 picks a free one. Default: 8000"),
  flag(
    "host",
    "--host <host>",
    "Interface to bind; non-loopback prints a warning. Default: 127.0.0.1",
  ),
  flag(
    "data-dir",
    "--data-dir <path>",
    "Where the data persists across restarts. Default: .authtable",
  ),
  flag("memory", "--memory", "Keep the data in memory only; nothing is written to disk."),
  flag("seed", "--seed [n]", "Seed n demo users with accounts and sessions, once. Default n: 10"),
  flag("reset", "--reset", "Empty the table before starting; schema and TTL stay."),
  flag(
    "sweep-interval",
    "--sweep-interval <t>",
    "TTL sweep interval: ms, or 500ms, 5s, 1m; 0 = off. Default: 5s",
  ),
  flag(
    "ttl-lag",
    "--ttl-lag <t>",
    "Keep expired items readable this long, as AWS does: 30s, 10m, 1h. Default: 0",
  ),
  flag(
    "write-env",
    "--write-env <file>",
    "Write the env block into this file (created if missing); other lines stay.",
  ),
  flag(
    "allow-origin",
    "--allow-origin <origin>",
    "Let this browser origin call the endpoint; repeatable. Default: none",
  ),
  flag("table", "--table <name>", "Table name. Default: next-auth"),
  flag("partition-key", "--partition-key <name>", "Partition key attribute. Default: pk"),
  flag("sort-key", "--sort-key <name>", "Sort key attribute. Default: sk"),
  flag("index-name", "--index-name <name>", "Global secondary index. Default: GSI1"),
  flag(
    "index-partition-key",
    "--index-partition-key <name>",
    "Index partition key. Default: GSI1PK",
  ),
  flag("index-sort-key", "--index-sort-key <name>", "Index sort key. Default: GSI1SK"),
  flag("version", "-v, --version", "Print authtable's version."),
  flag("help", "-h, --help", "Show this help."),
]

function flag(name: string, usage: string, description: string): Flag {
  // A flag whose usage names no value (`--memory`, `--seed [n]`) is a boolean to parseArgs.
  const type = usage.includes("<") ? "string" : "boolean"
  // `-h, --help` -> short "h".
  const short = /^-(\w), /.exec(usage)?.[1]
  return {
    name,
    usage,
    type,
    description,
    ...(short ? { short } : {}),
    ...(name === "allow-origin" ? { multiple: true } : {}),
  }
}

/** Flags people reach for that are spelled otherwise here. */
const renamed: Readonly<Record<string, string>> = {
  // Node reads `--env-file` itself, even after the script name (nodejs/node#54232).
  "--env-file": "--write-env",
  "--origin": "--allow-origin",
  "--in-memory": "--memory",
}

/** Every spelling of every flag of `authtable dev`: `--port`, `-h`, … */
export function devFlagNames(): Set<string> {
  return new Set(
    devFlags.flatMap(({ name, short }) => [`--${name}`, ...(short ? [`-${short}`] : [])]),
  )
}

/** Demo users `--seed` writes when it is given no number. */
export const defaultSeedUsers = 10

/** The text `authtable dev --help` prints. */
export function devHelp(): string {
  const width = Math.max(...devFlags.map((flag) => flag.usage.length)) + 2
  return [
    "Usage: authtable dev [flags]        (or: npm run dev:ddb -- [flags])",
    "",
    "A persistent local DynamoDB for next-auth / Auth.js development, with an inspector page.",
    "",
    "Flags:",
    ...devFlags.map((flag) => `  ${flag.usage.padEnd(width)}${flag.description}`),
    "",
  ].join("\n")
}

/** What the command line asks for: the help, the version, or a dev server with these options. */
export type DevCommand =
  | { help: true }
  | { version: true; help?: false }
  | { help: false; version?: false; options: DevServerOptions }

/**
 * Reads `authtable dev` flags with node:util parseArgs.
 * @throws TypeError naming the flag, for unknown flags and bad values.
 */
export function parseDevArgs(argv: readonly string[]): DevCommand {
  const options = Object.fromEntries(
    devFlags.map(({ name, type, short, multiple }) => [
      name,
      { type, ...(short ? { short } : {}), ...(multiple ? { multiple } : {}) },
    ]),
  ) as Record<string, OptionConfig>
  // `--seed` takes an optional number, which parseArgs has no type for: read it as a boolean and
  // take a number that follows it (`--seed 25`, `--seed=25`) from the tokens.
  const args = argv.flatMap((arg) => (arg.startsWith("--seed=") ? ["--seed", arg.slice(7)] : arg))
  checkFlagNames(args)
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true, tokens: true })
  } catch (error) {
    throw parseArgsError(error as Error)
  }
  const { values, tokens = [] } = parsed
  if (values.help) return { help: true }
  if (values.version) return { version: true }

  let seedUsers: number | undefined
  const positionals = tokens.filter((token) => token.kind === "positional")
  for (const token of positionals) {
    const previous = tokens[tokens.indexOf(token) - 1]
    if (previous?.kind === "option" && previous.name === "seed") {
      seedUsers = integer("--seed", token.value, 1, 100_000)
    } else {
      throw new TypeError(
        `[authtable] Could not read the flags: unexpected argument "${token.value}". Run authtable dev --help.`,
      )
    }
  }
  if (values.seed) seedUsers ??= defaultSeedUsers

  const string = (name: string) => values[name] as string | undefined
  if (values.memory && string("data-dir") !== undefined) {
    throw new TypeError(
      "[authtable] Could not read the flags: --memory and --data-dir exclude each other. Pass one of them.",
    )
  }
  const port = string("port")
  const sweep = string("sweep-interval")
  const lag = string("ttl-lag")
  const origins = values["allow-origin"] as string[] | undefined
  return {
    help: false,
    options: {
      port: port === undefined ? undefined : integer("--port", port, 0, 65535),
      host: string("host"),
      exposeOnNetwork: string("host") !== undefined,
      dataDir: values.memory ? false : string("data-dir"),
      seedUsers,
      reset: values.reset === true,
      sweepIntervalMs: sweep === undefined ? undefined : parseDuration(sweep),
      ttlLagMs: lag === undefined ? undefined : parseDuration(lag, "--ttl-lag") || 0,
      envFile: string("write-env"),
      allowOrigins: origins?.map((origin) => checkOrigin(origin)),
      tableName: string("table"),
      partitionKey: string("partition-key"),
      sortKey: string("sort-key"),
      indexName: string("index-name"),
      indexPartitionKey: string("index-partition-key"),
      indexSortKey: string("index-sort-key"),
    },
  }
}

const units = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const

/**
 * `5000`, `500ms`, `5s`, `1m`, `2h`, `1d` -> milliseconds; `0` or `off` -> `false`.
 * @throws TypeError naming `flag`, for anything else.
 */
export function parseDuration(text: string, flag = "--sweep-interval"): number | false {
  if (text === "off") return false
  const match = /^(\d+)(ms|s|m|h|d)?$/.exec(text.trim())
  if (!match) {
    throw new TypeError(
      `[authtable] Could not read ${flag}: "${text}" is not a duration. Pass milliseconds or 500ms, 5s, 1m, 1h, 1d; 0 turns it off.`,
    )
  }
  const ms = Number(match[1]) * units[(match[2] ?? "ms") as keyof typeof units]
  return ms === 0 ? false : ms
}

function integer(flag: string, text: string, min: number, max: number): number {
  const value = Number(text)
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new TypeError(
      `[authtable] Could not read ${flag}: expected a whole number from ${min} to ${max}, got "${text}".`,
    )
  }
  return value
}

/**
 * Refuses a flag `authtable dev` does not have, in one line naming the nearest one, before
 * parseArgs would answer with its own text about positional arguments.
 * @throws TypeError `[authtable] Unknown flag --prot. Did you mean --port? …`
 */
function checkFlagNames(args: readonly string[]): void {
  const known = devFlagNames()
  const takesValue = new Set(
    devFlags.filter((flag) => flag.type === "string").map((flag) => `--${flag.name}`),
  )
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    if (arg === "--") return
    if (!arg.startsWith("-") || arg === "-" || /^-\d/.test(arg)) continue
    const spelling = arg.startsWith("--") ? arg.split("=", 1)[0]! : arg.slice(0, 2)
    if (!known.has(spelling)) {
      const nearest = renamed[spelling] ?? nearestFlag(spelling, [...known])
      const hint = nearest ? ` Did you mean ${nearest}?` : ""
      throw new TypeError(`[authtable] Unknown flag ${spelling}.${hint} See authtable dev --help.`)
    }
    // The next argument is this flag's value (`--table -x`), not a flag.
    if (takesValue.has(spelling) && !arg.includes("=")) i++
  }
}

/** The known flag closest to `typed` by edit distance, if any is close enough to be a typo. */
function nearestFlag(typed: string, known: readonly string[]): string | undefined {
  let best: { flag: string; distance: number } | undefined
  for (const flag of known.filter((spelling) => spelling.startsWith("--"))) {
    const distance = editDistance(typed, flag)
    if (!best || distance < best.distance) best = { flag, distance }
  }
  const name = typed.replace(/^-+/, "")
  if (best && best.distance <= Math.max(2, Math.floor(name.length / 3))) return best.flag
  // `--part` for `--partition-key`: a prefix of exactly one flag.
  const prefixed = known.filter((flag) => name.length >= 3 && flag.startsWith(`--${name}`))
  return prefixed.length === 1 ? prefixed[0] : undefined
}

/** Damerau–Levenshtein distance (optimal string alignment): `--prot` is 1 from `--port`. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  )
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      const row = d[i]!
      row[j] = Math.min(d[i - 1]![j]! + 1, row[j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1)
      }
    }
  }
  return d[a.length]![b.length]!
}

/** `--allow-origin` takes an origin exactly as a browser sends it: scheme, host and port. */
function checkOrigin(origin: string): string {
  if (!/^https?:\/\/[^/\s]+\/?$/.test(origin)) {
    throw new TypeError(
      `[authtable] Could not read --allow-origin: "${origin}" is not an origin. Pass scheme, host and port only, e.g. --allow-origin http://localhost:3000.`,
    )
  }
  return origin
}

/** parseArgs' own errors, in authtable's one line: which flag, and what to write instead. */
function parseArgsError(error: Error): TypeError {
  const flag = /Option '(?:-\w, )?(--?[\w-]+)/.exec(error.message)?.[1]
  if (flag && /argument missing/.test(error.message)) {
    return new TypeError(
      `[authtable] Could not read ${flag}: it needs a value. See authtable dev --help.`,
    )
  }
  if (flag && /ambiguous/.test(error.message)) {
    return new TypeError(
      `[authtable] Could not read ${flag}: its value starts with a dash. Write ${flag}=<value>.`,
    )
  }
  const first = error.message.split("\n", 1)[0]?.replace(/\.$/, "")
  return new TypeError(`[authtable] Could not read the flags: ${first}. See authtable dev --help.`)
}
