/**
 * The router must not change dynalite's answers: the same requests, in the same order, go to
 * the engine and to plain dynalite in a child process, and their statuses and bodies must agree,
 * except where the engine answers on purpose as AWS does and dynalite does not (listed below,
 * and checked to differ, so the list stays true).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest"
import { type AuthTable, authTableSchema, startAuthTable } from "../../../src/emulator/index.js"
import { type PlainDynalite, startPlainDynalite } from "./_plain-dynalite.js"
import { operation, type RawResponse, rawRequest, signedHeaders } from "./_raw-http.js"

let engine: AuthTable
let plain: PlainDynalite

beforeAll(async () => {
  ;[engine, plain] = await Promise.all([startAuthTable(), startPlainDynalite()])
  // The same tables on both sides: the engine starts with the auth table.
  const schema = authTableSchema(engine.keys)
  await operation(plain.endpoint, "CreateTable", schema)
}, 30_000)
afterAll(async () => {
  await engine?.stop()
  await plain?.stop()
})

type Case = [operation: string, body: unknown]

const T = "diff"
const key = (pk: string, sk = "s") => ({ pk: { S: pk }, sk: { S: sk } })
const item = (pk: string, extra: Record<string, unknown> = {}) => ({
  ...key(pk),
  g: { S: `g-${pk}` },
  n: { N: "1" },
  ...extra,
})

const createTable: Case = [
  "CreateTable",
  {
    TableName: T,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [
      { AttributeName: "pk", AttributeType: "S" },
      { AttributeName: "sk", AttributeType: "S" },
      { AttributeName: "g", AttributeType: "S" },
    ],
    KeySchema: [
      { AttributeName: "pk", KeyType: "HASH" },
      { AttributeName: "sk", KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: "GSI",
        KeySchema: [{ AttributeName: "g", KeyType: "HASH" }],
        Projection: { ProjectionType: "ALL" },
      },
    ],
  },
]

/** Valid and invalid requests of every operation dynalite serves, in an order that builds state. */
const cases: Case[] = [
  createTable,
  ["CreateTable", { TableName: T }],
  ["CreateTable", { TableName: "x", KeySchema: [] }],
  ["CreateTable", {}],
  ["DescribeTable", { TableName: T }],
  ["DescribeTable", { TableName: "missing" }],
  ["DescribeTable", { TableName: "a" }],
  ["DescribeTable", {}],
  ["ListTables", {}],
  ["ListTables", { Limit: 0 }],
  ["ListTables", { Limit: "x" }],
  ["ListTables", { ExclusiveStartTableName: "a!" }],
  ...Array.from(
    { length: 12 },
    (_, i): Case => [
      "PutItem",
      { TableName: T, Item: item(`p${i}`, { list: { L: [{ S: "a" }, { N: `${i}` }] } }) },
    ],
  ),
  ["PutItem", { TableName: T, Item: { pk: { S: "only-pk" } } }],
  ["PutItem", { TableName: T, Item: { ...key("bad"), n: { N: "abc" } } }],
  ["PutItem", { TableName: T, Item: { ...key("bad"), s: { S: "a", N: "1" } } }],
  ["PutItem", { TableName: T, Item: { ...key("bad"), ss: { SS: ["a", "a"] } } }],
  ["PutItem", { TableName: T, Item: { ...key("bad"), e: {} } }],
  [
    "PutItem",
    {
      TableName: T,
      Item: { ...key("p1"), n: { N: "2" } },
      ConditionExpression: "attribute_not_exists(pk)",
    },
  ],
  [
    "PutItem",
    {
      TableName: T,
      Item: item("p1"),
      ConditionExpression: "n = :one",
      ExpressionAttributeValues: { ":one": { N: "1" } },
      ReturnValues: "ALL_OLD",
    },
  ],
  ["PutItem", { TableName: T, Item: item("p2"), ReturnValues: "ALL_NEW" }],
  [
    "PutItem",
    {
      TableName: T,
      Item: item("p2"),
      ConditionExpression: "((n = :one))",
      ExpressionAttributeValues: { ":one": { N: "1" } },
    },
  ],
  ["PutItem", { TableName: T, Item: item("p2"), ConditionExpression: "n = :unused" }],
  ["PutItem", { TableName: T, Item: item("p2"), ExpressionAttributeNames: { "#a": "a" } }],
  ["PutItem", { TableName: "missing", Item: item("p1") }],
  ["PutItem", { TableName: T }],
  ["PutItem", { TableName: T, Item: "string" }],
  ["PutItem", { TableName: T, Item: item("p3"), Expected: { n: { Value: { N: "1" } } } }],
  ["PutItem", { TableName: T, Item: { ...key("big"), b: { S: "x".repeat(410_000) } } }],
  ["GetItem", { TableName: T, Key: key("p1") }],
  [
    "GetItem",
    {
      TableName: T,
      Key: key("p1"),
      ProjectionExpression: "g, #l[1]",
      ExpressionAttributeNames: { "#l": "list" },
    },
  ],
  ["GetItem", { TableName: T, Key: key("p1"), ProjectionExpression: "g,,n" }],
  ["GetItem", { TableName: T, Key: key("nope") }],
  ["GetItem", { TableName: T, Key: { pk: { S: "p1" } } }],
  ["GetItem", { TableName: T, Key: { ...key("p1"), extra: { S: "x" } } }],
  ["GetItem", { TableName: T, Key: { pk: { N: "1" }, sk: { S: "s" } } }],
  ["GetItem", { TableName: T, Key: key("p1"), AttributesToGet: ["g"], ProjectionExpression: "g" }],
  ["GetItem", { TableName: T, Key: key("p1"), ConsistentRead: "yes" }],
  ["GetItem", { TableName: T, Key: key("p1"), ReturnConsumedCapacity: "TOTAL" }],
  [
    "UpdateItem",
    {
      TableName: T,
      Key: key("p1"),
      UpdateExpression: "SET n = n + :one, #t = :t",
      ExpressionAttributeNames: { "#t": "tag" },
      ExpressionAttributeValues: { ":one": { N: "1" }, ":t": { S: "x" } },
      ReturnValues: "ALL_NEW",
    },
  ],
  [
    "UpdateItem",
    { TableName: T, Key: key("p1"), UpdateExpression: "REMOVE tag", ReturnValues: "UPDATED_OLD" },
  ],
  [
    "UpdateItem",
    {
      TableName: T,
      Key: key("p1"),
      UpdateExpression: "ADD nums :s",
      ExpressionAttributeValues: { ":s": { NS: ["1", "2"] } },
      ReturnValues: "UPDATED_NEW",
    },
  ],
  [
    "UpdateItem",
    {
      TableName: T,
      Key: key("p1"),
      UpdateExpression: "SET list = list_append(list, :l)",
      ExpressionAttributeValues: { ":l": { L: [{ S: "z" }] } },
    },
  ],
  [
    "UpdateItem",
    {
      TableName: T,
      Key: key("p1"),
      UpdateExpression: "SET pk = :x",
      ExpressionAttributeValues: { ":x": { S: "x" } },
    },
  ],
  [
    "UpdateItem",
    {
      TableName: T,
      Key: key("p1"),
      UpdateExpression: "SET a = :x, a = :x",
      ExpressionAttributeValues: { ":x": { S: "x" } },
    },
  ],
  ["UpdateItem", { TableName: T, Key: key("p1"), UpdateExpression: "SET" }],
  [
    "UpdateItem",
    {
      TableName: T,
      Key: key("p1"),
      UpdateExpression: "SET n = :x",
      ExpressionAttributeValues: { ":x": { S: "x" } },
      ConditionExpression: "attribute_exists(nothere)",
    },
  ],
  [
    "UpdateItem",
    {
      TableName: T,
      Key: key("new"),
      AttributeUpdates: { a: { Action: "PUT", Value: { S: "v" } } },
      ReturnValues: "ALL_NEW",
    },
  ],
  [
    "UpdateItem",
    { TableName: T, Key: key("p1"), UpdateExpression: "SET a = :x", AttributeUpdates: {} },
  ],
  ["DeleteItem", { TableName: T, Key: key("p11"), ReturnValues: "ALL_OLD" }],
  ["DeleteItem", { TableName: T, Key: key("p10"), ConditionExpression: "attribute_exists(nope)" }],
  ["DeleteItem", { TableName: T, Key: key("gone"), ReturnValues: "ALL_OLD" }],
  ["DeleteItem", { TableName: T }],
  [
    "Query",
    {
      TableName: T,
      KeyConditionExpression: "pk = :p",
      ExpressionAttributeValues: { ":p": { S: "p1" } },
    },
  ],
  [
    "Query",
    {
      TableName: T,
      IndexName: "GSI",
      KeyConditionExpression: "g = :g",
      ExpressionAttributeValues: { ":g": { S: "g-p2" } },
    },
  ],
  [
    "Query",
    {
      TableName: T,
      IndexName: "GSI",
      KeyConditionExpression: "g = :g",
      ExpressionAttributeValues: { ":g": { S: "g-p2" } },
      ConsistentRead: true,
    },
  ],
  [
    "Query",
    {
      TableName: T,
      IndexName: "missing",
      KeyConditionExpression: "g = :g",
      ExpressionAttributeValues: { ":g": { S: "x" } },
    },
  ],
  [
    "Query",
    {
      TableName: T,
      KeyConditionExpression: "pk = :p AND begins_with(sk, :s)",
      ExpressionAttributeValues: { ":p": { S: "p1" }, ":s": { S: "s" } },
      ScanIndexForward: false,
      Limit: 1,
    },
  ],
  [
    "Query",
    {
      TableName: T,
      KeyConditionExpression: "sk = :s",
      ExpressionAttributeValues: { ":s": { S: "s" } },
    },
  ],
  [
    "Query",
    {
      TableName: T,
      KeyConditionExpression: "pk = :p OR pk = :p",
      ExpressionAttributeValues: { ":p": { S: "p1" } },
    },
  ],
  [
    "Query",
    {
      TableName: T,
      KeyConditionExpression: "pk = :p",
      FilterExpression: "n > :z",
      ExpressionAttributeValues: { ":p": { S: "p1" }, ":z": { N: "0" } },
      Select: "COUNT",
    },
  ],
  [
    "Query",
    {
      TableName: T,
      KeyConditions: { pk: { ComparisonOperator: "EQ", AttributeValueList: [{ S: "p1" }] } },
    },
  ],
  ["Query", { TableName: T }],
  [
    "Query",
    {
      TableName: T,
      KeyConditionExpression: "pk = :p",
      ExpressionAttributeValues: { ":p": { S: "p1" } },
      Limit: 0,
    },
  ],
  ["Scan", { TableName: T }],
  ["Scan", { TableName: T, Limit: 3 }],
  ["Scan", { TableName: T, Limit: 3, ExclusiveStartKey: key("p3") }],
  ["Scan", { TableName: T, Segment: 0, TotalSegments: 2 }],
  ["Scan", { TableName: T, Segment: 2, TotalSegments: 2 }],
  [
    "Scan",
    {
      TableName: T,
      FilterExpression: "contains(list, :a) AND size(g) > :two",
      ExpressionAttributeValues: { ":a": { S: "a" }, ":two": { N: "2" } },
    },
  ],
  ["Scan", { TableName: T, FilterExpression: "a ==== b" }],
  ["Scan", { TableName: T, FilterExpression: "(((,)))" }],
  ["Scan", { TableName: T, IndexName: "GSI", ProjectionExpression: "g" }],
  [
    "Scan",
    {
      TableName: T,
      ScanFilter: { n: { ComparisonOperator: "GT", AttributeValueList: [{ N: "0" }] } },
    },
  ],
  ["Scan", { TableName: T, Select: "SPECIFIC_ATTRIBUTES", AttributesToGet: ["g"] }],
  ["Scan", { TableName: T, Select: "BOGUS" }],
  ["BatchGetItem", { RequestItems: { [T]: { Keys: [key("p1"), key("p2"), key("none")] } } }],
  ["BatchGetItem", { RequestItems: { [T]: { Keys: [key("p1"), key("p1")] } } }],
  ["BatchGetItem", { RequestItems: { [T]: { Keys: [] } } }],
  ["BatchGetItem", { RequestItems: {} }],
  ["BatchGetItem", { RequestItems: { missing: { Keys: [key("p1")] } } }],
  [
    "BatchWriteItem",
    {
      RequestItems: {
        [T]: [{ PutRequest: { Item: item("b1") } }, { DeleteRequest: { Key: key("p9") } }],
      },
    },
  ],
  [
    "BatchWriteItem",
    {
      RequestItems: {
        [T]: [{ PutRequest: { Item: item("b1") } }, { PutRequest: { Item: item("b1") } }],
      },
    },
  ],
  [
    "BatchWriteItem",
    {
      RequestItems: {
        [T]: Array.from({ length: 26 }, (_, i) => ({ PutRequest: { Item: item(`c${i}`) } })),
      },
    },
  ],
  // 300 items in one partition: Query and Scan read past one page of the store's iterator (256).
  ...Array.from(
    { length: 12 },
    (_, batch): Case => [
      "BatchWriteItem",
      {
        RequestItems: {
          [T]: Array.from({ length: 25 }, (_, i) => ({
            PutRequest: {
              Item: item("wide", key("wide", `s${String(batch * 25 + i).padStart(3, "0")}`)),
            },
          })),
        },
      },
    ],
  ),
  [
    "Query",
    {
      TableName: T,
      KeyConditionExpression: "pk = :p",
      ExpressionAttributeValues: { ":p": { S: "wide" } },
    },
  ],
  [
    "Query",
    {
      TableName: T,
      KeyConditionExpression: "pk = :p",
      ExpressionAttributeValues: { ":p": { S: "wide" } },
      ScanIndexForward: false,
      Limit: 270,
    },
  ],
  [
    "Query",
    {
      TableName: T,
      KeyConditionExpression: "pk = :p AND sk > :s",
      ExpressionAttributeValues: { ":p": { S: "wide" }, ":s": { S: "s010" } },
      ExclusiveStartKey: key("wide", "s020"),
      Select: "COUNT",
    },
  ],
  ["Scan", { TableName: T, Limit: 290 }],
  ["Scan", { TableName: T, ExclusiveStartKey: key("wide", "s150"), Limit: 200 }],
  ["Scan", { TableName: T, IndexName: "GSI", Select: "COUNT" }],
  [
    "Query",
    {
      TableName: T,
      KeyConditionExpression: "pk = :p",
      FilterExpression: "n BETWEEN :a AND :b OR g = :g",
      ProjectionExpression: "sk, g",
      ExpressionAttributeValues: {
        ":p": { S: "wide" },
        ":a": { N: "2" },
        ":b": { N: "3" },
        ":g": { S: "none" },
      },
      Limit: 110,
      ReturnConsumedCapacity: "INDEXES",
    },
  ],
  [
    "Query",
    {
      TableName: T,
      IndexName: "GSI",
      KeyConditionExpression: "g = :g",
      ExpressionAttributeValues: { ":g": { S: "g-wide" } },
      Limit: 5,
      ReturnConsumedCapacity: "INDEXES",
    },
  ],
  [
    "Query",
    {
      TableName: T,
      KeyConditions: { pk: { ComparisonOperator: "EQ", AttributeValueList: [{ S: "wide" }] } },
      QueryFilter: { n: { ComparisonOperator: "EQ", AttributeValueList: [{ N: "2" }] } },
      AttributesToGet: ["pk", "sk"],
      Limit: 3,
      ReturnConsumedCapacity: "TOTAL",
    },
  ],
  ["Scan", { TableName: T, IndexName: "GSI", Limit: 4, ReturnConsumedCapacity: "INDEXES" }],
  [
    "Scan",
    {
      TableName: T,
      ScanFilter: { sk: { ComparisonOperator: "BEGINS_WITH", AttributeValueList: [{ S: "s29" }] } },
      ConditionalOperator: "OR",
      ReturnConsumedCapacity: "TOTAL",
    },
  ],
  // Three items of about 390 KB: a Scan stops at 1 MB with a LastEvaluatedKey.
  ...["big1", "big2", "big3"].map(
    (pk): Case => [
      "PutItem",
      { TableName: T, Item: { ...key(pk), blob: { S: "x".repeat(390_000) } } },
    ],
  ),
  ["Scan", { TableName: T, Select: "COUNT", ReturnConsumedCapacity: "TOTAL" }],
  ["BatchWriteItem", { RequestItems: { [T]: [{}] } }],
  ["BatchWriteItem", { RequestItems: { [T]: [{ PutRequest: { Item: { pk: { S: "x" } } } }] } }],
  [
    "TagResource",
    {
      ResourceArn: "arn:aws:dynamodb:us-east-1:000000000000:table/diff",
      Tags: [{ Key: "k", Value: "v" }],
    },
  ],
  ["ListTagsOfResource", { ResourceArn: "arn:aws:dynamodb:us-east-1:000000000000:table/diff" }],
  [
    "UntagResource",
    { ResourceArn: "arn:aws:dynamodb:us-east-1:000000000000:table/diff", TagKeys: ["k"] },
  ],
  ["ListTagsOfResource", { ResourceArn: "bad" }],
  [
    "UpdateTable",
    {
      TableName: T,
      BillingMode: "PROVISIONED",
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
    },
  ],
  ["UpdateTable", { TableName: T }],
  ["UpdateTable", { TableName: "missing", BillingMode: "PAY_PER_REQUEST" }],
  ["DescribeTimeToLive", { TableName: T }],
  ["DescribeTimeToLive", { TableName: "missing" }],
  ["DescribeTimeToLive", {}],
  ["DeleteTable", { TableName: "missing" }],
  ["DeleteTable", { TableName: T }],
  ["DescribeTable", { TableName: T }],
  ["GetItem", { TableName: T, Key: key("p1") }],
  ["NoSuchOperation", {}],
  ["GetItem", "not json"],
  ["GetItem", "[]"],
  ["GetItem", ""],
]

