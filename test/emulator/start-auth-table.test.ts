import { DescribeTableCommand } from "@aws-sdk/client-dynamodb"
import { describe, expect, test } from "vitest"
import { AuthTableError, startAuthTable } from "../../src/index.js"

describe("startAuthTable", () => {
  test("serves the next-auth table with GSI1 on an ephemeral loopback port", async () => {
    await using table = await startAuthTable()
    expect(table.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const { Table } = await table.client.send(new DescribeTableCommand({ TableName: "next-auth" }))
    expect(Table?.TableStatus).toBe("ACTIVE")
    expect(Table?.GlobalSecondaryIndexes?.[0]?.IndexName).toBe("GSI1")
    expect(table.env.AWS_ENDPOINT_URL_DYNAMODB).toBe(table.endpoint)
  })

  test("uses custom table, key and index names", async () => {
    await using table = await startAuthTable({
      tableName: "custom",
      partitionKey: "PK",
      sortKey: "SK",
      indexName: "gsi1",
      indexPartitionKey: "gsi1pk",
      indexSortKey: "gsi1sk",
    })
    const { Table } = await table.client.send(new DescribeTableCommand({ TableName: "custom" }))
    expect(Table?.KeySchema?.map((key) => key.AttributeName)).toEqual(["PK", "SK"])
    const user = await table.adapter.createUser({ id: "u1", email: "a@example.com", emailVerified: null })
    expect(await table.adapter.getUserByEmail("a@example.com")).toEqual(user)
  })

  test("names the port and the flag when the port is in use", async () => {
    await using first = await startAuthTable()
    const port = Number(new URL(first.endpoint).port)
    const error = await startAuthTable({ port }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuthTableError)
    expect((error as AuthTableError).code).toBe("PORT_IN_USE")
    expect((error as Error).message).toContain(`port ${port} is in use`)
  })

  test("stop() is idempotent", async () => {
    const table = await startAuthTable()
    await table.stop()
    await expect(table.stop()).resolves.toBeUndefined()
  })
})
