import { writeFile } from "node:fs/promises"
import { join } from "node:path"
import { threadId } from "node:worker_threads"
import { ScanCommand } from "@aws-sdk/lib-dynamodb"
import { expect } from "vitest"
import type { AuthTable } from "../../../src/emulator/index.js"
import { getAuthTable, setupAuthTable, test } from "../../../src/vitest/index.js"

/** Records which worker ran `phase` of file `id` (read back by test/vitest/workers.test.ts). */
async function recordWorker(phase: string, id: string): Promise<void> {
  const dir = process.env.AUTHTABLE_CHECK_DIR
  if (!dir)
    throw new Error("AUTHTABLE_CHECK_DIR is not set: run this through test/vitest/*.test.ts")
  await writeFile(join(dir, `${phase}.${id}`), `${process.pid}:${threadId}`)
}

/** Sees an empty table, then leaves a user behind for the next file of the worker to not see. */
async function startsEmpty(table: AuthTable, id: string): Promise<void> {
  const scan = () => table.client.send(new ScanCommand({ TableName: table.tableName }))
  expect((await scan()).Items).toEqual([])
  await table.adapter.createUser({ id, email: `${id}@example.com`, emailVerified: null })
  expect((await scan()).Items?.map((item) => item.id)).toEqual([id])
}

/** The same checks in each file of a worker that runs several files (isolate: false). */
export function sequenceChecks(id: string): void {
  setupAuthTable()

  test("setupAuthTable: each file of a shared worker starts from an empty table", async () => {
    await startsEmpty(await getAuthTable(), id)
    await recordWorker("setup", id)
  })

  test("authTable fixture: each file of a shared worker starts from an empty table", async ({
    authTable,
  }) => {
    await startsEmpty(authTable, id)
    await recordWorker("fixture", id)
  })
}
