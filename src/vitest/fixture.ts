import { test as baseTest } from "vitest"
import { type AuthTable, type StartAuthTableOptions, startAuthTable } from "../emulator/index.js"

/** Options of {@link createAuthTableTest}: `startAuthTable()`'s, plus the reset opt-out. */
export interface AuthTableTestOptions extends StartAuthTableOptions {
  /** Empty the table before each test that uses `authTable`. @default true */
  reset?: boolean
}

/**
 * A vitest `test` with an `authTable` fixture: one emulator per worker (vitest's default
 * isolation gives each test file its own worker), started on first use, emptied before each
 * test that asks for it, stopped when the worker ends.
 *
 * @example
 * const test = createAuthTableTest({ tableName: "auth" })
 * test("creates a user", async ({ authTable }) => { … })
 */
export function createAuthTableTest(options: AuthTableTestOptions = {}) {
  const { reset = true, ...startOptions } = options
  return (
    baseTest
      // biome-ignore lint/correctness/noEmptyPattern: vitest reads a fixture's dependencies from this pattern
      .extend("authTableWorker", { scope: "worker" }, async ({}, { onCleanup }) => {
        const table = await startAuthTable(startOptions)
        onCleanup(() => table.stop())
        return table
      })
      .extend("authTable", async ({ authTableWorker }): Promise<AuthTable> => {
        if (reset) await authTableWorker.reset()
        return authTableWorker
      })
  )
}

/**
 * `test` with the default `authTable` fixture: `test("…", async ({ authTable }) => …)`.
 * See {@link createAuthTableTest} for options.
 */
export const test = createAuthTableTest()

/** Alias of {@link test}. */
export const it = test
