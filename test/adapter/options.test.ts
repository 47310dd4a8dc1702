import { describe, expect, test } from "vitest"
import { DynamoDBAdapter, defaultTableKeys, resolveTableKeys } from "../../src/adapter/index.js"
import { startAuthTable } from "../../src/emulator/index.js"

describe("resolveTableKeys", () => {
  test("fills in the official adapter's defaults", () => {
    expect(resolveTableKeys()).toEqual({
      tableName: "next-auth",
      partitionKey: "pk",
      sortKey: "sk",
      indexName: "GSI1",
      indexPartitionKey: "GSI1PK",
      indexSortKey: "GSI1SK",
    })
    expect(resolveTableKeys({})).toEqual(defaultTableKeys)
  })

  test("keeps the names given and defaults the others", () => {
    expect(resolveTableKeys({ tableName: "auth", sortKey: "SK" })).toEqual({
      ...defaultTableKeys,
      tableName: "auth",
      sortKey: "SK",
    })
  })

  test.each([
    ["an empty name", { tableName: "" }, /"tableName" must be a non-empty string, got ""/],
    ["a number", { partitionKey: 1 }, /"partitionKey" must be a non-empty string, got 1/],
    ["null", { indexName: null }, /"indexName" must be a non-empty string, got null/],
    ["options that are not an object", "next-auth", /expected an object/],
    ["null options", null, /expected an object/],
    [
      "two key attributes with one name",
      { partitionKey: "id", indexPartitionKey: "id" },
      /must be four different names, got id, sk, id, GSI1SK/,
    ],
  ])("rejects %s with a TypeError", (_, options, message) => {
    expect(() => resolveTableKeys(options as never)).toThrow(TypeError)
    expect(() => resolveTableKeys(options as never)).toThrow(message)
  })
})

describe("DynamoDBAdapter options", () => {
  test("throws the TypeError when the adapter is created, before any request", async () => {
    await using table = await startAuthTable()
    expect(() => DynamoDBAdapter(table.client, { sortKey: "" })).toThrow(
      /^\[authtable\] Could not read the options: "sortKey"/,
    )
  })
})
