import {
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocument,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb"
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest"
import { type AuthTable, startAuthTable } from "../../../src/emulator/index.js"
import { failure } from "./_failure.js"

let table: AuthTable
/** A document client as an app may configure it: "" stays a string (no convertEmptyValues). */
let app: DynamoDBDocument
beforeAll(async () => {
  table = await startAuthTable()
  app = DynamoDBDocument.from(table.client)
})
afterAll(() => table?.stop())
beforeEach(() => table.reset())

const TableName = "next-auth"
const key = (id: string) => ({ pk: `ITEM#${id}`, sk: `ITEM#${id}` })

const gsiMessage =
  "One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: GSI1, IndexKey: GSI1PK"

describe("ReturnValuesOnConditionCheckFailure", () => {
  const versioned = { ...key("v"), version: 2 }
  const stale = { ConditionExpression: "version = :one", ExpressionAttributeValues: { ":one": 1 } }
  const wire = { pk: { S: "ITEM#v" }, sk: { S: "ITEM#v" }, version: { N: "2" } }

  test("ALL_OLD puts the item on PutItem's ConditionalCheckFailedException", async () => {
    await app.put({ TableName, Item: versioned })
    const error = await failure(
      app.send(
        new PutCommand({
          TableName,
          Item: { ...key("v"), version: 3 },
          ...stale,
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        }),
      ),
    )
    expect(error).toMatchObject({
      name: "ConditionalCheckFailedException",
      message: "The conditional request failed",
      Item: wire,
    })
  })

  test("ALL_OLD puts the item on UpdateItem's and DeleteItem's failure", async () => {
    await app.put({ TableName, Item: versioned })
    const update = await failure(
      app.send(
        new UpdateCommand({
          TableName,
          Key: key("v"),
          UpdateExpression: "SET version = :one",
          ...stale,
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        }),
      ),
    )
    expect(update.Item).toEqual(wire)
    const remove = await failure(
      app.send(
        new DeleteCommand({
          TableName,
          Key: key("v"),
          ...stale,
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        }),
      ),
    )
    expect(remove.Item).toEqual(wire)
  })

  test("NONE, the default, and a missing item leave Item out", async () => {
    await app.put({ TableName, Item: versioned })
    const none = await failure(
      app.send(
        new DeleteCommand({
          TableName,
          Key: key("v"),
          ...stale,
          ReturnValuesOnConditionCheckFailure: "NONE",
        }),
      ),
    )
    expect(none.name).toBe("ConditionalCheckFailedException")
    expect(none.Item).toBeUndefined()
    const missing = await failure(
      app.send(
        new DeleteCommand({
          TableName,
          Key: key("missing"),
          ConditionExpression: "attribute_exists(pk)",
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        }),
      ),
    )
    expect(missing.Item).toBeUndefined()
  })

  test("refuses a value other than ALL_OLD and NONE", async () => {
    const error = await failure(
      app.send(
        new PutCommand({
          TableName,
          Item: key("a"),
          ReturnValuesOnConditionCheckFailure: "ALL_NEW" as never,
        }),
      ),
    )
    expect(error).toMatchObject({
      name: "ValidationException",
      message:
        "1 validation error detected: Value 'ALL_NEW' at 'returnValuesOnConditionCheckFailure' failed to satisfy constraint: Member must satisfy enum value set: [ALL_OLD, NONE]",
    })
  })
})

describe("validations AWS enforces", () => {
  test("an empty string as a GSI key value fails PutItem", async () => {
    const error = await failure(
      app.put({ TableName, Item: { ...key("a"), GSI1PK: "", GSI1SK: "x" } }),
    )
    expect(error).toMatchObject({ name: "ValidationException", status: 400, message: gsiMessage })
  })

  test("an empty string as a GSI key value fails UpdateItem, also as if_not_exists's fallback", async () => {
    const direct = await failure(
      app.update({
        TableName,
        Key: key("a"),
        UpdateExpression: "SET GSI1PK = :e",
        ExpressionAttributeValues: { ":e": "" },
      }),
    )
    expect(direct.message).toBe(gsiMessage)
    const fallback = await failure(
      app.update({
        TableName,
        Key: key("a"),
        UpdateExpression: "SET GSI1PK = if_not_exists(GSI1PK, :e)",
        ExpressionAttributeValues: { ":e": "" },
      }),
    )
    expect(fallback.message).toBe(gsiMessage)
  })

  test("an empty string as a GSI key value fails BatchWriteItem, writing nothing", async () => {
    const error = await failure(
      app.send(
        new BatchWriteCommand({
          RequestItems: {
            [TableName]: [
              { PutRequest: { Item: { ...key("fine"), GSI1PK: "x", GSI1SK: "y" } } },
              { PutRequest: { Item: { ...key("bad"), GSI1PK: "", GSI1SK: "y" } } },
            ],
          },
        }),
      ),
    )
    expect(error.message).toBe(gsiMessage)
    expect((await app.get({ TableName, Key: key("fine") })).Item).toBeUndefined()
  })

  test("an empty string elsewhere in an item is still accepted", async () => {
    await app.put({ TableName, Item: { ...key("a"), note: "" } })
    expect((await app.get({ TableName, Key: key("a") })).Item).toEqual({ ...key("a"), note: "" })
  })

  test("Query refuses an empty partition key value, on the table and on an index", async () => {
    const onTable = await failure(
      app.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: "pk = :e",
          ExpressionAttributeValues: { ":e": "" },
        }),
      ),
    )
    expect(onTable.message).toBe(
      "One or more parameter values were invalid: The AttributeValue for a key attribute cannot contain an empty string value. Key: pk",
    )
    const onIndex = await failure(
      app.send(
        new QueryCommand({
          TableName,
          IndexName: "GSI1",
          KeyConditionExpression: "GSI1PK = :e",
          ExpressionAttributeValues: { ":e": "" },
        }),
      ),
    )
    expect(onIndex.message).toBe(gsiMessage)
  })

  test("DeleteItem refuses ReturnValues other than ALL_OLD and NONE", async () => {
    for (const ReturnValues of ["ALL_NEW", "UPDATED_OLD", "UPDATED_NEW"] as const) {
      const error = await failure(
        app.send(new DeleteCommand({ TableName, Key: key("a"), ReturnValues })),
      )
      expect(error).toMatchObject({
        name: "ValidationException",
        message: "ReturnValues can only be ALL_OLD or NONE",
      })
    }
  })

  test("Select SPECIFIC_ATTRIBUTES needs a projection", async () => {
    const error = await failure(
      app.send(new ScanCommand({ TableName, Select: "SPECIFIC_ATTRIBUTES" })),
    )
    expect(error).toMatchObject({
      name: "ValidationException",
      message:
        "Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES",
    })
  })

  test("Select ALL_PROJECTED_ATTRIBUTES needs an index", async () => {
    const error = await failure(
      app.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: "pk = :p",
          ExpressionAttributeValues: { ":p": "x" },
          Select: "ALL_PROJECTED_ATTRIBUTES",
        }),
      ),
    )
    expect(error.message).toBe(
      "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName",
    )
  })

  test("Select COUNT refuses a ProjectionExpression", async () => {
    const error = await failure(
      app.send(new ScanCommand({ TableName, Select: "COUNT", ProjectionExpression: "pk" })),
    )
    expect(error.message).toBe(
      "Cannot specify the ProjectionExpression when choosing to get only the Count",
    )
  })

  test("Select with a valid combination still answers", async () => {
    await app.put({ TableName, Item: key("a") })
    expect((await app.send(new ScanCommand({ TableName, Select: "COUNT" }))).Count).toBe(1)
    const specific = await app.send(
      new ScanCommand({ TableName, Select: "SPECIFIC_ATTRIBUTES", ProjectionExpression: "pk" }),
    )
    expect(specific.Items).toEqual([{ pk: "ITEM#a" }])
  })

  test("Scan refuses Segment 0 without TotalSegments", async () => {
    const error = await failure(app.send(new ScanCommand({ TableName, Segment: 0 })))
    expect(error.message).toBe(
      "The TotalSegments parameter is required but was not present in the request when Segment parameter is present",
    )
  })
})

describe("UpdateItem return values", () => {
  test("UPDATED_NEW after only REMOVEs answers without Attributes", async () => {
    await app.put({ TableName, Item: { ...key("a"), gone: 1 } })
    const result = await app.update({
      TableName,
      Key: key("a"),
      UpdateExpression: "REMOVE gone",
      ReturnValues: "UPDATED_NEW",
    })
    expect(result).not.toHaveProperty("Attributes")
  })

  test("UPDATED_NEW still answers the attributes it set", async () => {
    const result = await app.update({
      TableName,
      Key: key("a"),
      UpdateExpression: "SET n = :n",
      ExpressionAttributeValues: { ":n": 1 },
      ReturnValues: "UPDATED_NEW",
    })
    expect(result.Attributes).toEqual({ n: 1 })
  })
})
