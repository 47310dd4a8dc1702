import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb"
import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest"
import { type AuthTable, createLocalClient, startAuthTable } from "../../../src/emulator/index.js"
import { createTableAndWait } from "../../_create-table.js"

let table: AuthTable
let sdk: DynamoDBDocument
beforeAll(async () => {
  table = await startAuthTable()
  sdk = createLocalClient(table.endpoint)
})
afterAll(async () => {
  sdk?.destroy()
  await table?.stop()
})

let tables = 0
/**
 * A table, ACTIVE: changed while CREATING, its definition would be replaced by dynalite's own
 * write of ACTIVE a turn later (AWS refuses such an UpdateTable: the table is being created).
 */
async function createTable(extra: Record<string, unknown> = {}): Promise<string> {
  const TableName = `ops-table-${++tables}`
  await createTableAndWait(sdk, { ...tableInput(TableName), ...extra })
  return TableName
}
/** CreateTable's input for an on-demand table keyed on `id`. */
const tableInput = (TableName: string) => ({
  TableName,
  BillingMode: "PAY_PER_REQUEST" as const,
  AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" as const }],
  KeySchema: [{ AttributeName: "id", KeyType: "HASH" as const }],
})
const describeTable = async (TableName: string) =>
  (await sdk.send(new DescribeTableCommand({ TableName }))).Table
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the request to fail")
    },
    (error: Error & { $metadata?: { httpStatusCode?: number } }) => ({
      name: error.name,
      message: error.message,
      status: error.$metadata?.httpStatusCode,
    }),
  )

const addEmailIndex = (TableName: string) =>
  sdk.send(
    new UpdateTableCommand({
      TableName,
      AttributeDefinitions: [{ AttributeName: "email", AttributeType: "S" }],
      GlobalSecondaryIndexUpdates: [
        {
          Create: {
            IndexName: "byEmail",
            KeySchema: [{ AttributeName: "email", KeyType: "HASH" }],
            Projection: { ProjectionType: "ALL" },
          },
        },
      ],
    }),
  )
const byEmail = async (TableName: string, email: string) =>
  (
    await sdk.query({
      TableName,
      IndexName: "byEmail",
      KeyConditionExpression: "email = :e",
      ExpressionAttributeValues: { ":e": email },
    })
  ).Items

describe("UpdateTable adding a GSI to an on-demand table", () => {
  test("backfills existing items and keeps the index current afterwards", async () => {
    const TableName = await createTable()
    await sdk.put({ TableName, Item: { id: "1", email: "a@example.com" } })
    await sdk.put({ TableName, Item: { id: "2", email: "b@example.com" } })
    await sdk.put({ TableName, Item: { id: "3" } })
    const { TableDescription } = await addEmailIndex(TableName)
    expect(TableDescription?.GlobalSecondaryIndexes?.[0]).toMatchObject({
      IndexName: "byEmail",
      IndexStatus: "ACTIVE",
    })
    expect(await byEmail(TableName, "a@example.com")).toEqual([{ id: "1", email: "a@example.com" }])
    await sdk.put({ TableName, Item: { id: "4", email: "a@example.com" } })
    await sdk.update({
      TableName,
      Key: { id: "2" },
      UpdateExpression: "SET email = :e",
      ExpressionAttributeValues: { ":e": "a@example.com" },
    })
    expect((await byEmail(TableName, "a@example.com"))?.map((item) => item.id).sort()).toEqual([
      "1",
      "2",
      "4",
    ])
    expect(await byEmail(TableName, "b@example.com")).toEqual([])
    const described = await describeTable(TableName)
    expect(described?.AttributeDefinitions).toContainEqual({
      AttributeName: "email",
      AttributeType: "S",
    })
  })

  test("refuses an index whose keys are not defined, and an index that exists", async () => {
    const TableName = await createTable()
    const undefinedKey = await failure(
      sdk.send(
        new UpdateTableCommand({
          TableName,
          GlobalSecondaryIndexUpdates: [
            {
              Create: {
                IndexName: "byOther",
                KeySchema: [{ AttributeName: "other", KeyType: "HASH" }],
                Projection: { ProjectionType: "ALL" },
              },
            },
          ],
        }),
      ),
    )
    expect(undefinedKey.name).toBe("ValidationException")
    expect(undefinedKey.message).toMatch(/Some index key attributes are not defined/)
    await addEmailIndex(TableName)
    const twice = await failure(addEmailIndex(TableName))
    expect(twice.name).toBe("ValidationException")
  })

  test("deletes a GSI: gone from the description, queries on it fail", async () => {
    const TableName = await createTable()
    await addEmailIndex(TableName)
    await sdk.send(
      new UpdateTableCommand({
        TableName,
        GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: "byEmail" } }],
      }),
    )
    expect((await describeTable(TableName))?.GlobalSecondaryIndexes).toBeUndefined()
    const query = await failure(byEmail(TableName, "a@example.com"))
    expect(query.name).toBe("ValidationException")
  })
})

