import { describe, expect, it } from "vitest"
import { generations } from "./_apps.js"
import { signInSteps } from "./_flows.js"
import { setupE2E } from "./_setup.js"

describe.each(generations)("email sign-in with %s", (generation) => {
  const e2e = setupE2E(generation)
  const sessionItems = async () => (await e2e.items()).filter((item) => item.type === "SESSION")

  it("signs in through the mailed link and signs out again", async () => {
    const steps = signInSteps(e2e.app)
    const requested = await steps.requestMagicLink("Ada.Lovelace@Example.com")
    expect(requested.url.pathname).toBe("/api/auth/verify-request")

    const link = e2e.config.inbox.lastLinkFor("ada.lovelace@example.com")
    const landed = await steps.open(link)
    expect(landed.url.href).toBe(steps.landing)
    const token = steps.sessionToken()
    expect(token).toBeDefined()

    const session = await steps.session()
    expect(session.user?.email).toBe("ada.lovelace@example.com")
    const stored = (await e2e.items()).filter((item) => item.sk === `SESSION#${token}`)
    expect(stored).toHaveLength(1)

    await steps.signOut()
    expect(steps.sessionToken()).toBeUndefined()
    expect((await steps.session()).user).toBeUndefined()
    const after = (await e2e.items()).filter((item) => item.sk === `SESSION#${token}`)
    expect(after).toEqual([])
  })

  it("refuses a link that was already used", async () => {
    const first = signInSteps(e2e.app)
    await first.requestMagicLink("reuse@example.com")
    const link = e2e.config.inbox.lastLinkFor("reuse@example.com")
    await first.open(link)
    expect(first.sessionToken()).toBeDefined()
    const sessionsBefore = await sessionItems()

    const second = signInSteps(e2e.app)
    const refused = await second.open(link)
    expect(refused.url.pathname).toBe("/api/auth/error")
    expect(refused.url.searchParams.get("error")).toBe("Verification")
    expect(second.sessionToken()).toBeUndefined()
    expect(await sessionItems()).toEqual(sessionsBefore)
  })

  it("refuses a link whose token has expired", async () => {
    const steps = signInSteps(e2e.app)
    await steps.requestMagicLink("late@example.com")
    const link = e2e.config.inbox.lastLinkFor("late@example.com")
    // Age the stored token past its expiry, as a day-old link would be.
    const [token] = (await e2e.items()).filter((item) => item.pk === "VT#late@example.com")
    expect(token).toBeDefined()
    await e2e.table.client.update({
      TableName: e2e.table.tableName,
      Key: { pk: token?.pk, sk: token?.sk },
      UpdateExpression: "SET expires = :past",
      ExpressionAttributeValues: { ":past": Math.floor(Date.now() / 1000) - 60 },
    })

    const refused = await steps.open(link)
    expect(refused.url.pathname).toBe("/api/auth/error")
    expect(refused.url.searchParams.get("error")).toBe("Verification")
    expect(steps.sessionToken()).toBeUndefined()
    expect(await e2e.table.adapter.getUserByEmail("late@example.com")).toBeNull()
  })
})
