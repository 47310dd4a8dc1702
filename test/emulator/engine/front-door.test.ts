import { crc32 } from "node:zlib"
import { afterAll, beforeAll, describe, expect, test } from "vitest"
import { type AuthTable, startAuthTable } from "../../../src/emulator/index.js"
import { abortedUpload, operation, rawRequest, signedHeaders } from "./_raw-http.js"

let table: AuthTable
const allowed = "http://localhost:3000"

beforeAll(async () => {
  table = await startAuthTable({ allowOrigins: [allowed] })
  await table.adapter.createUser({ id: "u1", email: "a@example.com", emailVerified: null })
})
afterAll(() => table.stop())

const scan = (headers: Record<string, string> = {}) =>
  operation(table.endpoint, "Scan", { TableName: table.tableName }, headers)
const getUser = () =>
  table.client.get({ TableName: table.tableName, Key: { pk: "USER#u1", sk: "USER#u1" } })

describe("the front door", () => {
  test("serves the SDK's requests, which carry no Origin and a loopback Host", async () => {
    const response = await scan()
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body).Count).toBe(1)
  })

  test("refuses a browser origin it was not told to trust, naming the flag", async () => {
    const response = await scan({ origin: "http://evil.example" })
    expect(response.status).toBe(403)
    expect(response.headers["access-control-allow-origin"]).toBeUndefined()
    const body = JSON.parse(response.body)
    expect(body.__type).toBe("com.amazon.coral.service#AccessDeniedException")
    expect(body.message).toContain("--allow-origin http://evil.example")
    expect(response.body).not.toContain("a@example.com")
  })

  test("refuses a CORS preflight from an untrusted origin", async () => {
    const response = await rawRequest(table.endpoint, {
      method: "OPTIONS",
      headers: {
        origin: "https://attacker.test",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization,x-amz-target",
      },
    })
    expect(response.status).toBe(403)
    expect(response.headers["access-control-allow-origin"]).toBeUndefined()
    expect(response.headers["access-control-allow-headers"]).toBeUndefined()
  })

  test("answers an allowed origin with that origin, never *", async () => {
    const preflight = await rawRequest(table.endpoint, {
      method: "OPTIONS",
      headers: { origin: allowed, "access-control-request-method": "POST" },
    })
    expect(preflight.status).toBe(200)
    expect(preflight.headers["access-control-allow-origin"]).toBe(allowed)
    const response = await scan({ origin: allowed })
    expect(response.status).toBe(200)
    expect(response.headers["access-control-allow-origin"]).toBe(allowed)
  })

  test("refuses a cross-site request without an Origin (no-cors GET)", async () => {
    const response = await rawRequest(table.endpoint, {
      method: "GET",
      headers: { "sec-fetch-site": "cross-site" },
    })
    expect(response.status).toBe(403)
  })

  test("refuses a DNS-rebinding host name and serves IP addresses and localhost", async () => {
    const rebinding = await scan({ host: "evil.example:8000" })
    expect(rebinding.status).toBe(403)
    expect(JSON.parse(rebinding.body).message).toContain('host "evil.example"')
    for (const host of ["localhost", "127.0.0.1:1234", "[::1]:80", "app.localhost"]) {
      expect((await scan({ host })).status, host).toBe(200)
    }
  })

  test("applies to in-process requests too", async () => {
    await using other = await startAuthTable()
    const doc = other.client
    doc.middlewareStack.add(
      (next) => (args) => {
        ;(args.request as { headers: Record<string, string> }).headers.origin =
          "http://evil.example"
        return next(args)
      },
      { step: "build", name: "addOrigin" },
    )
    await expect(doc.scan({ TableName: table.tableName })).rejects.toMatchObject({
      name: "AccessDeniedException",
    })
  })
})

