/**
 * Data requests read their table's definition from memory while it is unchanged: a table
 * deleted, or replaced under the same name with another key schema, is seen at once.
 */
import { DeleteTableCommand, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb"
import { afterAll, beforeAll, describe, expect, test } from "vitest"
import { MemoryStore } from "../../../src/emulator/engine/store/memory-store.js"
import { type AuthTable, startAuthTable } from "../../../src/emulator/index.js"
import { createKeyOnlyTable, createTableAndWait } from "../../_create-table.js"

let table: AuthTable
beforeAll(async () => {
  table = await startAuthTable()
})
afterAll(() => table?.stop())

const put = (TableName: string, Item: Record<string, { S: string }>) =>
  table.client.send(new PutItemCommand({ TableName, Item }))

// The engine's in-memory store: every read of dynalite's goes through its get or, on the
// store's direct path, its getNow.
const store = MemoryStore as unknown as {
  prototype: Record<"get" | "getNow", (key: unknown, ...rest: unknown[]) => unknown>
}

describe("table definitions", () => {
  test("data requests of every kind read no definition from the store once it is known", async () => {
    const reads: string[] = []
    const { get, getNow } = store.prototype
    for (const [method, read] of [
      ["get", get],
      ["getNow", getNow],
    ] as const) {
      store.prototype[method] = function (key, ...rest) {
        if (String(key).startsWith("table~")) reads.push(String(key))
        return read.call(this, key, ...rest)
      }
    }
    try {
      await using own = await startAuthTable()
      const TableName = own.tableName
      const key = { pk: "USER#1", sk: "USER#1" }
      const requests = [
        () => own.client.put({ TableName, Item: { ...key, GSI1PK: "E#1", GSI1SK: "E#1" } }),
        () => own.client.get({ TableName, Key: key }),
        () =>
          own.client.query({
            TableName,
            IndexName: "GSI1",
            KeyConditionExpression: "GSI1PK = :e",
            ExpressionAttributeValues: { ":e": "E#1" },
          }),
        () => own.client.scan({ TableName }),
        () =>
          own.client.update({
            TableName,
            Key: key,
            UpdateExpression: "SET n = :n",
            ExpressionAttributeValues: { ":n": 1 },
          }),
        () =>
          own.client.batchWrite({
            RequestItems: { [TableName]: [{ PutRequest: { Item: { pk: "b", sk: "b" } } }] },
          }),
        () => own.client.delete({ TableName, Key: key }),
      ]
      for (const request of requests) await request()
      const first = reads.length
      reads.length = 0
      for (const request of requests) await request()
      expect(first).toBeGreaterThan(0) // the spy sees the store's reads
      expect(reads).toEqual([])
    } finally {
      Object.assign(store.prototype, { get, getNow })
    }
  })

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
