import { ScanCommand } from "@aws-sdk/lib-dynamodb"
import { expect } from "vitest"
import { getAuthTable, setupAuthTable, test } from "../../../src/vitest/index.js"
import { rendezvous } from "./_rendezvous.js"

/** The same checks in each worker file: a worker sees only what it wrote itself. */
export function workerChecks(id: string): void {
  setupAuthTable()

  test("setupAuthTable: a worker sees only its own data", async () => {
    const table = await getAuthTable()
    await table.adapter.createUser({ id, email: `${id}@example.com`, emailVerified: null })
    await rendezvous("setup", id, table.endpoint)
    const { Items = [] } = await table.client.send(new ScanCommand({ TableName: table.tableName }))
    expect(Items.map((item) => item.id)).toEqual([id])
  })

  test("authTable fixture: a worker sees only its own data", async ({ authTable }) => {
    await authTable.adapter.createUser({ id, email: `${id}@example.com`, emailVerified: null })
    await rendezvous("fixture", id, authTable.endpoint)
    const { Items = [] } = await authTable.client.send(
      new ScanCommand({ TableName: authTable.tableName }),
    )
    expect(Items.map((item) => item.id)).toEqual([id])
  })
}
