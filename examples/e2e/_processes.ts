import { type ChildProcess, spawn } from "node:child_process"
import { createServer } from "node:net"

/** A child process started by the e2e run, with its output kept for waiting and for failures. */
export interface Started {
  readonly name: string
  readonly child: ChildProcess
  /** Everything it printed so far (stdout and stderr, ANSI colours removed). */
  output(): string
  /** Resolves with the first match of `pattern` in the output; rejects on exit or timeout. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>
  /** Ends the process group this run started (SIGTERM, then SIGKILL). Idempotent. */
  stop(): Promise<void>
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matches terminal colour codes
const ansi = /\u001b\[[0-9;]*m/g

// Children run in their own process groups, out of reach of a Ctrl-C on the terminal: end the
// groups this run started when it is interrupted, then exit as interrupted.
const groups = new Set<number>()
for (const name of ["SIGINT", "SIGTERM"] as const) {
  process.once(name, () => {
    for (const group of groups) signal(group, "SIGKILL")
    process.exit(130)
  })
}

/** A port that was free on 127.0.0.1 a moment ago. */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(0, "127.0.0.1", resolve)
  })
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  if (address === null || typeof address === "string") throw new Error("no port")
  return address.port
}

/**
 * Spawns `command` in its own process group (so `stop()` also ends what npm or next start
 * underneath it) and records its output. Set E2E_VERBOSE=1 to echo the output live.
 */
export function start(
  name: string,
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Started {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: offline(options.env),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  })
  let text = ""
  const listeners = new Set<() => void>()
  const onData = (chunk: Buffer) => {
    text += chunk.toString("utf8").replace(ansi, "")
    if (process.env.E2E_VERBOSE) process.stdout.write(`[${name}] ${chunk}`)
    for (const listener of listeners) listener()
  }
  child.stdout?.on("data", onData)
  child.stderr?.on("data", onData)
  if (child.pid !== undefined) groups.add(-child.pid)
  const exited = new Promise<void>((resolve) =>
    child.once("exit", () => {
      if (child.pid !== undefined) groups.delete(-child.pid)
      resolve()
    }),
  )

  let stopping: Promise<void> | undefined
  return {
    name,
    child,
    output: () => text,
    waitFor(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(text)
          if (match) finish(() => resolve(match))
        }
        const fail = (why: string) =>
          finish(() => reject(new Error(`${name} ${why} before printing ${pattern}:\n${text}`)))
        const timer = setTimeout(() => fail(`took over ${timeoutMs} ms`), timeoutMs)
        const onExit = () => fail(`exited (code ${child.exitCode})`)
        const finish = (settle: () => void) => {
          clearTimeout(timer)
          listeners.delete(check)
          child.off("exit", onExit)
          settle()
        }
        listeners.add(check)
        child.once("exit", onExit)
        check()
      })
    },
    stop() {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return
        const group = -child.pid
        signal(group, "SIGTERM")
        const killed = setTimeout(() => signal(group, "SIGKILL"), 5000)
        await exited
        clearTimeout(killed)
      })()
      return stopping
    },
  }
}

/** The environment with Next.js telemetry off: the run must not reach the network. */
function offline(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, NEXT_TELEMETRY_DISABLED: "1" }
}

function signal(group: number, name: NodeJS.Signals) {
  try {
    process.kill(group, name)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error
  }
}

/** Runs a command to completion, output inherited; rejects on a non-zero exit. */
export function run(command: string, args: readonly string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: "inherit", env: offline(), detached: true })
    if (child.pid !== undefined) groups.add(-child.pid)
    child.once("error", reject)
    child.once("exit", (code, sig) => {
      if (child.pid !== undefined) groups.delete(-child.pid)
      if (code === 0) resolve()
      else reject(new Error(`${command} ${args.join(" ")} failed in ${cwd}: ${sig ?? code}`))
    })
  })
}

/** Polls `url` until it answers with any HTTP status. */
export async function waitForHttp(url: string, timeoutMs: number, process: Started): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5000) })
      return
    } catch {}
    if (process.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`${process.name} did not answer ${url}:\n${process.output()}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}
