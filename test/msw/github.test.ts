import { createHash } from "node:crypto"
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { createFixtures } from "../../src/fixtures/index.js"
import { mockGitHub } from "../../src/msw/index.js"

const client = { clientId: "client-1", clientSecret: "secret-1" }
const redirectUri = "http://localhost:3000/api/auth/callback/github"
const github = mockGitHub({ ...client, seed: 7 })
const server = setupServer(...github.handlers)

beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const verifier = "a-code-verifier-that-is-long-enough-for-pkce-0123456789"
const challenge = createHash("sha256").update(verifier).digest("base64url")

async function authorize(params: Record<string, string> = {}) {
  const url = new URL("https://github.com/login/oauth/authorize")
  url.search = new URLSearchParams({
    client_id: client.clientId,
    redirect_uri: redirectUri,
    response_type: "code",
    scope: "read:user user:email",
    state: "state-1",
    code_challenge: challenge,
    code_challenge_method: "S256",
    ...params,
  }).toString()
  const response = await fetch(url, { redirect: "manual" })
  return { response, location: new URL(response.headers.get("location") ?? "http://invalid") }
}

function exchange(code: string, body: Record<string, string> = {}) {
  return fetch("https://github.com/login/oauth/access_token", {
    method: "POST",
    headers: {
      accept: "application/json",
      authorization: `Basic ${btoa(`${client.clientId}:${client.clientSecret}`)}`,
    },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
      ...body,
    }),
  })
}

describe("mockGitHub", () => {
  it("serves the fixtures' GitHub profile for the same seed", () => {
    expect(github.profile).toEqual(createFixtures({ seed: 7 }).providerProfile("github").profile)
  })

  it("redirects back with a code and the state, without iss", async () => {
    const { response, location } = await authorize()
    expect(response.status).toBe(302)
    expect(location.origin + location.pathname).toBe(redirectUri)
    expect(location.searchParams.get("state")).toBe("state-1")
    expect(location.searchParams.get("code")).toBeTruthy()
    expect(location.searchParams.has("iss")).toBe(false)
  })

  it("exchanges a code for a token that reads the profile and its emails", async () => {
    const { location } = await authorize()
    const token = (await (await exchange(location.searchParams.get("code") ?? "")).json()) as {
      access_token: string
      token_type: string
    }
    expect(token.token_type).toBe("bearer")
    const headers = { authorization: `Bearer ${token.access_token}` }
    const user = await (await fetch("https://api.github.com/user", { headers })).json()
    expect(user).toEqual(github.profile)
    const emails = await (await fetch("https://api.github.com/user/emails", { headers })).json()
    expect(emails).toEqual([
      expect.objectContaining({ email: github.profile.email, primary: true }),
    ])
  })

  it("rejects a reused code, a wrong PKCE verifier and a wrong redirect_uri", async () => {
    const first = (await authorize()).location.searchParams.get("code") ?? ""
    expect((await exchange(first)).status).toBe(200)
    const reused = await exchange(first)
    expect(reused.status).toBe(400)
    expect(await reused.json()).toMatchObject({ error: "invalid_grant" })

    const second = (await authorize()).location.searchParams.get("code") ?? ""
    expect((await exchange(second, { code_verifier: "wrong" })).status).toBe(400)
    const third = (await authorize()).location.searchParams.get("code") ?? ""
    expect((await exchange(third, { redirect_uri: "http://evil.test/cb" })).status).toBe(400)
  })

  it("rejects an unknown client and a wrong secret", async () => {
    const { response } = await authorize({ client_id: "someone-else" })
    expect(response.status).toBe(400)
    const code = (await authorize()).location.searchParams.get("code") ?? ""
    const wrongSecret = await fetch("https://github.com/login/oauth/access_token", {
      method: "POST",
      headers: { accept: "application/json" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code,
        redirect_uri: redirectUri,
        client_id: client.clientId,
        client_secret: "nope",
      }),
    })
    expect(wrongSecret.status).toBe(401)
  })

  it("answers the user endpoint with 401 without a valid token", async () => {
    const response = await fetch("https://api.github.com/user", {
      headers: { authorization: "Bearer gho_unknown" },
    })
    expect(response.status).toBe(401)
  })

  it("signs in whoever signInAs names, from a fixtures result or a profile", async () => {
    const other = createFixtures({ seed: 8 }).providerProfile("github")
    github.signInAs(other)
    expect(github.profile).toEqual(other.profile)
    github.signInAs(other.profile)
    expect(github.profile.login).toBe(other.profile.login)
    github.signInAs(createFixtures({ seed: 7 }).providerProfile("github"))
  })

  it("redirects with access_denied when consent is denied", async () => {
    server.use(github.deniedConsent({ once: true }))
    const denied = await authorize()
    expect(denied.location.searchParams.get("error")).toBe("access_denied")
    expect(denied.location.searchParams.get("state")).toBe("state-1")
    expect(denied.location.searchParams.has("code")).toBe(false)
    expect((await authorize()).location.searchParams.get("code")).toBeTruthy()
  })

  it("answers invalid_grant and 500 on demand", async () => {
    const code = (await authorize()).location.searchParams.get("code") ?? ""
    server.use(github.invalidCode())
    const rejected = await exchange(code)
    expect(rejected.status).toBe(400)
    expect(await rejected.json()).toMatchObject({ error: "invalid_grant" })
    server.use(github.serverError("userinfo"))
    expect((await fetch("https://api.github.com/user")).status).toBe(500)
  })

  it("records each authorization with its PKCE method", () => {
    expect(github.authorizations.at(-1)).toMatchObject({
      clientId: client.clientId,
      codeChallengeMethod: "S256",
      scope: "read:user user:email",
    })
  })
})
