/**
 * Runs bench/_store-child.ts (100,000 items in a fresh process, see there) once per bench run:
 * "ttl" asks for the sweeps, "memory" reuses that run when there was one.
 */
import { fileURLToPath } from "node:url"
import { runNode, type Sample } from "./_harness.js"

/** What the child printed. */
export interface StoreRun {
  items: number
  before: { rss: number; heapUsed: number; arrayBuffers: number }
  after: { rss: number; heapUsed: number; arrayBuffers: number }
  fillMs: number
  sweeps?: Record<"tenPercent" | "tenPercentApi" | "none" | "noneApi", Sample[]>
}

let withSweeps: Promise<StoreRun> | undefined

/** The child's run, with the sweeps when `sweeps` (and then only once per bench run). */
export function storeRun(sweeps: boolean): Promise<StoreRun> {
  if (withSweeps) return withSweeps
  const run = spawnChild(sweeps)
  if (sweeps) withSweeps = run
  return run
}

async function spawnChild(sweeps: boolean): Promise<StoreRun> {
  const child = fileURLToPath(new URL("./_store-child.ts", import.meta.url))
  const args = ["--expose-gc", "--import", "tsx", child, ...(sweeps ? [] : ["--no-sweeps"])]
  const { code, stdout, stderr } = await runNode(args)
  const line = stdout.trim().split("\n").at(-1) ?? ""
  if (code === 0 && line.startsWith("{")) return JSON.parse(line) as StoreRun
  throw new Error(`[authtable] Could not run bench/_store-child.ts (exit ${code}):\n${stderr}`)
}
