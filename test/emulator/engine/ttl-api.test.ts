import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTimeToLiveCommand,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb"
import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { afterAll, beforeAll, describe, expect, test } from "vitest"
import { type AuthTable, createLocalClient, startAuthTable } from "../../../src/emulator/index.js"

let table: AuthTable
let sdk: DynamoDBDocument
beforeAll(async () => {
  table = await startAuthTable()
  // An SDK client over HTTP with SigV4 (createLocalClient without lean), as an app would use.
  sdk = createLocalClient(table.endpoint)
})
afterAll(async () => {
  sdk?.destroy()
  await table?.stop()
})

let tables = 0
async function createTable(): Promise<string> {
  const TableName = `sdk-table-${++tables}`
  await sdk.send(
    new CreateTableCommand({
      TableName,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
    }),
  )
  return TableName
}
const describeTtl = async (TableName: string) =>
  (await sdk.send(new DescribeTimeToLiveCommand({ TableName }))).TimeToLiveDescription
const updateTtl = (TableName: string, Enabled: boolean, AttributeName = "expiresAt") =>
  sdk.send(
    new UpdateTimeToLiveCommand({ TableName, TimeToLiveSpecification: { Enabled, AttributeName } }),
  )
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

describe("TTL API", () => {
  test("startAuthTable() leaves TTL enabled on expires", async () => {
    expect(await describeTtl(table.tableName)).toEqual({
      TimeToLiveStatus: "ENABLED",
      AttributeName: "expires",
    })
  })

  test("a table created through the SDK starts with TTL disabled", async () => {
    expect(await describeTtl(await createTable())).toEqual({ TimeToLiveStatus: "DISABLED" })
  })

  test("UpdateTimeToLive enables and disables TTL on a table created through the SDK", async () => {
    const name = await createTable()
    const enabled = await updateTtl(name, true)
    expect(enabled.TimeToLiveSpecification).toEqual({ Enabled: true, AttributeName: "expiresAt" })
    expect(await describeTtl(name)).toEqual({
      TimeToLiveStatus: "ENABLED",
      AttributeName: "expiresAt",
    })
    const disabled = await updateTtl(name, false)
    expect(disabled.TimeToLiveSpecification).toEqual({ Enabled: false, AttributeName: "expiresAt" })
    expect(await describeTtl(name)).toEqual({ TimeToLiveStatus: "DISABLED" })
  })

  test("enabling TTL twice is a ValidationException, as on AWS", async () => {
    const name = await createTable()
    await updateTtl(name, true)
    expect(await failure(updateTtl(name, true))).toEqual({
      name: "ValidationException",
      message: "TimeToLive is already enabled",
      status: 400,
    })
  })

  test("enabling TTL on another attribute while enabled is a ValidationException", async () => {
    const name = await createTable()
    await updateTtl(name, true)
    expect(await failure(updateTtl(name, true, "ttl"))).toMatchObject({
      name: "ValidationException",
      message:
        "TimeToLive is active on a different AttributeName: current value of AttributeName is expiresAt",
    })
  })

  test("disabling TTL that is not enabled is a ValidationException", async () => {
    expect(await failure(updateTtl(await createTable(), false))).toMatchObject({
      name: "ValidationException",
      message: "TimeToLive is already disabled",
    })
  })

  test("a missing table is a ResourceNotFoundException for both operations", async () => {
    const expected = {
      name: "ResourceNotFoundException",
      message: "Requested resource not found: Table: nope not found",
      status: 400,
    }
    expect(await failure(describeTtl("nope"))).toEqual(expected)
    expect(await failure(updateTtl("nope", true))).toEqual(expected)
  })

  test("a missing specification or attribute name is a ValidationException", async () => {
    const name = await createTable()
    const noSpec = sdk.send(
      new UpdateTimeToLiveCommand({
        TableName: name,
        TimeToLiveSpecification: undefined as never,
      }),
    )
    expect(await failure(noSpec)).toMatchObject({
      name: "ValidationException",
      message: expect.stringContaining("at 'timeToLiveSpecification' failed to satisfy constraint"),
    })
    expect(await failure(updateTtl(name, true, ""))).toMatchObject({
      name: "ValidationException",
      message: expect.stringContaining("'timeToLiveSpecification.attributeName'"),
    })
  })

  test("DeleteTable forgets the setting: a table recreated under the name has TTL disabled", async () => {
    const name = await createTable()
    await updateTtl(name, true)
    await sdk.send(new DeleteTableCommand({ TableName: name }))
    await sdk.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
      }),
    )
    expect(await describeTtl(name)).toEqual({ TimeToLiveStatus: "DISABLED" })
  })

  test("every other operation still reaches dynalite", async () => {
    const name = await createTable()
    const { TableNames } = await sdk.send(new ListTablesCommand({}))
    expect(TableNames).toContain(name)
  })
})