const byJson = (a: unknown, b: unknown) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)

/** Requests that are not operations at all: protocol-level answers. */
const protocolCases: {
  name: string
  method?: string
  headers: Record<string, string>
  body?: string
}[] = [
  { name: "GET health check", method: "GET", headers: {} },
  { name: "PUT", method: "PUT", headers: signedHeaders, body: "{}" },
  {
    name: "text/plain",
    headers: {
      ...signedHeaders,
      "content-type": "text/plain",
      "x-amz-target": "DynamoDB_20120810.ListTables",
    },
    body: "{}",
  },
  { name: "no target", headers: signedHeaders, body: "{}" },
  {
    name: "old API",
    headers: { ...signedHeaders, "x-amz-target": "DynamoDB_20111205.ListTables" },
    body: "{}",
  },
  {
    name: "no auth",
    headers: { "content-type": "application/json", "x-amz-target": "DynamoDB_20120810.ListTables" },
    body: "{}",
  },
  {
    name: "bad auth",
    headers: {
      "content-type": "application/json",
      authorization: "AWS4-HMAC-SHA256 Foo=1",
      "x-amz-target": "DynamoDB_20120810.ListTables",
    },
    body: "{}",
  },
  {
    name: "no date",
    headers: {
      "content-type": "application/json",
      authorization: signedHeaders.authorization,
      "x-amz-target": "DynamoDB_20120810.ListTables",
    },
    body: "{}",
  },
  {
    name: "empty body",
    headers: { ...signedHeaders, "x-amz-target": "DynamoDB_20120810.ListTables" },
  },
]

