import { afterAll, beforeAll, beforeEach } from "vitest"
import { AuthTableError } from "../adapter/index.js"
import { type AuthTable, type StartAuthTableOptions, startAuthTable } from "../emulator/index.js"

/** Options of {@link setupAuthTable}: `startAuthTable()`'s, plus when to start and reset. */
export interface SetupAuthTableOptions extends StartAuthTableOptions {
  /** Empty the table before each test (`table.reset()`: schema and TTL stay). @default true */
  reset?: boolean
  /**
   * Start the emulator on the first `getAuthTable()` instead of before the file's tests, so
   * files that never ask for it pay nothing. @default false
   */
  lazy?: boolean
}

interface Setup {
  start(): Promise<AuthTable>
  table: Promise<AuthTable> | undefined
}

let current: Setup | undefined

/**
 * One line in a vitest setup file (or at the top of a test file): an emulator for each test
 * file's worker, on its own ephemeral port, emptied before each test and stopped after the
 * file. Tests reach it with {@link getAuthTable}.
 *
 * @example
 * // vitest.setup.ts, listed in `test.setupFiles`
 * import { setupAuthTable } from "authtable/vitest"
 * setupAuthTable()
 */
export function setupAuthTable(options: SetupAuthTableOptions = {}): void {
  const { reset = true, lazy = false, ...startOptions } = options
  const setup: Setup = {
    table: undefined,
    start() {
      setup.table ??= startAuthTable(startOptions)
      return setup.table
    },
  }
  // A later call (the setup file runs again for every test file) takes over from an earlier
  // one, whose table its afterAll has already stopped.
  current = setup
  beforeAll(async () => {
    current = setup
    if (!lazy) await setup.start()
  })
  beforeEach(async () => {
    if (reset && setup.table) await (await setup.table).reset()
  })
  afterAll(async () => {
    const table = setup.table
    setup.table = undefined
    await (await table)?.stop()
  })
}

/**
 * The emulator {@link setupAuthTable} runs for this test file (started now when `lazy`).
 * @throws AuthTableError `NOT_SET_UP` when setupAuthTable() was not called.
 */
export function getAuthTable(): Promise<AuthTable> {
  if (!current) {
    return Promise.reject(
      new AuthTableError(
        "NOT_SET_UP",
        "Could not get the auth table: setupAuthTable() was not called. Call it in a file listed in vitest's test.setupFiles, or at the top of this test file.",
      ),
    )
  }
  return current.start()
}