describe("inputs that crash or freeze dynalite", () => {
  const nested = (depth: number) => {
    let value: object = { S: "leaf" }
    for (let i = 0; i < depth; i++) value = { M: { a: value } }
    return value
  }

  test("a map nested 1,000 levels gets AWS's nesting error, and the next request answers", async () => {
    const response = await operation(table.endpoint, "PutItem", {
      TableName: table.tableName,
      Item: { pk: { S: "deep" }, sk: { S: "deep" }, v: nested(1000) },
    })
    expect(response.status).toBe(400)
    expect(JSON.parse(response.body)).toEqual({
      __type: "com.amazon.coral.validate#ValidationException",
      message: "Nesting Levels have exceeded supported limits",
    })
    expect((await getUser()).Item?.email).toBe("a@example.com")
  })

  test("32 levels are accepted and 33 are not, in-process as over HTTP", async () => {
    const put = (depth: number) =>
      table.client.put({
        TableName: table.tableName,
        Item: { pk: "n", sk: "n", v: (nestedPlain(depth - 1) as object) ?? {} },
      })
    await expect(put(32)).resolves.toBeDefined()
    await expect(put(33)).rejects.toThrow("Nesting Levels have exceeded supported limits")
    expect((await getUser()).Item?.id).toBe("u1")
  })

  test("a null attribute value gets a 400, not a crash", async () => {
    for (const [name, body] of [
      ["GetItem", { TableName: table.tableName, Key: { pk: null } }],
      [
        "PutItem",
        { TableName: table.tableName, Item: { pk: { S: "x" }, sk: { S: "x" }, a: null } },
      ],
      ["DeleteItem", { TableName: table.tableName, Key: { pk: { S: "x" }, sk: null } }],
      [
        "PutItem",
        {
          TableName: table.tableName,
          Item: { pk: { S: "x" }, sk: { S: "x" }, m: { M: { a: null } } },
        },
      ],
      [
        "PutItem",
        { TableName: table.tableName, Item: { pk: { S: "x" }, sk: { S: "x" }, l: { L: [null] } } },
      ],
    ] as const) {
      const response = await operation(table.endpoint, name, body)
      expect(response.status, `${name} ${JSON.stringify(body)}`).toBe(400)
      expect(JSON.parse(response.body).message).toMatch(/AttributeValue|attribute value/i)
    }
    expect((await getUser()).Item?.id).toBe("u1")
  })

  test("a syntax error deep in parentheses is answered at once", async () => {
    const expression = `${"(".repeat(30)},${")".repeat(30)}`
    const response = await operation(table.endpoint, "Scan", {
      TableName: table.tableName,
      FilterExpression: expression,
    })
    expect(response.status).toBe(400)
    expect(JSON.parse(response.body).message).toMatch(/^Invalid FilterExpression: Syntax error;/)
    expect((await getUser()).Item?.id).toBe("u1")
  })

  test("an expression over 4 KB gets AWS's size error", async () => {
    const expression = `attribute_exists(${"a".repeat(4100)})`
    const response = await operation(table.endpoint, "Scan", {
      TableName: table.tableName,
      FilterExpression: expression,
    })
    expect(JSON.parse(response.body).message).toBe(
      `Invalid FilterExpression: Expression size has exceeded the maximum allowed size; expression size: ${expression.length}`,
    )
  })

  test("an aborted upload ends that request and the server keeps serving", async () => {
    await abortedUpload(table.endpoint)
    await abortedUpload(table.endpoint)
    expect((await scan()).status).toBe(200)
  })
})

describe("the router's own operations pass dynalite's checks", () => {
  const ttl = { TableName: "next-auth" }

  test("a missing signature is refused", async () => {
    const response = await rawRequest(table.endpoint, {
      headers: {
        "content-type": "application/x-amz-json-1.0",
        "x-amz-target": "DynamoDB_20120810.UpdateTimeToLive",
      },
      body: { ...ttl, TimeToLiveSpecification: { Enabled: false, AttributeName: "expires" } },
    })
    expect(JSON.parse(response.body).__type).toBe(
      "com.amazon.coral.service#MissingAuthenticationTokenException",
    )
    const still = await operation(table.endpoint, "DescribeTimeToLive", ttl)
    expect(JSON.parse(still.body).TimeToLiveDescription.TimeToLiveStatus).toBe("ENABLED")
  })

  test("an unknown API prefix is an unknown operation", async () => {
    const response = await rawRequest(table.endpoint, {
      headers: { ...signedHeaders, "x-amz-target": "Foo.DescribeTimeToLive" },
      body: ttl,
    })
    expect(response.status).toBe(400)
    expect(JSON.parse(response.body).__type).toBe(
      "com.amazon.coral.service#UnknownOperationException",
    )
  })

  test("a text/plain body is refused as dynalite refuses it", async () => {
    const response = await rawRequest(table.endpoint, {
      headers: {
        ...signedHeaders,
        "content-type": "text/plain",
        "x-amz-target": "DynamoDB_20120810.DescribeTimeToLive",
      },
      body: ttl,
    })
    expect(response.status).toBe(404)
    expect(response.body).toBe("<UnknownOperationException/>\n")
  })

  test("a short table name gets dynalite's text", async () => {
    const response = await operation(table.endpoint, "DescribeTimeToLive", { TableName: "ab" })
    expect(JSON.parse(response.body).message).toBe(
      "TableName must be at least 3 characters long and at most 255 characters long",
    )
  })

  test("a body over 16 MB gets a 413", async () => {
    const response = await operation(
      table.endpoint,
      "DescribeTimeToLive",
      "x".repeat(16 * 1024 * 1024 + 1),
    )
    expect(response.status).toBe(413)
  })

  test("answers carry a request id and the body's CRC32", async () => {
    const response = await operation(table.endpoint, "DescribeTimeToLive", ttl)
    expect(response.headers["x-amzn-requestid"]).toMatch(/^[A-Z0-9]{52}$/)
    expect(Number(response.headers["x-amz-crc32"])).toBe(crc32(response.body))
  })
})

function nestedPlain(depth: number): unknown {
  let value: unknown = "leaf"
  for (let i = 0; i < depth; i++) value = { a: value }
  return value
}
