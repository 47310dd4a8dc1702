import type { AuthTable } from "../emulator/index.js"

/** An emulator a Jest globalSetup started, and the variables it replaced in `process.env`. */
export interface RunningTable {
  table: AuthTable
  previousEnv: Record<string, string | undefined>
}

/**
 * Jest runs globalSetup and globalTeardown in the same process but loads each module on its
 * own, so the handle travels on `globalThis` (as Jest's docs suggest) under a registered symbol.
 */
const key = Symbol.for("authtable.jest.running")

/** The emulators this process's globalSetup started and its globalTeardown has yet to stop. */
export function runningTables(): RunningTable[] {
  const store = globalThis as { [key]?: RunningTable[] }
  store[key] ??= []
  return store[key]
}
