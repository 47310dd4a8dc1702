/** Plain dynalite 4 in a child process: the reference the engine's router is compared with. */
import { type ChildProcess, spawn } from "node:child_process"
import { createRequire } from "node:module"

const engineRequire = createRequire(require.resolve("../../../src/emulator/engine/_dynalite.ts"))

export interface PlainDynalite {
  endpoint: string
  /** Whether the child is still alive (plain dynalite dies on some inputs). */
  alive(): boolean
  stop(): Promise<void>
}

/** dynalite's table delays: how long a table stays CREATING, DELETING or UPDATING. */
export interface TableDelays {
  createTableMs?: number
  deleteTableMs?: number
  updateTableMs?: number
}

export async function startPlainDynalite(delays: TableDelays = {}): Promise<PlainDynalite> {
  const options = { createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...delays }
  const script = `
    const server = require(${JSON.stringify(engineRequire.resolve("dynalite"))})(${JSON.stringify(options)})
    server.listen(0, "127.0.0.1", () => console.log("port " + server.address().port))
  `
  const child: ChildProcess = spawn(process.execPath, ["-e", script], {
    stdio: ["ignore", "pipe", "pipe"],
  })
  const port = await new Promise<number>((resolve, reject) => {
    let out = ""
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk
      const match = out.match(/port (\d+)/)
      if (match) resolve(Number(match[1]))
    })
    child.once("exit", (code) => reject(new Error(`plain dynalite exited with ${code}`)))
  })
  let exited = false
  child.once("exit", () => {
    exited = true
  })
  return {
    endpoint: `http://127.0.0.1:${port}`,
    alive: () => !exited,
    async stop() {
      if (exited) return
      const gone = new Promise((resolve) => child.once("exit", resolve))
      child.kill("SIGTERM")
      await gone
    },
  }
}
