import { request } from "node:http"
import { afterAll, beforeAll, describe, expect, test } from "vitest"
import { escapeHtml } from "../../src/dev/inspector/page.js"
import type { ConsoleState } from "../../src/dev/inspector/state.js"
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

async function state(query = ""): Promise<ConsoleState> {
  const res = await call(`/_authtable/api/state${query}`)
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
  test("groups the table by user with the adapter's objects, tokens as stored when asked", async () => {
    const snapshot = await state("?tokens=1")
    expect(snapshot.tableName).toBe("next-auth")
    expect(snapshot.users.total).toBe(1)
    const [view] = snapshot.users.list
    expect(view?.user).toMatchObject({
      id: "u1",
      email: "a@example.com",
      emailVerified: null,
      name: "Ada",
    })
    expect(view?.accounts.map((a) => a.providerAccountId)).toEqual(["gh-1"])
    expect(view?.accounts[0]?.access_token).toBe("gho_secret")
    expect(view?.sessions.map((s) => s.sessionToken)).toEqual(["tok-1"])
    expect(view?.sessions[0]?.expires).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(view?.authenticators.map((a) => a.credentialID)).toEqual(["cred-1"])
    expect(snapshot.verificationTokens.map((t) => t.identifier)).toEqual(["b@example.com"])
    expect(snapshot.counts).toMatchObject({
      users: 1,
      accounts: 1,
      sessions: 1,
      authenticators: 1,
      verificationTokens: 1,
      other: 3,
    })
  })

  test("masks every token in api/state unless asked, items that don't fit the layout included", async () => {
    const res = await call("/_authtable/api/state")
    for (const secret of ["tok-1", "gho_secret", "cred-1", "orphan", "SESSION#str", '"vt"']) {
      expect(res.body).not.toContain(secret)
    }
    const masked = JSON.parse(res.body) as ConsoleState
    expect(masked.users.list[0]?.sessions[0]?.sessionToken).toBe("•••• (5 chars)")
    const orphan = masked.stray.find((s) => s.reason.includes("does not exist"))
    expect(orphan?.item).toMatchObject({
      sk: "SESSION#•••• (6 chars)",
      sessionToken: "•••• (6 chars)",
    })
  })

  test("lists items that do not fit the layout, with the reason", async () => {
    const reasons = (await state("?tokens=1")).stray.map((s) => [s.item.sk, s.reason]).sort()
    expect(reasons).toEqual([
      ["CUSTOM#1", "no entity of the layout"],
      ["SESSION#orphan", "session of a user that does not exist"],
      ["SESSION#str", "expires is not a Number of epoch seconds: TTL never deletes it"],
    ])
  })

  test("finds users by email, name or id and by a session token's prefix", async () => {
    for (const q of ["A@EXAMPLE", "ada", "u1", "tok-"]) {
      expect((await state(`?q=${q}`)).users.total, q).toBe(1)
    }
    expect((await state("?q=nobody")).users.total).toBe(0)
  })

  test("serves the page with a strict content security policy, and redirects the bare path", async () => {
    const page = await call("/_authtable/")
    expect(page.status).toBe(200)
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8")
    expect(page.headers["content-security-policy"]).toContain("default-src 'none'")
    expect(page.body).toContain("next-auth")
    const bare = await call("/_authtable")
    expect([bare.status, bare.headers.location]).toEqual([308, "/_authtable/"])
  })

  test("leaves every other path to DynamoDB: GET / is still dynalite's health check", async () => {
    const health = await call("/")
    expect(health.body).toMatch(/^healthy: /)
  })

  test("expires a session through the adapter, by its handle", async () => {
    const ref = String((await state()).users.list[0]?.sessions[0]?.ref)
    const res = await post("/_authtable/api/sessions/expire", { ref })
    expect(res.status).toBe(200)
    const session = await server.table.adapter.getSessionAndUser("tok-1")
    expect(session?.session.expires.getTime()).toBeLessThanOrEqual(Date.now())
    const forged = await post("/_authtable/api/sessions/expire", { ref: "AAAA" })
    expect(forged.status).toBe(400)
  })

  test("signs in as a user: a new session, and the app's session cookie for this host", async () => {
    const res = await post("/_authtable/api/users/sign-in-as", {
      userId: "u1",
      cookie: "next-auth.session-token",
    })
    expect(res.status).toBe(200)
    expect(res.body).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/)
    const cookie = String(res.headers["set-cookie"])
    expect(cookie).toMatch(
      /^next-auth\.session-token=[0-9a-f-]{36}; Path=\/; Expires=.*; HttpOnly; SameSite=Lax$/,
    )
    const token = cookie.split(";")[0]?.split("=")[1] ?? ""
    expect((await server.table.adapter.getSessionAndUser(token))?.user.id).toBe("u1")
    const secure = await post("/_authtable/api/users/sign-in-as", {
      userId: "u1",
      cookie: "__Secure-authjs.session-token",
    })
    expect(String(secure.headers["set-cookie"])).toMatch(
      /^__Secure-authjs\.session-token=.*; Secure$/,
    )
    expect(
      (await post("/_authtable/api/users/sign-in-as", { userId: "u1", cookie: "sid" })).status,
    ).toBe(400)
    expect((await post("/_authtable/api/users/sign-in-as", { userId: "ghost" })).status).toBe(404)
  })

  test("refuses actions that a cross-site form, another origin or a rebound host name could send", async () => {
    const form = await call("/_authtable/api/sweep", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "{}",
    })
    expect(form.status).toBe(415)
    for (const path of ["api/users/delete", "api/items/delete", "api/users/sign-in-as"]) {
      const crossOrigin = await call(`/_authtable/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://localhost:3000" },
        body: JSON.stringify({ userId: "u1" }),
      })
      expect(crossOrigin.status, path).toBe(403)
    }
    const rebound = await call("/_authtable/api/state", { headers: { host: "evil.example:8000" } })
    expect(rebound.status).toBe(403)
    expect((await post("/_authtable/api/seed", { users: "lots" })).status).toBe(400)
    expect((await call("/_authtable/api/nothing")).status).toBe(404)
    expect((await state()).users.total).toBe(1)
  })

  test("a sweep reports what the background sweeper did just before it", async () => {
    const dev = await startDevServer({ port: 0, dataDir: false, sweepIntervalMs: 50 })
    try {
      const { adapter } = dev.table
      await adapter.createUser({ id: "s1", email: "s@example.com", emailVerified: null })
      await adapter.createSession({
        sessionToken: "gone",
        userId: "s1",
        expires: new Date(Date.now() - 1000),
      })
      const sweeps = async () =>
        ((await (await fetch(`${dev.inspectorUrl}api/state`)).json()) as ConsoleState).sweeps
      await expect.poll(sweeps).toContainEqual(
        expect.objectContaining({
          background: true,
          deleted: 1,
          text: "deleted 1 expired item (1 session)",
        }),
      )
      const res = await fetch(`${dev.inspectorUrl}api/sweep`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      })
      expect((await res.json()).message).toMatch(
        /^Swept: nothing left to delete\. The background sweep \d+s ago deleted 1 expired item \(1 session\)\.$/,
      )
    } finally {
      await dev.stop()
    }
  })

  test("escapes text for HTML", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
    )
  })
})
