import { request } from "node:http"
import { afterAll, beforeAll, describe, expect, test } from "vitest"
import { escapeHtml } from "../../src/dev/inspector/page.js"
import type { InspectorSnapshot } from "../../src/dev/inspector/snapshot.js"
import { type DevServer, startDevServer } from "../../src/dev/server.js"

let server: DevServer

/** A raw HTTP request, so tests can set Host and Content-Type as a browser or attacker would. */
function call(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const url = new URL(path, server.endpoint)
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? "GET", headers: init.headers }, (res) => {
      let body = ""
      res.setEncoding("utf8").on("data", (chunk: string) => {
        body += chunk
      })
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on("error", reject)
    req.end(init.body)
  })
}

const post = (path: string, body: unknown) =>
  call(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  })

async function state(): Promise<InspectorSnapshot> {
  const res = await call("/_authtable/api/state")
  expect(res.status).toBe(200)
  return JSON.parse(res.body)
}

beforeAll(async () => {
  server = await startDevServer({ port: 0, dataDir: false, sweepIntervalMs: false })
  const { adapter, client } = server.table
  const expires = new Date(Date.now() + 3_600_000)
  await adapter.createUser({ id: "u1", email: "a@example.com", emailVerified: null, name: "Ada" })
  await adapter.linkAccount({
    userId: "u1",
    type: "oauth",
    provider: "github",
    providerAccountId: "gh-1",
    access_token: "gho_secret",
  })
  await adapter.createSession({ sessionToken: "tok-1", userId: "u1", expires })
  await adapter.createAuthenticator({
    credentialID: "cred-1",
    userId: "u1",
    providerAccountId: "gh-1",
    credentialPublicKey: "pk",
    counter: 0,
    credentialDeviceType: "singleDevice",
    credentialBackedUp: false,
  })
  await adapter.createVerificationToken({ identifier: "b@example.com", token: "vt", expires })
  await adapter.createSession({ sessionToken: "orphan", userId: "ghost", expires })
  await client.put({ TableName: "next-auth", Item: { pk: "CUSTOM#1", sk: "CUSTOM#1", note: "x" } })
  await client.put({
    TableName: "next-auth",
    Item: {
      pk: "USER#u1",
      sk: "SESSION#str",
      GSI1PK: "SESSION#str",
      GSI1SK: "SESSION#str",
      type: "SESSION",
      userId: "u1",
      sessionToken: "str",
      expires: "2030-01-01",
    },
  })
})
afterAll(async () => {
  await server?.stop()
})

describe("the inspector's routes", () => {
  test("groups the table by user with the adapter's objects", async () => {
    const snapshot = await state()
    expect(snapshot.tableName).toBe("next-auth")
    expect(snapshot.users).toHaveLength(1)
    const [view] = snapshot.users
    expect(view?.user).toEqual({
      id: "u1",
      email: "a@example.com",
      emailVerified: null,
      name: "Ada",
    })
    expect(view?.accounts.map((a) => a.providerAccountId)).toEqual(["gh-1"])
    expect(view?.sessions.map((s) => s.sessionToken)).toEqual(["tok-1"])
    expect(view?.sessions[0]?.expires).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(view?.authenticators.map((a) => a.credentialID)).toEqual(["cred-1"])
    expect(snapshot.verificationTokens.map((t) => t.identifier)).toEqual(["b@example.com"])
  })

  test("lists items that do not fit the layout, with the reason", async () => {
    const reasons = (await state()).stray.map((s) => [s.item.sk, s.reason]).sort()
    expect(reasons).toEqual([
      ["CUSTOM#1", "no entity of the layout"],
      ["SESSION#orphan", "session of a user that does not exist"],
      ["SESSION#str", "expires is not a Number of epoch seconds: TTL never deletes it"],
    ])
  })

  test("serves the page with a strict content security policy, and redirects the bare path", async () => {
    const page = await call("/_authtable/")
    expect(page.status).toBe(200)
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8")
    expect(page.headers["content-security-policy"]).toContain("default-src 'none'")
    expect(page.body).toContain("<code>next-auth</code>")
    const bare = await call("/_authtable")
    expect([bare.status, bare.headers.location]).toEqual([308, "/_authtable/"])
  })

  test("leaves every other path to DynamoDB: GET / is still dynalite's health check", async () => {
    const health = await call("/")
    expect(health.body).toMatch(/^healthy: /)
  })

  test("expires a session through the adapter", async () => {
    const res = await post("/_authtable/api/sessions/expire", { sessionToken: "tok-1" })
    expect(res.status).toBe(200)
    const session = await server.table.adapter.getSessionAndUser("tok-1")
    expect(session?.session.expires.getTime()).toBeLessThanOrEqual(Date.now())
    const missing = await post("/_authtable/api/sessions/expire", { sessionToken: "nope" })
    expect(missing.status).toBe(404)
  })

  test("refuses actions that a cross-site form or a rebound host name could send", async () => {
    const form = await call("/_authtable/api/sweep", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "{}",
    })
    expect(form.status).toBe(415)
    const rebound = await call("/_authtable/api/state", { headers: { host: "evil.example:8000" } })
    expect(rebound.status).toBe(403)
    expect((await post("/_authtable/api/seed", { users: "lots" })).status).toBe(400)
    expect((await call("/_authtable/api/nothing")).status).toBe(404)
  })

  test("escapes text for HTML", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
    )
  })
})
