/**
 * A seeded fuzz of `authtable dev` as a real process: valid requests mutated with wrong types,
 * odd strings, truncated bodies, token-soup expressions, odd headers and aborted uploads. No
 * answer may be a 5xx, no connection may be reset by the server, and the process must still
 * answer afterwards and stop cleanly. Bounded in count and time; the seed is printed, and
 * AUTHTABLE_FUZZ_SEED replays one.
 */
import { connect } from "node:net"
import { afterAll, beforeAll, describe, expect, test } from "vitest"
import { type Cli, runCli, stopCli } from "../cli/_run-cli.js"
import { operation, rawRequest, signedHeaders } from "../emulator/engine/_raw-http.js"

const seed = Number(process.env.AUTHTABLE_FUZZ_SEED ?? 20261207)
const maxRequests = 3000
const maxMs = 60_000

let cli: Cli
let endpoint: string

beforeAll(async () => {
  cli = runCli(["dev", "--memory", "--port", "0", "--seed", "3", "--sweep-interval", "0"])
  ;({ endpoint } = await cli.ready())
}, 60_000)
afterAll(async () => {
  if (cli) await stopCli(cli, "SIGKILL")
})

function random(state: number) {
  let a = state >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const T = "next-auth"
const key = (id: string) => ({ pk: { S: `USER#${id}` }, sk: { S: `USER#${id}` } })
const valid: [string, object][] = [
  ["GetItem", { TableName: T, Key: key("u1") }],
  [
    "PutItem",
    {
      TableName: T,
      Item: {
        ...key("u1"),
        email: { S: "a@example.com" },
        GSI1PK: { S: "USER#a@example.com" },
        GSI1SK: { S: "USER#a@example.com" },
        n: { N: "1" },
        m: { M: { a: { L: [{ S: "x" }, { BOOL: true }] } } },
      },
    },
  ],
  [
    "UpdateItem",
    {
      TableName: T,
      Key: key("u1"),
      UpdateExpression: "SET #n = if_not_exists(#n, :z) + :one REMOVE gone",
      ConditionExpression: "attribute_exists(pk) AND (begins_with(sk, :p) OR size(email) > :z)",
      ExpressionAttributeNames: { "#n": "n" },
      ExpressionAttributeValues: { ":one": { N: "1" }, ":z": { N: "0" }, ":p": { S: "USER" } },
      ReturnValues: "ALL_NEW",
    },
  ],
  [
    "DeleteItem",
    {
      TableName: T,
      Key: key("u2"),
      ReturnValues: "ALL_OLD",
      ConditionExpression: "attribute_exists(pk)",
    },
  ],
  [
    "Query",
    {
      TableName: T,
      IndexName: "GSI1",
      KeyConditionExpression: "GSI1PK = :pk AND GSI1SK = :sk",
      ExpressionAttributeValues: {
        ":pk": { S: "USER#a@example.com" },
        ":sk": { S: "USER#a@example.com" },
      },
    },
  ],
  [
    "Query",
    {
      TableName: T,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :s)",
      FilterExpression: "NOT contains(email, :x)",
      ProjectionExpression: "pk, sk, m.a[0]",
      ExpressionAttributeValues: { ":pk": { S: "USER#u1" }, ":s": { S: "U" }, ":x": { S: "z" } },
      Limit: 5,
    },
  ],
  [
    "Scan",
    {
      TableName: T,
      Limit: 10,
      Segment: 0,
      TotalSegments: 2,
      FilterExpression: "attribute_type(n, :t)",
      ExpressionAttributeValues: { ":t": { S: "N" } },
    },
  ],
  [
    "BatchWriteItem",
    {
      RequestItems: {
        [T]: [
          { PutRequest: { Item: { ...key("u3"), v: { SS: ["a", "b"] } } } },
          { DeleteRequest: { Key: key("u4") } },
        ],
      },
    },
  ],
  [
    "BatchGetItem",
    { RequestItems: { [T]: { Keys: [key("u1"), key("u3")], ProjectionExpression: "pk, v" } } },
  ],
  ["DescribeTable", { TableName: T }],
  ["DescribeTimeToLive", { TableName: T }],
  [
    "UpdateTimeToLive",
    { TableName: T, TimeToLiveSpecification: { Enabled: true, AttributeName: "expires" } },
  ],
  ["ListTables", { Limit: 5 }],
  [
    "CreateTable",
    {
      TableName: "fuzz",
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
    },
  ],
  ["UpdateTable", { TableName: "fuzz", BillingMode: "PAY_PER_REQUEST" }],
  ["DeleteTable", { TableName: "fuzz" }],
]
const expressionTokens = [
  "(",
  ")",
  "((",
  "))",
  ",",
  "a",
  "#n",
  ":one",
  ":z",
  "=",
  "<>",
  "<=",
  "AND",
  "OR",
  "NOT",
  "BETWEEN",
  "IN",
  "size(",
  "attribute_exists(",
  "begins_with(",
  "SET",
  "REMOVE",
  "ADD",
  "DELETE",
  "+",
  "-",
  "[0]",
  ".b",
  "if_not_exists(",
  "list_append(",
  "",
  " ",
  "\u0000",
  "😀",
]
const oddStrings = [
  "",
  " ",
  "\u0000",
  "\ud800",
  "😀".repeat(50),
  "a".repeat(70_000),
  "__proto__",
  "constructor",
  "USER#",
  "%s%n",
  "-0",
  "1e400",
  "NaN",
  "\\",
  '"',
]

