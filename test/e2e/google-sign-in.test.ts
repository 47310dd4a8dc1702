import { describe, expect, it } from "vitest"
import { createFixtures } from "../../src/fixtures/index.js"
import { googleEndpoints, mockGoogle } from "../../src/msw/index.js"
import { generations } from "./_apps.js"
import { signInSteps } from "./_flows.js"
import { setupE2E } from "./_setup.js"

describe.each(generations)("Google (OpenID Connect) sign-in with %s", (generation) => {
  const e2e = setupE2E(generation)

  // next-auth 4 (openid-client) verifies the id_token's signature against jwks_uri; Auth.js
  // (oauth4webapi) checks its claims and trusts the token endpoint for the signature.
  it("accepts the mock's signed id_token and stores the person it names", async () => {
    const person = createFixtures({ seed: 401 }).providerProfile("google")
    e2e.google.signInAs(person)
    const steps = signInSteps(e2e.app)

    const landed = await steps.signInWith("google")
    expect(landed.url.href).toBe(steps.landing)
    expect((await steps.session()).user?.email).toBe(person.user.email)
    const account = (await e2e.items()).find((item) => item.provider === "google")
    expect(account).toMatchObject({
      providerAccountId: person.profile.sub,
      type: generation === "authjs" ? "oidc" : "oauth",
    })
    expect(String(account?.id_token).split(".")).toHaveLength(3)
    expect(e2e.google.authorizations.at(-1)?.codeChallengeMethod).toBe("S256")
  })

  it("checks the id_token's signature against jwks_uri only in next-auth 4", async () => {
    const person = createFixtures({ seed: 402 }).providerProfile("google")
    e2e.google.signInAs(person)
    // Serve another key at Google's JWKS URL: the id_token's kid is no longer there.
    const stranger = mockGoogle().handlers.filter(
      (handler) => handler.info.path === googleEndpoints.jwks,
    )
    e2e.server.use(...stranger)
    const steps = signInSteps(e2e.app)

    const landed = await steps.signInWith("google")
    if (generation === "next-auth-v4") {
      expect(landed.url.searchParams.get("error")).toBe("OAuthCallback")
      expect(e2e.loggedErrors()).toContain("no valid key found in issuer's jwks_uri")
      expect(await e2e.table.adapter.getUserByEmail(person.user.email)).toBeNull()
    } else {
      expect(landed.url.href).toBe(steps.landing)
    }
  })
})
