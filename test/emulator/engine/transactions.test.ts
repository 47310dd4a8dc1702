import {
  DeleteCommand,
  DynamoDBDocument,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactGetCommand,
  TransactWriteCommand,
} from "@aws-sdk/lib-dynamodb"
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest"
import { type AuthTable, startAuthTable } from "../../../src/emulator/index.js"
import { failure } from "./_failure.js"

let table: AuthTable
beforeAll(async () => {
  table = await startAuthTable()
})
afterAll(() => table?.stop())
beforeEach(() => table.reset())

const TableName = "next-auth"
const key = (id: string) => ({ pk: `ITEM#${id}`, sk: `ITEM#${id}` })
const get = async (id: string) =>
  (await table.client.send(new GetCommand({ TableName, Key: key(id), ConsistentRead: true }))).Item
const put = (id: string, attributes: Record<string, unknown> = {}) =>
  table.client.send(new PutCommand({ TableName, Item: { ...key(id), ...attributes } }))
const transactWrite = (TransactItems: unknown[], extra: Record<string, unknown> = {}) =>
  table.client.send(
    new TransactWriteCommand({
      TransactItems: TransactItems as never,
      ...extra,
    }),
  )

const mustNotExist = { ConditionExpression: "attribute_not_exists(pk)" }

describe("TransactWriteItems", () => {
  test("applies Put, Update, Delete and ConditionCheck together", async () => {
    await put("updated", { count: 1 })
    await put("deleted")
    await put("checked", { status: "open" })
    await transactWrite([
      { Put: { TableName, Item: { ...key("new"), name: "n" }, ...mustNotExist } },
      {
        Update: {
          TableName,
          Key: key("updated"),
          UpdateExpression: "SET #count = #count + :one",
          ExpressionAttributeNames: { "#count": "count" },
          ExpressionAttributeValues: { ":one": 1 },
        },
      },
      { Delete: { TableName, Key: key("deleted") } },
      {
        ConditionCheck: {
          TableName,
          Key: key("checked"),
          ConditionExpression: "#status = :open",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":open": "open" },
        },
      },
    ])
    expect(await get("new")).toEqual({ ...key("new"), name: "n" })
    expect(await get("updated")).toEqual({ ...key("updated"), count: 2 })
    expect(await get("deleted")).toBeUndefined()
    expect(await get("checked")).toEqual({ ...key("checked"), status: "open" })
  })

  test("a failing condition cancels every action: no partial write", async () => {
    await put("taken", { owner: "a" })
    const error = await failure(
      transactWrite([
        { Put: { TableName, Item: { ...key("first"), v: 1 } } },
        { Put: { TableName, Item: { ...key("taken"), owner: "b" }, ...mustNotExist } },
        {
          Update: {
            TableName,
            Key: key("third"),
            UpdateExpression: "SET v = :v",
            ExpressionAttributeValues: { ":v": 3 },
          },
        },
      ]),
    )
    expect(error.name).toBe("TransactionCanceledException")
    expect(error.status).toBe(400)
    expect(error.message).toBe(
      "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, None]",
    )
    expect(error.CancellationReasons).toEqual([
      { Code: "None" },
      { Code: "ConditionalCheckFailed", Message: "The conditional request failed" },
      { Code: "None" },
    ])
    expect(await get("first")).toBeUndefined()
    expect(await get("third")).toBeUndefined()
    expect(await get("taken")).toEqual({ ...key("taken"), owner: "a" })
  })

  test("lists a reason for every failed condition, in the request's order", async () => {
    await put("a")
    await put("b")
    const error = await failure(
      transactWrite([
        {
          ConditionCheck: {
            TableName,
            Key: key("a"),
            ConditionExpression: "attribute_not_exists(pk)",
          },
        },
        {
          ConditionCheck: { TableName, Key: key("b"), ConditionExpression: "attribute_exists(pk)" },
        },
        { Delete: { TableName, Key: key("missing"), ConditionExpression: "attribute_exists(pk)" } },
      ]),
    )
    expect(error.CancellationReasons?.map((reason) => reason.Code)).toEqual([
      "ConditionalCheckFailed",
      "None",
      "ConditionalCheckFailed",
    ])
  })

  test("puts the item on the reason with ReturnValuesOnConditionCheckFailure ALL_OLD", async () => {
    await put("locked", { version: 3 })
    const error = await failure(
      transactWrite([
        {
          Update: {
            TableName,
            Key: key("locked"),
            UpdateExpression: "SET version = :next",
            ConditionExpression: "version = :expected",
            ExpressionAttributeValues: { ":next": 3, ":expected": 2 },
            ReturnValuesOnConditionCheckFailure: "ALL_OLD",
          },
        },
      ]),
    )
    expect(error.CancellationReasons).toEqual([
      {
        Code: "ConditionalCheckFailed",
        Message: "The conditional request failed",
        Item: { pk: { S: "ITEM#locked" }, sk: { S: "ITEM#locked" }, version: { N: "3" } },
      },
    ])
  })

  test("a write failing as it is applied is a ValidationError reason, earlier writes undone", async () => {
    await put("text", { count: "not a number" })
    const error = await failure(
      transactWrite([
        { Put: { TableName, Item: { ...key("applied-first"), v: 1 } } },
        {
          Update: {
            TableName,
            Key: key("text"),
            UpdateExpression: "SET #count = #count + :one",
            ExpressionAttributeNames: { "#count": "count" },
            ExpressionAttributeValues: { ":one": 1 },
          },
        },
      ]),
    )
    expect(error.name).toBe("TransactionCanceledException")
    expect(error.CancellationReasons).toEqual([
      { Code: "None" },
      {
        Code: "ValidationError",
        Message: "An operand in the update expression has an incorrect data type",
      },
    ])
    expect(await get("applied-first")).toBeUndefined()
  })

  test("50 concurrent transactions incrementing one counter end at 50 (serialised, none conflicts)", async () => {
    await put("counter", { n: 0 })
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        transactWrite([
          {
            Update: {
              TableName,
              Key: key("counter"),
              UpdateExpression: "SET n = n + :one",
              ExpressionAttributeValues: { ":one": 1 },
            },
          },
          { Put: { TableName, Item: { ...key(`log-${i}`), i } } },
        ]),
      ),
    )
    expect(await get("counter")).toEqual({ ...key("counter"), n: 50 })
  })

  test("updates the GSI as single writes do: added, moved and removed entries", async () => {
    await put("moved", { GSI1PK: "OLD", GSI1SK: "x" })
    await put("removed", { GSI1PK: "GONE", GSI1SK: "x" })
    await transactWrite([
      { Put: { TableName, Item: { ...key("added"), GSI1PK: "NEW", GSI1SK: "a" } } },
      {
        Update: {
          TableName,
          Key: key("moved"),
          UpdateExpression: "SET GSI1PK = :new",
          ExpressionAttributeValues: { ":new": "NEW" },
        },
      },
      { Delete: { TableName, Key: key("removed") } },
    ])
    const byIndex = async (value: string) =>
      (
        await table.client.send(
          new QueryCommand({
            TableName,
            IndexName: "GSI1",
            KeyConditionExpression: "GSI1PK = :v",
            ExpressionAttributeValues: { ":v": value },
          }),
        )
      ).Items?.map((item) => item.pk)
    expect((await byIndex("NEW"))?.sort()).toEqual(["ITEM#added", "ITEM#moved"])
    expect(await byIndex("OLD")).toEqual([])
    expect(await byIndex("GONE")).toEqual([])
  })

  test("reset() never lands inside a transaction: each pair is written whole or not at all", async () => {
    const pairs = Array.from({ length: 30 }, (_, i) =>
      transactWrite([
        { Put: { TableName, Item: { ...key(`left-${i}`), pair: i } } },
        { Put: { TableName, Item: { ...key(`right-${i}`), pair: i } } },
      ]),
    )
    await Promise.all([...pairs, table.reset(), table.reset()])
    const { Items = [] } = await table.client.scan({ TableName, ConsistentRead: true })
    const sides = new Map<number, number>()
    for (const item of Items)
      sides.set(item.pair as number, (sides.get(item.pair as number) ?? 0) + 1)
    expect([...sides.values()].every((count) => count === 2)).toBe(true)
  })

  test("a TTL sweep never lands inside a transaction", async () => {
    const past = Math.floor(Date.now() / 1000) - 60
    await put("expiring", { expires: past })
    await Promise.all([
      transactWrite([
        {
          ConditionCheck: {
            TableName,
            Key: key("expiring"),
            ConditionExpression: "attribute_exists(pk)",
          },
        },
        { Put: { TableName, Item: { ...key("witness"), saw: "expiring" } } },
      ]).then(
        () => "committed",
        () => "cancelled",
      ),
      table.sweep(),
    ])
    // Either the transaction saw the item and wrote its witness, or the sweep came first and the
    // transaction was cancelled: never a witness of an item swept in between.
    expect(await get("expiring")).toBeUndefined()
  })
})

