import { ScanCommand } from "@aws-sdk/lib-dynamodb"
import { expect, test } from "vitest"
import { injectAuthTable } from "../../../src/vitest/index.js"
import { rendezvous } from "./_rendezvous.js"

/** In each file: both workers reach the one emulator a globalSetup started. */
export function sharedChecks(id: string): void {
  test("injectAuthTable: every worker reaches the same emulator and data", async () => {
    const table = injectAuthTable()
    expect(table.tableName).toBe("shared")
    await table.adapter.createUser({ id, email: `${id}@example.com`, emailVerified: null })
    await rendezvous("shared", id, table.endpoint)
    const { Items = [] } = await table.client.send(new ScanCommand({ TableName: table.tableName }))
    expect(Items.map((item) => item.id).sort()).toEqual(["a", "b"])
    table.client.destroy()
  })
}