function mutate(next: () => number, value: unknown, depth = 0): unknown {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T
  const roll = next()
  if (depth > 0 && roll < 0.08) {
    return pick([
      null,
      0,
      -1,
      1.5,
      true,
      false,
      [],
      {},
      "x",
      [null],
      { S: null },
      { N: "x" },
      { M: [] },
      { L: {} },
      { S: "a", N: "1" },
      pick(oddStrings),
    ])
  }
  if (typeof value === "string") {
    if (roll < 0.3)
      return Array.from({ length: 1 + Math.floor(next() * 10) }, () => pick(expressionTokens)).join(
        " ",
      )
    if (roll < 0.5) return pick(oddStrings)
    return value
  }
  if (Array.isArray(value)) return value.map((child) => mutate(next, child, depth + 1))
  if (value && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => [
      next() < 0.03 ? pick(oddStrings) : k,
      mutate(next, v, depth + 1),
    ])
    if (next() < 0.1)
      entries.push([
        pick([
          "Item",
          "Key",
          "ExpressionAttributeValues",
          "Limit",
          "Select",
          "ReturnValues",
          "IndexName",
          "ExclusiveStartKey",
          "ReturnValuesOnConditionCheckFailure",
        ]),
        pick(oddStrings),
      ])
    return Object.fromEntries(entries)
  }
  return value
}

function abortedUpload(body: string): Promise<void> {
  const { hostname, port } = new URL(endpoint)
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        `POST / HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: DynamoDB_20120810.PutItem\r\nAuthorization: ${signedHeaders.authorization}\r\nX-Amz-Date: ${signedHeaders["x-amz-date"]}\r\nContent-Length: ${body.length + 100}\r\n\r\n${body.slice(0, body.length / 2)}`,
      )
      setTimeout(() => socket.destroy(), 5)
    })
    socket.on("close", () => resolve())
    socket.on("error", () => resolve())
  })
}

describe(`a seeded fuzz of authtable dev (seed ${seed})`, () => {
  test("no 5xx, no reset, no crash; the server still answers and stops with exit 0", async () => {
    const next = random(seed)
    const started = Date.now()
    const failures: string[] = []
    const counts = { sent: 0, aborted: 0, "4xx": 0, "2xx": 0 }
    const one = async () => {
      const [name, base] = valid[Math.floor(next() * valid.length)] as [string, object]
      const body = JSON.stringify(mutate(next, base))
      const kind = next()
      if (kind < 0.03) {
        counts.aborted++
        return abortedUpload(body)
      }
      const text = kind < 0.1 ? body.slice(0, Math.floor(next() * body.length)) : body
      const headers: Record<string, string> =
        kind < 0.13
          ? {
              ...signedHeaders,
              "content-type": "text/plain",
              "x-amz-target": `DynamoDB_20120810.${name}`,
            }
          : kind < 0.16
            ? { "x-amz-target": `Foo.${name}`, "content-type": "application/json" }
            : {}
      try {
        // A request with no answer fails here, named, instead of stalling the whole run.
        const response = Object.keys(headers).length
          ? await rawRequest(endpoint, { headers, body: text, timeoutMs: 15_000 })
          : await operation(endpoint, name, text, {}, 15_000)
        counts.sent++
        if (response.status >= 500)
          failures.push(
            `${response.status} ${name} ${text.slice(0, 200)} -> ${response.body.slice(0, 200)}`,
          )
        else if (response.status >= 400) counts["4xx"]++
        else counts["2xx"]++
      } catch (error) {
        failures.push(`${(error as Error).message} ${name} ${text.slice(0, 200)}`)
      }
    }
    let issued = 0
    const worker = async () => {
      while (issued < maxRequests && Date.now() - started < maxMs) {
        issued++
        await one()
      }
    }
    await Promise.all([worker(), worker(), worker(), worker()])
    console.info(`[fuzz] seed ${seed}: ${JSON.stringify(counts)} in ${Date.now() - started} ms`)
    expect(failures).toEqual([])
    expect(counts["2xx"]).toBeGreaterThan(50)
    expect(counts["4xx"]).toBeGreaterThan(50)
    const after = await operation(endpoint, "GetItem", { TableName: T, Key: key("u1") })
    expect(after.status).toBe(200)
    expect(await stopCli(cli, "SIGTERM")).toBe(0)
    expect(cli.stdout).toContain("stopped")
  }, 120_000)
})