describe("TransactWriteItems limits", () => {
  test("refuses two actions on one item", async () => {
    const error = await failure(
      transactWrite([
        { Put: { TableName, Item: key("same") } },
        {
          ConditionCheck: {
            TableName,
            Key: key("same"),
            ConditionExpression: "attribute_not_exists(pk)",
          },
        },
      ]),
    )
    expect(error).toMatchObject({
      name: "ValidationException",
      status: 400,
      message: "Transaction request cannot include multiple operations on one item",
    })
  })

  test("refuses more than 100 actions", async () => {
    const error = await failure(
      transactWrite(
        Array.from({ length: 101 }, (_, i) => ({ Put: { TableName, Item: key(`n${i}`) } })),
      ),
    )
    expect(error.name).toBe("ValidationException")
    expect(error.message).toMatch(
      /^1 validation error detected: Value '.*' at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100$/,
    )
  })

  test("refuses an empty transaction", async () => {
    const error = await failure(transactWrite([]))
    expect(error.name).toBe("ValidationException")
    expect(error.message).toMatch(/Member must have length greater than or equal to 1/)
  })

  test("refuses more than 4 MB of items", async () => {
    const big = "x".repeat(390 * 1024)
    const error = await failure(
      transactWrite(
        Array.from({ length: 11 }, (_, i) => ({
          Put: { TableName, Item: { ...key(`big${i}`), big } },
        })),
      ),
    )
    expect(error.name).toBe("ValidationException")
    expect(error.message).toMatch(/Transaction request size has exceeded the maximum allowed size/)
    expect(await get("big0")).toBeUndefined()
  })

  test("refuses an action with two kinds, or none", async () => {
    const both = await failure(
      transactWrite([{ Put: { TableName, Item: key("a") }, Delete: { TableName, Key: key("a") } }]),
    )
    expect(both).toMatchObject({
      name: "ValidationException",
      message: "TransactItems can only contain one of Check, Put, Update or Delete",
    })
    const none = await failure(transactWrite([{}]))
    expect(none.message).toBe("TransactItems can only contain one of Check, Put, Update or Delete")
  })

  test("checks each action as its single operation is checked", async () => {
    const noUpdate = await failure(transactWrite([{ Update: { TableName, Key: key("a") } }]))
    expect(noUpdate.message).toBe(
      "The parameter 'UpdateExpression' is required but was not present in the request",
    )
    const badKey = await failure(transactWrite([{ Delete: { TableName, Key: { pk: "only" } } }]))
    expect(badKey.message).toBe("The provided key element does not match the schema")
    const badExpression = await failure(
      transactWrite([
        { ConditionCheck: { TableName, Key: key("a"), ConditionExpression: "pk = " } },
      ]),
    )
    expect(badExpression.message).toMatch(/^Invalid ConditionExpression: Syntax error/)
    const noTable = await failure(
      transactWrite([{ Put: { TableName: "missing", Item: key("a") } }]),
    )
    expect(noTable).toMatchObject({
      name: "ResourceNotFoundException",
      message: "Requested resource not found",
    })
  })

  test("refuses ReturnValuesOnConditionCheckFailure other than ALL_OLD and NONE", async () => {
    const error = await failure(
      transactWrite([
        { Put: { TableName, Item: key("a"), ReturnValuesOnConditionCheckFailure: "ALL_NEW" } },
      ]),
    )
    expect(error.message).toBe(
      "1 validation error detected: Value 'ALL_NEW' at 'transactItems.1.member.put.returnValuesOnConditionCheckFailure' failed to satisfy constraint: Member must satisfy enum value set: [ALL_OLD, NONE]",
    )
  })

  test("refuses an empty string as a GSI key value", async () => {
    // The handle's client sends "" as NULL (convertEmptyValues); an app's client may not.
    const plain = DynamoDBDocument.from(table.client)
    const error = await failure(
      plain.send(
        new TransactWriteCommand({
          TransactItems: [{ Put: { TableName, Item: { ...key("a"), GSI1PK: "", GSI1SK: "x" } } }],
        }),
      ),
    )
    expect(error.message).toBe(
      "One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: GSI1, IndexKey: GSI1PK",
    )
  })
})

