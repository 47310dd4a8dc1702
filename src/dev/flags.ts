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
  description: string
}

/** Every flag of `authtable dev`; the help and the README's table are this list. */
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
    "env-file",
    "--env-file <path>",
    "Write the env block into this file (.env.local), keeping other lines.",
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
  flag("help", "-h, --help", "Show this help."),
]

function flag(name: string, usage: string, description: string): Flag {
  // A flag whose usage names no value (`--memory`, `--seed [n]`) is a boolean to parseArgs.
  const type = usage.includes("<") ? "string" : "boolean"
  return { name, usage, type, description, ...(name === "help" ? { short: "h" } : {}) }
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

/** What the command line asks for: the help, or a dev server with these options. */
export type DevCommand = { help: true } | { help: false; options: DevServerOptions }

/**
 * Reads `authtable dev` flags with node:util parseArgs.
 * @throws TypeError naming the flag, for unknown flags and bad values.
 */
export function parseDevArgs(argv: readonly string[]): DevCommand {
  const options = Object.fromEntries(
    devFlags.map(({ name, type, short }) => [name, short ? { type, short } : { type }]),
  ) as Record<string, OptionConfig>
  // `--seed` takes an optional number, which parseArgs has no type for: read it as a boolean and
  // take a number that follows it (`--seed 25`, `--seed=25`) from the tokens.
  const args = argv.flatMap((arg) => (arg.startsWith("--seed=") ? ["--seed", arg.slice(7)] : arg))
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true, tokens: true })
  } catch (error) {
    throw new TypeError(
      `[authtable] Could not read the flags: ${(error as Error).message} Run authtable dev --help.`,
    )
  }
  const { values, tokens = [] } = parsed
  if (values.help) return { help: true }

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
      envFile: string("env-file"),
      tableName: string("table"),
      partitionKey: string("partition-key"),
      sortKey: string("sort-key"),
      indexName: string("index-name"),
      indexPartitionKey: string("index-partition-key"),
      indexSortKey: string("index-sort-key"),
    },
  }
}

const units = { ms: 1, s: 1000, m: 60_000 } as const

/**
 * `5000`, `500ms`, `5s`, `1m` -> milliseconds; `0` or `off` -> `false` (no sweeping).
 * @throws TypeError for anything else.
 */
export function parseDuration(text: string): number | false {
  if (text === "off") return false
  const match = /^(\d+)(ms|s|m)?$/.exec(text.trim())
  if (!match) {
    throw new TypeError(
      `[authtable] Could not read --sweep-interval: "${text}" is not a duration. Pass milliseconds or 500ms, 5s, 1m; 0 turns sweeping off.`,
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
