#!/usr/bin/env node
/**
 * The `authtable` command. `authtable dev` (also `npm run dev:ddb`) runs a persistent local
 * DynamoDB with the auth table and an inspector page until Ctrl-C.
 */
import { readFileSync } from "node:fs"
import { styleText } from "node:util"
import { AuthTableError } from "./adapter/index.js"
import {
  type Colour,
  type DevLog,
  type DevServer,
  devFlagNames,
  devHelp,
  type Paint,
  parseDevArgs,
  startDevServer,
} from "./dev/index.js"

// With the terminal or the pipe gone, logging must not crash a shutdown that closes the store.
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {})

// The SDK's Node-version notice is about the app's SDK, not the dev server's own clients.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true"

const usage = `Usage: authtable <command> [flags]

Commands:
  dev    Run a persistent local DynamoDB for next-auth / Auth.js, with an inspector page.
         Same as \`npm run dev:ddb\`. \`authtable dev --help\` lists its flags.
  help   Show this help; \`authtable help dev\` shows the flags of dev.

Flags:
  -v, --version   Print authtable's version.
  -h, --help      Show this help.
`

/** The package's version: src/cli.ts and dist/cli.js both sit one folder below package.json. */
function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"))
  return `${pkg.version}\n`
}

const colours =
  process.stdout.isTTY === true && !process.env.NO_COLOR && process.env.TERM !== "dumb"
const paint: Paint = (colour: Colour, text: string) => (colours ? styleText(colour, text) : text)

function timestamp() {
  return new Date().toTimeString().slice(0, 8)
}

const log: DevLog = {
  info: (line) => console.log(`${paint("dim", `[authtable] ${timestamp()}`)} ${line}`),
  warn: (line) => console.error(paint("yellow", `[authtable] ${timestamp()} warning: ${line}`)),
  progress(label, done, total, unit) {
    const count = `${done}/${total}${unit ? ` ${unit}` : ""}`
    if (process.stdout.isTTY) {
      process.stdout.write(`\r[authtable] ${label}: ${count}${done === total ? "\n" : ""}`)
    } else if (done === total) log.info(`${label}: ${count}`)
  },
}

/** Prints a failure as the one line `[authtable] Could not …` and sets the exit code. */
function fail(error: unknown, exitCode: number): void {
  const message = error instanceof Error ? error.message : String(error)
  console.error(
    paint("red", message.startsWith("[authtable]") ? message : `[authtable] ${message}`),
  )
  if (!(error instanceof AuthTableError || error instanceof TypeError) && error instanceof Error) {
    console.error(error.stack)
  }
  process.exitCode = exitCode
}

async function dev(argv: string[]): Promise<void> {
  const parent = process.ppid
  let command: ReturnType<typeof parseDevArgs>
  try {
    command = parseDevArgs(argv)
  } catch (error) {
    return fail(error, 2)
  }
  if (command.help) {
    process.stdout.write(devHelp())
    return
  }
  if (command.version) {
    process.stdout.write(version())
    return
  }
  let server: DevServer
  try {
    server = await startDevServer({ ...command.options, log, paint })
  } catch (error) {
    return fail(error, 1)
  }
  let stopping = false
  const stop = (reason: string) => {
    if (stopping) {
      log.warn(`${reason} again: exiting without waiting for requests in flight`)
      process.exit(1)
    }
    stopping = true
    log.info(`${reason}: finishing requests in flight and closing the store…`)
    server.stop().then(
      () => {
        log.info("stopped")
        process.exit(0)
      },
      (error: unknown) => {
        fail(error, 1)
        process.exit()
      },
    )
  }
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, stop)
  // Only now: whoever waits for the banner may signal at once, and must find the handlers set.
  console.log(server.banner)
  // `npm run dev:ddb` runs this under `sh -c`: a SIGTERM sent to npm alone ends that shell but
  // never reaches this process. Stop once orphaned, rather than hold the port unseen.
  setInterval(() => {
    if (process.ppid !== parent && !stopping) stop("parent process exited")
  }, 1000).unref()
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv
  if (command === "dev") return dev(rest)
  if (command === "--version" || command === "-v" || command === "version") {
    process.stdout.write(version())
    return
  }
  if (command === "help" && rest[0] === "dev") {
    process.stdout.write(devHelp())
    return
  }
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    process.stdout.write(usage)
    process.exitCode = command === undefined ? 2 : 0
    return
  }
  if (command.startsWith("-")) {
    // `authtable --port 8001`: the flags belong to dev.
    const hint = devFlagNames().has(command.split("=", 1)[0] as string)
      ? ` Did you mean authtable dev ${command}?`
      : ""
    fail(new TypeError(`Unknown flag ${command}.${hint} See authtable --help.`), 2)
    return
  }
  fail(new TypeError(`Could not run "${command}": no such command. Run authtable --help.`), 2)
}

await main(process.argv.slice(2))