/**
 * What may differ between two runs of one request: ids, times, and the order of BatchGetItem's
 * items (AWS does not keep it; dynalite answers in the order its reads finish). Besides, the
 * engine's table descriptions carry `DeletionProtectionEnabled`, as AWS's do (checked below).
 */
function normalize(response: RawResponse): unknown {
  let body: unknown = response.body
  try {
    body = JSON.parse(response.body)
  } catch {}
  const clean = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(clean)
    if (value && typeof value === "object") {
      return Object.fromEntries(
        Object.entries(value)
          .filter(([k]) => k !== "DeletionProtectionEnabled")
          .map(([k, v]) => [k, /DateTime$|^TableId$/.test(k) ? "<varies>" : clean(v)]),
      )
    }
    return value
  }
  // BatchGetItem's Responses: a list per table (TransactGetItems' is one list, in order).
  const responses = (body as { Responses?: unknown } | null)?.Responses
  if (responses && typeof responses === "object" && !Array.isArray(responses)) {
    for (const items of Object.values(responses)) (items as unknown[]).sort(byJson)
  }
  return {
    status: response.status,
    body: clean(body),
    contentType: response.headers["content-type"],
    crc: response.headers["x-amz-crc32"] !== undefined,
  }
}

describe("the engine answers as plain dynalite", () => {
  test("every operation, valid and invalid, in one sequence", async () => {
    const differences: string[] = []
    let served = 0
    for (const [name, body] of cases) {
      const send = (endpoint: string) => operation(endpoint, name, body as object)
      const [ours, theirs] = [await send(engine.endpoint), await send(plain.endpoint)]
      if (ours.status === 200) served++
      const [a, b] = [normalize(ours), normalize(theirs)]
      if (JSON.stringify(a) !== JSON.stringify(b)) {
        differences.push(
          `${name} ${JSON.stringify(body).slice(0, 120)}\n  engine: ${JSON.stringify(a).slice(0, 3000)}\n  plain:  ${JSON.stringify(b).slice(0, 3000)}`,
        )
      }
    }
    expect(plain.alive()).toBe(true)
    expect(differences).toEqual([])
    // The sequence builds state: a table that failed to be created would leave only errors to
    // compare (as an index name under three characters once did).
    expect(served, `${served} of ${cases.length} answered 200`).toBeGreaterThanOrEqual(60)
  }, 60_000)

  test("protocol-level answers", async () => {
    for (const { name, method, headers, body } of protocolCases) {
      const send = (endpoint: string) => rawRequest(endpoint, { method, headers, body })
      expect(normalize(await send(engine.endpoint)), name).toEqual(
        normalize(await send(plain.endpoint)),
      )
    }
  })
})