describe("ClientRequestToken", () => {
  const increment = {
    Update: {
      TableName,
      Key: key("once"),
      UpdateExpression: "ADD n :one",
      ExpressionAttributeValues: { ":one": 1 },
    },
  }

  test("the same token and request answer the same without writing again", async () => {
    await transactWrite([increment], { ClientRequestToken: "token-same" })
    await transactWrite([increment], { ClientRequestToken: "token-same" })
    expect(await get("once")).toEqual({ ...key("once"), n: 1 })
    await transactWrite([increment], { ClientRequestToken: "token-other" })
    expect(await get("once")).toEqual({ ...key("once"), n: 2 })
  })

  test("the same token with another request is an IdempotentParameterMismatchException", async () => {
    await transactWrite([increment], { ClientRequestToken: "token-mismatch" })
    const error = await failure(
      transactWrite([{ Put: { TableName, Item: key("else") } }], {
        ClientRequestToken: "token-mismatch",
      }),
    )
    expect(error).toMatchObject({ name: "IdempotentParameterMismatchException", status: 400 })
    expect(await get("else")).toBeUndefined()
  })

  test("a cancelled transaction's token may be retried", async () => {
    await put("blocker")
    const blocked = [{ Put: { TableName, Item: key("blocker"), ...mustNotExist } }]
    await failure(transactWrite(blocked, { ClientRequestToken: "token-retry" }))
    await table.client.send(new DeleteCommand({ TableName, Key: key("blocker") }))
    await transactWrite(blocked, { ClientRequestToken: "token-retry" })
    expect(await get("blocker")).toEqual(key("blocker"))
  })
})

