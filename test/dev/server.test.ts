import { request } from "node:http"
import { describe, expect, test } from "vitest"
import type { ConsoleState } from "../../src/dev/inspector/state.js"
import { startDevServer } from "../../src/dev/server.js"

describe("startDevServer", () => {
  test("answers a request in flight before it closes the store", async () => {
    const server = await startDevServer({ port: 0, dataDir: false, sweepIntervalMs: false })
    const url = new URL(server.endpoint)
    const body = JSON.stringify({
      TableName: "next-auth",
      Item: { pk: { S: "USER#late" }, sk: { S: "USER#late" }, type: { S: "USER" } },
    })
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({
        host: url.hostname,
        port: url.port,
        method: "POST",
        path: "/",
        headers: {
          "content-type": "application/x-amz-json-1.0",
          "x-amz-target": "DynamoDB_20120810.PutItem",
          authorization:
            "AWS4-HMAC-SHA256 Credential=authtable/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0",
          "x-amz-date": "20260101T000000Z",
          "content-length": Buffer.byteLength(body),
        },
      })
      req.on("response", (res) => {
        let text = ""
        res.setEncoding("utf8").on("data", (chunk: string) => {
          text += chunk
        })
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }))
      })
      req.on("error", reject)
      // Half the body now: the request is in flight until the rest arrives.
      req.write(body.slice(0, 20))
      // A round trip on another connection, so the server has seen the first request.
      void fetch(`${server.inspectorUrl}api/state`).then(() => {
        stopped = server.stop()
        req.end(body.slice(20))
      })
    })
    let stopped: Promise<void> | undefined
    expect(await response).toEqual({ status: 200, body: "{}" })
    await stopped
    await expect(fetch(server.endpoint)).rejects.toThrow()
  })

  test("refuses a non-loopback host unless exposeOnNetwork is set", async () => {
    await expect(startDevServer({ port: 0, host: "0.0.0.0", dataDir: false })).rejects.toThrow(
      /host "0\.0\.0\.0" is not loopback\. Pass --host 0\.0\.0\.0 explicitly/,
    )
  })

  test("seeds and inspects a table with custom key names", async () => {
    const server = await startDevServer({
      port: 0,
      dataDir: false,
      sweepIntervalMs: false,
      seedUsers: 2,
      tableName: "auth",
      partitionKey: "PK",
      sortKey: "SK",
      indexName: "gsi1",
      indexPartitionKey: "gsi1pk",
      indexSortKey: "gsi1sk",
    })
    try {
      expect(server.banner).toContain("auth (PK/SK, index gsi1 gsi1pk/gsi1sk, TTL on expires)")
      expect(server.banner).toMatch(/Demo users +2 seeded with faker seed 42/)
      const snapshot = (await (
        await fetch(`${server.inspectorUrl}api/state`)
      ).json()) as ConsoleState
      expect(snapshot.users.total).toBe(2)
      expect(snapshot.users.list.map((view) => view.sessions.length)).toEqual([1, 1])
      expect(snapshot.stray).toEqual([])
      expect(snapshot.seed).toMatchObject({ PK: "AUTHTABLE#seed", users: 2, seed: 42 })
      const more = await fetch(`${server.inspectorUrl}api/seed`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ users: 3 }),
      })
      expect(await more.json()).toEqual({ message: "Seeded 3 more demo users." })
      const after = (await (await fetch(`${server.inspectorUrl}api/state`)).json()) as ConsoleState
      expect(after.users.total).toBe(5)
      expect(after.seed).toMatchObject({ users: 5, batches: 2 })
    } finally {
      await server.stop()
    }
  })

  test("keeps expired items readable for ttlLagMs (--ttl-lag), as AWS does", async () => {
    const server = await startDevServer({
      port: 0,
      dataDir: false,
      sweepIntervalMs: false,
      ttlLagMs: 3_600_000,
    })
    try {
      const { adapter } = server.table
      await adapter.createUser({ id: "u", email: "u@example.com", emailVerified: null })
      const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000)
      await adapter.createSession({ sessionToken: "recent", userId: "u", expires: minutesAgo(5) })
      await adapter.createSession({ sessionToken: "old", userId: "u", expires: minutesAgo(61) })
      expect((await server.table.sweep()).deleted).toBe(1)
      expect(await adapter.getSessionAndUser("old")).toBeNull()
      // Readable, and expired: code that never checks `expires` is caught out in development.
      const item = await server.table.client.get({
        TableName: "next-auth",
        Key: { pk: "USER#u", sk: "SESSION#recent" },
      })
      expect(item.Item?.expires).toBeLessThan(Date.now() / 1000)
      expect(server.banner).toMatch(/TTL sweep +off; expired items stay readable for 1h$/m)
    } finally {
      await server.stop()
    }
  })

  test("lets the browser origins of allowOrigins (--allow-origin) call the endpoint, no others", async () => {
    const server = await startDevServer({
      port: 0,
      dataDir: false,
      sweepIntervalMs: false,
      allowOrigins: ["http://localhost:3000"],
    })
    try {
      const listTables = (origin: string) =>
        fetch(server.endpoint, {
          method: "POST",
          headers: {
            origin,
            "content-type": "application/x-amz-json-1.0",
            "x-amz-target": "DynamoDB_20120810.ListTables",
            authorization:
              "AWS4-HMAC-SHA256 Credential=authtable/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0",
            "x-amz-date": "20260101T000000Z",
          },
          body: "{}",
        })
      const allowed = await listTables("http://localhost:3000")
      expect(allowed.status).toBe(200)
      expect(allowed.headers.get("access-control-allow-origin")).toBe("http://localhost:3000")
      expect(await allowed.json()).toEqual({ TableNames: ["next-auth"] })
      const refused = await listTables("http://localhost:4000")
      expect(refused.status).toBe(403)
      expect(await refused.text()).toContain("Pass --allow-origin http://localhost:4000")
    } finally {
      await server.stop()
    }
  })

  test("warns what --host 0.0.0.0 opens", async () => {
    const warnings: string[] = []
    const server = await startDevServer({
      port: 0,
      host: "0.0.0.0",
      exposeOnNetwork: true,
      dataDir: false,
      sweepIntervalMs: false,
      log: { info() {}, progress() {}, warn: (line) => warnings.push(line) },
    })
    try {
      const port = new URL(server.endpoint).port
      expect(warnings).toEqual([
        `listening on 0.0.0.0:${port}: the DynamoDB endpoint and the inspector (/_authtable/) are open, with no password, to every device that can reach this machine on port ${port}. Anyone there can read and change the table, its sessions and tokens. Use --host 127.0.0.1 unless you need that.`,
      ])
    } finally {
      await server.stop()
    }
  })
})

test("listens on exactly one port: the endpoint and the console share it", async () => {
  const servers = () =>
    process.getActiveResourcesInfo().filter((name) => name === "TCPServerWrap").length
  const before = servers()
  const server = await startDevServer({ port: 0, dataDir: false, sweepIntervalMs: false })
  try {
    expect(servers() - before).toBe(1)
    const console = await fetch(server.inspectorUrl)
    expect(console.status).toBe(200)
    expect(new URL(server.inspectorUrl).port).toBe(new URL(server.endpoint).port)
  } finally {
    await server.stop()
  }
  expect(servers()).toBe(before)
})
