import { setupServer } from "msw/node"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createFixtures } from "../../src/fixtures/index.js"
import { googleEndpoints, mockGoogle } from "../../src/msw/index.js"

const google = mockGoogle({ seed: 21 })
const server = setupServer(...google.handlers)

beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
afterAll(() => server.close())

describe("mockGoogle", () => {
  it("serves Google's discovery document at accounts.google.com with Google's endpoints", async () => {
    const response = await fetch("https://accounts.google.com/.well-known/openid-configuration")
    expect(await response.json()).toMatchObject({
      issuer: "https://accounts.google.com",
      authorization_endpoint: googleEndpoints.authorization,
      token_endpoint: googleEndpoints.token,
      userinfo_endpoint: googleEndpoints.userinfo,
      jwks_uri: googleEndpoints.jwks,
    })
  })

  it("signs in the fixtures' Google person for the same seed", () => {
    const expected = createFixtures({ seed: 21 }).providerProfile("google").profile
    expect(google.id).toBe("google")
    expect(google.profile).toEqual(expected)
  })

  it("serves its signing key at Google's JWKS URL", async () => {
    const { keys } = (await (await fetch(googleEndpoints.jwks)).json()) as {
      keys: { kty: string; alg: string }[]
    }
    expect(keys).toEqual([expect.objectContaining({ kty: "RSA", alg: "RS256" })])
  })
})
