/** `authtable/jest/global-teardown`: an ES module, loaded by Jest like the globalSetup. */
import { runningTables } from "./_running.js"

/**
 * A Jest globalTeardown that stops every emulator `authtable/jest/global-setup` started in
 * this run and puts back the `process.env` variables it replaced. Without it the emulator's
 * server keeps Jest's process alive after the run.
 *
 * @example
 * // jest.config.js
 * module.exports = {
 *   globalSetup: "authtable/jest/global-setup",
 *   globalTeardown: "authtable/jest/global-teardown",
 * }
 */
export default async function authTableGlobalTeardown(): Promise<void> {
  const running = runningTables().splice(0).reverse()
  for (const { table, previousEnv } of running) {
    await table.stop()
    for (const [name, value] of Object.entries(previousEnv)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  }
}
