/**
 * `authtable/jest/global-setup`: an ES module. Jest loads globalSetup files in its main process
 * with `import()` when `require()` cannot, so this may import the emulator (and faker, which
 * Jest's CommonJS test runtime could not load).
 */
import { type StartAuthTableOptions, startAuthTable } from "../emulator/index.js"
import { runningTables } from "./_running.js"

/**
 * A Jest globalSetup that starts ONE emulator for the run and puts its endpoint, region and
 * dummy credentials into `process.env` (`AWS_ENDPOINT_URL_DYNAMODB`, `AWS_REGION`, … — the
 * names in `table.env`) before Jest starts its workers, which inherit them. The AWS SDK reads
 * these by itself, so the app's own DynamoDB client reaches the emulator unchanged. Pair it
 * with `authtable/jest/global-teardown`, which stops it and restores the variables.
 *
 * @example
 * // jest.global-setup.mjs, named in jest.config.js `globalSetup`
 * import { authTableGlobalSetup } from "authtable/jest/global-setup"
 * export default authTableGlobalSetup({ tableName: "my-app-auth" })
 */
export function authTableGlobalSetup(options: StartAuthTableOptions = {}) {
  return async function globalSetup(): Promise<void> {
    const table = await startAuthTable(options)
    const previousEnv: Record<string, string | undefined> = {}
    for (const [name, value] of Object.entries(table.env)) {
      previousEnv[name] = process.env[name]
      process.env[name] = value
    }
    runningTables().push({ table, previousEnv })
  }
}

/**
 * The default globalSetup: `startAuthTable()` with its defaults (table "next-auth", an
 * ephemeral port). `globalSetup: "authtable/jest/global-setup"` in jest.config.js.
 */
export default authTableGlobalSetup()
