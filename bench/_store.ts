/**
 * Runs bench/_store-child.ts (100,000 items in a fresh process, see there) once per bench run:
 * "ttl" asks for the sweeps, "memory" reuses that run when there was one.
 */
import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import type { Sample } from "./_harness.js"

/** What the child printed. */
export interface StoreRun {
  items: number
  before: { rss: number; heapUsed: number; arrayBuffers: number }
  after: { rss: number; heapUsed: number; arrayBuffers: number }
  fillMs: number
  sweeps?: { tenPercent: Sample[]; none: Sample[] }
}

let withSweeps: Promise<StoreRun> | undefined

/** The child's run, with the sweeps when `sweeps` (and then only once per bench run). */
export function storeRun(sweeps: boolean): Promise<StoreRun> {
  if (withSweeps) return withSweeps
  const run = spawnChild(sweeps)
  if (sweeps) withSweeps = run
  return run
}

function spawnChild(sweeps: boolean): Promise<StoreRun> {
  const child = fileURLToPath(new URL("./_store-child.ts", import.meta.url))
  const args = ["--expose-gc", "--import", "tsx", child, ...(sweeps ? [] : ["--no-sweeps"])]
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    proc.stdout.on("data", (chunk) => {
      stdout += chunk
    })
    proc.stderr.on("data", (chunk) => {
      stderr += chunk
    })
    proc.on("error", reject)
    proc.on("close", (code) => {
      const line = stdout.trim().split("\n").at(-1) ?? ""
      if (code === 0 && line.startsWith("{")) return resolve(JSON.parse(line) as StoreRun)
      reject(
        new Error(`[authtable] Could not run bench/_store-child.ts (exit ${code}):\n${stderr}`),
      )
    })
  })
}
