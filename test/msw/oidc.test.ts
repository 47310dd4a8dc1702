import { createHash, createPublicKey, type JsonWebKey, verify } from "node:crypto"
import { setupServer } from "msw/node"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { mockOidcProvider } from "../../src/msw/index.js"

const issuer = "https://id.example.com"
const clientId = "oidc-client"
const redirectUri = "http://localhost:3000/api/auth/callback/example"
const provider = mockOidcProvider({ id: "example", issuer, clientId, seed: 11 })
const server = setupServer(...provider.handlers)

beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
afterAll(() => server.close())

const decode = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString("utf8"))

interface Discovery {
  issuer: string
  authorization_endpoint: string
  token_endpoint: string
  userinfo_endpoint: string
  jwks_uri: string
}

async function signIn(scope: string, nonce?: string) {
  const discovery = (await (
    await fetch(`${issuer}/.well-known/openid-configuration`)
  ).json()) as Discovery
  const authorize = new URL(discovery.authorization_endpoint)
  authorize.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: "code",
    scope,
    ...(nonce ? { nonce } : {}),
  }).toString()
  const redirect = await fetch(authorize, { redirect: "manual" })
  const callback = new URL(redirect.headers.get("location") ?? "")
  const token = await fetch(discovery.token_endpoint, {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code: callback.searchParams.get("code") ?? "",
      redirect_uri: redirectUri,
      client_id: clientId,
    }),
  })
  return {
    discovery,
    callback,
    tokens: (await token.json()) as { access_token: string; id_token?: string },
  }
}

describe("mockOidcProvider", () => {
  it("publishes discovery metadata whose issuer is exactly the configured one", async () => {
    const { discovery } = await signIn("openid")
    expect(discovery.issuer).toBe(issuer)
    expect(discovery.jwks_uri).toBe(`${issuer}/.well-known/jwks.json`)
  })

  it("sends iss with the authorization response (RFC 9207)", async () => {
    const { callback } = await signIn("openid")
    expect(callback.searchParams.get("iss")).toBe(issuer)
  })

  it("signs the id_token with RS256 under a key served at jwks_uri", async () => {
    const { discovery, tokens } = await signIn("openid email profile", "nonce-1")
    const [header = "", payload = "", signature = ""] = (tokens.id_token ?? "").split(".")
    const { keys } = (await (await fetch(discovery.jwks_uri)).json()) as {
      keys: (JsonWebKey & { kid: string })[]
    }
    const { kid, alg } = decode(header)
    expect(alg).toBe("RS256")
    const jwk = keys.find((key) => key.kid === kid)
    expect(jwk).toBeDefined()
    const valid = verify(
      "sha256",
      Buffer.from(`${header}.${payload}`),
      createPublicKey({ key: jwk as JsonWebKey, format: "jwk" }),
      Buffer.from(signature, "base64url"),
    )
    expect(valid).toBe(true)
  })

  it("puts issuer, audience, nonce, at_hash and the person in the id_token", async () => {
    const { tokens } = await signIn("openid email profile", "nonce-2")
    const claims = decode((tokens.id_token ?? "").split(".")[1] ?? "")
    const digest = createHash("sha256").update(tokens.access_token).digest()
    expect(claims).toMatchObject({
      iss: issuer,
      aud: clientId,
      azp: clientId,
      nonce: "nonce-2",
      at_hash: digest.subarray(0, 16).toString("base64url"),
      sub: provider.profile.sub,
      email: provider.profile.email,
    })
    expect(claims.exp - claims.iat).toBe(3600)
  })

  it("leaves nonce out when the client sent none, and id_token out without openid", async () => {
    const withoutNonce = await signIn("openid")
    expect(decode((withoutNonce.tokens.id_token ?? "").split(".")[1] ?? "")).not.toHaveProperty(
      "nonce",
    )
    const oauthOnly = await signIn("email")
    expect(oauthOnly.tokens.id_token).toBeUndefined()
  })

  it("answers userinfo with the person's claims and no token claims", async () => {
    const { discovery, tokens } = await signIn("openid email")
    const response = await fetch(discovery.userinfo_endpoint, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    })
    const body = (await response.json()) as Record<string, unknown>
    expect(body.sub).toBe(provider.profile.sub)
    expect(body).not.toHaveProperty("aud")
    expect(body).not.toHaveProperty("exp")
  })
})
