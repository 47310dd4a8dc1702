import { describe, expect, it } from "vitest"
import { generations } from "./_apps.js"
import { signInSteps } from "./_flows.js"
import { setupE2E } from "./_setup.js"

describe.each(generations)("session expiry with %s", (generation) => {
  const e2e = setupE2E(generation)

  it("returns no user once a TTL sweep past the session's expiry removed it", async () => {
    const steps = signInSteps(e2e.app)
    await steps.requestMagicLink("expiring@example.com")
    await steps.open(e2e.config.inbox.lastLinkFor("expiring@example.com"))
    const token = steps.sessionToken()
    const [session] = (await e2e.items()).filter((item) => item.sk === `SESSION#${token}`)
    const expiresMs = Number(session?.expires) * 1000
    expect(expiresMs).toBeGreaterThan(Date.now())

    // A sweep before the expiry keeps it: the user is still signed in.
    expect((await e2e.table.sweep({ now: Date.now() })).deleted).toBe(0)
    expect((await steps.session()).user?.email).toBe("expiring@example.com")

    const swept = await e2e.table.sweep({ now: expiresMs + 1000 })
    expect(swept.items).toContainEqual(expect.objectContaining({ sk: `SESSION#${token}` }))
    expect((await steps.session()).user).toBeUndefined()
    const left = await e2e.items()
    expect(left.map((item) => item.type)).toEqual(["USER"])
  })

  it("signs in a seeded session, and forgets it once swept", async () => {
    const cookieName = generation === "authjs" ? "authjs" : "next-auth"
    const seeded = await e2e.table.seed.signedIn({ cookieName })
    const steps = signInSteps(e2e.app)
    steps.browser.setCookie(seeded.cookie)
    expect((await steps.session()).user?.email).toBe(seeded.user.email)

    await e2e.table.sweep({ now: seeded.session.expires.getTime() + 1000 })
    expect((await steps.session()).user).toBeUndefined()
  })
})
