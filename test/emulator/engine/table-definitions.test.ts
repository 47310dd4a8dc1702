/**
 * Data requests read their table's definition from memory while it is unchanged: a table
 * deleted, or replaced under the same name with another key schema, is seen at once.
 */
import { DeleteTableCommand, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb"
import { afterAll, beforeAll, describe, expect, test } from "vitest"
import { type AuthTable, startAuthTable } from "../../../src/emulator/index.js"
import { createKeyOnlyTable, createTableAndWait } from "../../_create-table.js"

let table: AuthTable
beforeAll(async () => {
  table = await startAuthTable()
})
afterAll(() => table?.stop())

const put = (TableName: string, Item: Record<string, { S: string }>) =>
  table.client.send(new PutItemCommand({ TableName, Item }))

describe("table definitions", () => {
  test("a table deleted after requests used it answers ResourceNotFoundException", async () => {
    await createKeyOnlyTable(table.client, "deleted-later")
    await put("deleted-later", { pk: { S: "a" }, sk: { S: "a" } })
    await table.client.send(new DeleteTableCommand({ TableName: "deleted-later" }))
    const get = table.client.send(
      new GetItemCommand({ TableName: "deleted-later", Key: { pk: { S: "a" }, sk: { S: "a" } } }),
    )
    await expect(get).rejects.toMatchObject({ name: "ResourceNotFoundException" })
  })

  test("a table recreated with another key schema is written by its new schema", async () => {
    await createKeyOnlyTable(table.client, "recreated")
    await put("recreated", { pk: { S: "a" }, sk: { S: "a" } })
    await table.client.send(new DeleteTableCommand({ TableName: "recreated" }))
    // DeleteTable finishes on a later turn; CreateTable of the name waits for it.
    for (let attempt = 0; ; attempt++) {
      try {
        await createTableAndWait(table.client, {
          TableName: "recreated",
          BillingMode: "PAY_PER_REQUEST",
          AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
          KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
        })
        break
      } catch (error) {
        if (attempt > 50 || (error as Error).name !== "ResourceInUseException") throw error
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
    }
    await expect(put("recreated", { id: { S: "b" } })).resolves.toBeDefined()
    await expect(put("recreated", { pk: { S: "c" }, sk: { S: "c" } })).rejects.toMatchObject({
      name: "ValidationException",
    })
  })
})