describe("DeleteTable", () => {
  test("frees the name before it answers: a CreateTable sent at once succeeds, in process and over HTTP", async () => {
    // dynalite drops the definition on a timer after answering; in process, the next request
    // often came first and found the table still DELETING.
    for (const client of [table.client, sdk]) {
      const TableName = await createTable()
      for (let round = 0; round < 20; round++) {
        await client.send(new DeleteTableCommand({ TableName }))
        await createTableAndWait(client, tableInput(TableName))
      }
      expect((await describeTable(TableName))?.TableStatus).toBe("ACTIVE")
    }
  })

  test("still answers while a test fakes setTimeout, the table DELETING until time moves", async () => {
    const TableName = await createTable()
    vi.useFakeTimers({ toFake: ["setTimeout"] })
    try {
      await table.client.send(new DeleteTableCommand({ TableName }))
      const during = await table.client.send(new DescribeTableCommand({ TableName }))
      expect(during.Table?.TableStatus).toBe("DELETING")
      await vi.advanceTimersByTimeAsync(10)
      expect(
        await failure(table.client.send(new DescribeTableCommand({ TableName }))),
      ).toMatchObject({
        name: "ResourceNotFoundException",
      })
    } finally {
      vi.useRealTimers()
    }
  })
})

describe("DeletionProtectionEnabled", () => {
  const protectedMessage =
    "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first."

  test("a table created protected cannot be deleted until UpdateTable lifts it", async () => {
    const TableName = await createTable({ DeletionProtectionEnabled: true })
    expect((await describeTable(TableName))?.DeletionProtectionEnabled).toBe(true)
    const refused = await failure(sdk.send(new DeleteTableCommand({ TableName })))
    expect(refused).toEqual({ name: "ValidationException", message: protectedMessage, status: 400 })
    expect(await describeTable(TableName)).toBeDefined()
    await sdk.send(new UpdateTableCommand({ TableName, DeletionProtectionEnabled: false }))
    await sdk.send(new DeleteTableCommand({ TableName }))
    expect((await failure(describeTable(TableName))).name).toBe("ResourceNotFoundException")
  })

  test("UpdateTable turns protection on; tables start unprotected", async () => {
    const TableName = await createTable()
    expect((await describeTable(TableName))?.DeletionProtectionEnabled).toBe(false)
    const { TableDescription } = await sdk.send(
      new UpdateTableCommand({ TableName, DeletionProtectionEnabled: true }),
    )
    expect(TableDescription?.DeletionProtectionEnabled).toBe(true)
    expect((await failure(sdk.send(new DeleteTableCommand({ TableName })))).message).toBe(
      protectedMessage,
    )
  })

  test("deleting a table still forgets its TTL setting", async () => {
    const TableName = await createTable()
    await sdk.send(
      new UpdateTimeToLiveCommand({
        TableName,
        TimeToLiveSpecification: { Enabled: true, AttributeName: "expires" },
      }),
    )
    await sdk.send(new DeleteTableCommand({ TableName }))
    await sdk.send(new CreateTableCommand(tableInput(TableName)))
    const { TimeToLiveDescription } = await sdk.send(new DescribeTimeToLiveCommand({ TableName }))
    expect(TimeToLiveDescription?.TimeToLiveStatus).toBe("DISABLED")
  })
})

describe("StreamSpecification", () => {
  test("CreateTable's StreamSpecification stays in DescribeTable, with a stream ARN", async () => {
    const TableName = await createTable({
      StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" },
    })
    const described = await describeTable(TableName)
    expect(described?.StreamSpecification).toEqual({
      StreamEnabled: true,
      StreamViewType: "NEW_AND_OLD_IMAGES",
    })
    expect(described?.LatestStreamArn).toMatch(new RegExp(`:table/${TableName}/stream/`))
  })

  test("UpdateTable sets it", async () => {
    const TableName = await createTable()
    await sdk.send(
      new UpdateTableCommand({
        TableName,
        StreamSpecification: { StreamEnabled: true, StreamViewType: "KEYS_ONLY" },
      }),
    )
    expect((await describeTable(TableName))?.StreamSpecification).toEqual({
      StreamEnabled: true,
      StreamViewType: "KEYS_ONLY",
    })
  })
})

describe("a table still CREATING", () => {
  test("UpdateTable answers ResourceInUseException, as AWS does, and changes nothing", async () => {
    const TableName = `ops-table-${++tables}`
    // dynalite makes the table ACTIVE on a setTimeout: held, the table stays CREATING.
    vi.useFakeTimers({ toFake: ["setTimeout"] })
    try {
      await sdk.send(new CreateTableCommand(tableInput(TableName)))
      const update = new UpdateTableCommand({
        TableName,
        StreamSpecification: { StreamEnabled: true, StreamViewType: "KEYS_ONLY" },
      })
      expect(await failure(sdk.send(update))).toEqual({
        name: "ResourceInUseException",
        message: `Attempt to change a resource which is still in use: Table is being created: ${TableName}`,
        status: 400,
      })
      vi.runAllTimers()
    } finally {
      vi.useRealTimers()
    }
    const table = await describeTable(TableName)
    expect(table?.TableStatus).toBe("ACTIVE")
    expect(table?.StreamSpecification).toBeUndefined()
  })
})