describe("TransactGetItems", () => {
  test("reads items in order, an empty response for a missing one", async () => {
    await put("one", { v: 1, other: "x" })
    await put("two", { v: 2 })
    const { Responses } = await table.client.send(
      new TransactGetCommand({
        TransactItems: [
          { Get: { TableName, Key: key("two") } },
          { Get: { TableName, Key: key("missing") } },
          { Get: { TableName, Key: key("one"), ProjectionExpression: "v" } },
        ],
      }),
    )
    expect(Responses).toEqual([{ Item: { ...key("two"), v: 2 } }, {}, { Item: { v: 1 } }])
  })

  test("reads a consistent snapshot while transactions move a value between two items", async () => {
    await put("left", { n: 100 })
    await put("right", { n: 0 })
    const move = () =>
      transactWrite([
        {
          Update: {
            TableName,
            Key: key("left"),
            UpdateExpression: "SET n = n - :one",
            ExpressionAttributeValues: { ":one": 1 },
          },
        },
        {
          Update: {
            TableName,
            Key: key("right"),
            UpdateExpression: "SET n = n + :one",
            ExpressionAttributeValues: { ":one": 1 },
          },
        },
      ])
    const read = async () => {
      const { Responses = [] } = await table.client.send(
        new TransactGetCommand({
          TransactItems: [
            { Get: { TableName, Key: key("left") } },
            { Get: { TableName, Key: key("right") } },
          ],
        }),
      )
      return Responses.reduce((sum, response) => sum + Number(response.Item?.n), 0)
    }
    const sums = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? move().then(() => 100) : read())),
    )
    expect(sums.every((sum) => sum === 100)).toBe(true)
  })

  test("refuses more than 100 gets and two gets of one item", async () => {
    const many = await failure(
      table.client.send(
        new TransactGetCommand({
          TransactItems: Array.from({ length: 101 }, (_, i) => ({
            Get: { TableName, Key: key(`g${i}`) },
          })),
        }),
      ),
    )
    expect(many.message).toMatch(/Member must have length less than or equal to 100$/)
    const twice = await failure(
      table.client.send(
        new TransactGetCommand({
          TransactItems: [
            { Get: { TableName, Key: key("a") } },
            { Get: { TableName, Key: key("a") } },
          ],
        }),
      ),
    )
    expect(twice.message).toBe("Transaction request cannot include multiple operations on one item")
  })
})
