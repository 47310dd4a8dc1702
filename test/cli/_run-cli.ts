import { type ChildProcess, spawn } from "node:child_process"
import { fileURLToPath } from "node:url"

/** The repository root: the CLI runs from source there, as `node --import tsx src/cli.ts`. */
export const root = fileURLToPath(new URL("../../", import.meta.url))

/** A running `authtable` child process with its output so far. */
export interface Cli {
  readonly child: ChildProcess
  stdout: string
  stderr: string
  /** Resolves with the first match of `pattern` in stdout (or rejects when the output ends). */
  waitFor(pattern: RegExp, stream?: "stdout" | "stderr"): Promise<RegExpMatchArray>
  /** Resolves with the exit code (or the signal name) once the process has exited. */
  readonly exited: Promise<number | string>
  /** The endpoint and env block printed in the ready banner. */
  ready(): Promise<{ endpoint: string; inspectorUrl: string; env: Record<string, string> }>
}

/**
 * Runs `authtable <args>` from source (tests see the current source, not a stale dist/), with
 * colours off. Callers always pass --data-dir or --memory so the repository's own .authtable/
 * is never touched.
 */
export function runCli(
  args: string[],
  options: { env?: Record<string, string>; underShell?: boolean } = {},
): Cli {
  const command = [process.execPath, "--import", "tsx", "src/cli.ts", ...args]
  // Under `sh -c "…; true"` the shell stays the parent, as it does under `npm run`.
  const [file, ...argv] = options.underShell
    ? ["sh", "-c", `${command.map((arg) => `'${arg}'`).join(" ")}; true`]
    : command
  const child = spawn(file as string, argv, {
    cwd: root,
    env: { ...process.env, NO_COLOR: "1", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  })
  const exited = new Promise<number | string>((resolve) => {
    child.on("exit", (code, signal) => resolve(code ?? signal ?? "unknown"))
  })
  const cli: Cli = {
    child,
    stdout: "",
    stderr: "",
    exited,
    waitFor(pattern, stream = "stdout") {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = cli[stream].match(pattern)
          if (!match) return false
          child[stream]?.off("data", onData)
          resolve(match)
          return true
        }
        const onData = () => void check()
        if (check()) return
        child[stream]?.on("data", onData)
        // The pipe ends once every process holding it has exited (a grandchild too).
        child[stream]?.once("end", () => {
          if (!check()) {
            reject(
              new Error(
                `authtable ended its output before printing ${pattern}.\nstdout:\n${cli.stdout}\nstderr:\n${cli.stderr}`,
              ),
            )
          }
        })
      })
    },
    async ready() {
      await cli.waitFor(/Ctrl-C stops it/)
      const endpoint = cli.stdout.match(/^ {2}Endpoint +(\S+)$/m)?.[1]
      const inspectorUrl = cli.stdout.match(/^ {2}Inspector +(\S+)$/m)?.[1]
      if (!endpoint || !inspectorUrl) throw new Error(`no endpoint in the banner:\n${cli.stdout}`)
      const env = Object.fromEntries(
        [...cli.stdout.matchAll(/^([A-Z][A-Z0-9_]+)=(\S+)$/gm)].map((m) => [m[1], m[2]]),
      ) as Record<string, string>
      return { endpoint, inspectorUrl, env }
    },
  }
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    cli.stdout += chunk
  })
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    cli.stderr += chunk
  })
  return cli
}

/** Sends `signal` and waits for the exit code. */
export async function stopCli(cli: Cli, signal: NodeJS.Signals = "SIGINT") {
  if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill(signal)
  return cli.exited
}
