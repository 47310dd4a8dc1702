/**
 * `authtable/vitest/global-setup`: imports nothing of vitest's runtime, because a globalSetup
 * runs in vitest's main process, where `test`, `beforeAll` and fixtures do not exist.
 */
import type { TestProject } from "vitest/node"
import type { TableKeys } from "../adapter/index.js"
import { type AuthTableEnv, type StartAuthTableOptions, startAuthTable } from "../emulator/index.js"

/** What a globalSetup shares with the workers through `provide`/`inject`. */
export interface SharedAuthTable {
  endpoint: string
  keys: TableKeys
  env: AuthTableEnv
}

declare module "vitest" {
  export interface ProvidedContext {
    /** Set by {@link authTableGlobalSetup}. */
    authTable: SharedAuthTable
  }
}

/**
 * A vitest globalSetup that starts ONE emulator for the whole run and provides its endpoint
 * and key names to every worker (read them with `injectAuthTable()`). Tests share its data:
 * use it when a separate process (a `next dev` server, a Playwright run) must reach a known
 * endpoint, and give each test its own ids instead of resetting. Stopped when the run ends.
 *
 * @example
 * // test/global-setup.ts, listed in `test.globalSetup`
 * import { authTableGlobalSetup } from "authtable/vitest/global-setup"
 * export default authTableGlobalSetup({ port: 8001 })
 */
export function authTableGlobalSetup(options: StartAuthTableOptions = {}) {
  return async function setup(project: TestProject): Promise<() => Promise<void>> {
    const table = await startAuthTable(options)
    project.provide("authTable", { endpoint: table.endpoint, keys: table.keys, env: table.env })
    return () => table.stop()
  }
}