describe("where the engine answers as AWS does and plain dynalite does not", () => {
  const deep = (depth: number) => {
    let value: object = { S: "x" }
    for (let i = 0; i < depth; i++) value = { M: { a: value } }
    return value
  }
  const deliberate: [reason: string, operation: string, body: object][] = [
    [
      "UpdateTimeToLive is served (dynalite lacks it)",
      "UpdateTimeToLive",
      {
        TableName: "next-auth",
        TimeToLiveSpecification: { Enabled: false, AttributeName: "expires" },
      },
    ],
    [
      "attribute values nest at most 32 levels",
      "PutItem",
      { TableName: "next-auth", Item: { pk: { S: "d" }, sk: { S: "d" }, v: deep(40) } },
    ],
    [
      "expressions are at most 4 KB",
      "Scan",
      { TableName: "next-auth", FilterExpression: `attribute_exists(${"a".repeat(5000)})` },
    ],
    [
      "DeleteItem takes ReturnValues ALL_OLD or NONE only",
      "DeleteItem",
      { TableName: "next-auth", Key: { pk: { S: "x" }, sk: { S: "x" } }, ReturnValues: "ALL_NEW" },
    ],
    [
      "an empty string is refused as a GSI key value",
      "PutItem",
      {
        TableName: "next-auth",
        Item: { pk: { S: "x" }, sk: { S: "x" }, GSI1PK: { S: "" }, GSI1SK: { S: "a" } },
      },
    ],
    [
      "a Query's partition key value may not be empty",
      "Query",
      {
        TableName: "next-auth",
        KeyConditionExpression: "pk = :p",
        ExpressionAttributeValues: { ":p": { S: "" } },
      },
    ],
    [
      "Select COUNT takes no ProjectionExpression",
      "Scan",
      { TableName: "next-auth", Select: "COUNT", ProjectionExpression: "pk" },
    ],
    ["Segment needs TotalSegments", "Scan", { TableName: "next-auth", Segment: 0 }],
    [
      "ReturnValuesOnConditionCheckFailure takes ALL_OLD or NONE",
      "PutItem",
      {
        TableName: "next-auth",
        Item: { pk: { S: "x" }, sk: { S: "x" } },
        ReturnValuesOnConditionCheckFailure: "ALL_NEW",
      },
    ],
    [
      "TransactGetItems is served (dynalite lacks it)",
      "TransactGetItems",
      {
        TransactItems: [
          { Get: { TableName: "next-auth", Key: { pk: { S: "x" }, sk: { S: "x" } } } },
        ],
      },
    ],
  ]
  for (const [reason, name, body] of deliberate) {
    test(reason, async () => {
      const ours = normalize(await operation(engine.endpoint, name, body))
      const theirs = normalize(await operation(plain.endpoint, name, body))
      expect(ours).not.toEqual(theirs)
      expect((ours as { status: number }).status).toBeLessThan(500)
    })
  }

  test("table descriptions say whether deletion protection is on (normalize sets it aside)", async () => {
    const describe = async (endpoint: string) =>
      JSON.parse((await operation(endpoint, "DescribeTable", { TableName: "next-auth" })).body)
    expect((await describe(engine.endpoint)).Table.DeletionProtectionEnabled).toBe(false)
    expect((await describe(plain.endpoint)).Table).not.toHaveProperty("DeletionProtectionEnabled")
  })
})
