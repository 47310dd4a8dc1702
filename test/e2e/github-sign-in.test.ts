import { describe, expect, it } from "vitest"
import { createFixtures } from "../../src/fixtures/index.js"
import { generations } from "./_apps.js"
import { signInSteps } from "./_flows.js"
import { setupE2E } from "./_setup.js"

describe.each(generations)("GitHub sign-in with %s", (generation) => {
  const e2e = setupE2E(generation)
  const itemsOf = async (userId: string) =>
    (await e2e.items()).filter((item) => item.pk === `USER#${userId}`)

  it("creates the user, the account and a session from the mocked GitHub profile", async () => {
    const person = createFixtures({ seed: 101 }).providerProfile("github")
    e2e.github.signInAs(person)
    const steps = signInSteps(e2e.app)

    const landed = await steps.signInWith("github")
    expect(landed.url.href).toBe(steps.landing)
    expect(landed.visited.some((url) => url.startsWith("https://github.com/login/oauth/"))).toBe(
      true,
    )
    const session = await steps.session()
    expect(session.user).toMatchObject({ email: person.user.email, name: person.profile.name })

    const user = await e2e.table.adapter.getUserByEmail(person.user.email)
    expect(user).not.toBeNull()
    const items = await itemsOf(user?.id ?? "")
    expect(items.map((item) => String(item.sk).split("#")[0]).sort()).toEqual([
      "ACCOUNT",
      "SESSION",
      "USER",
    ])
    const account = items.find((item) => String(item.sk).startsWith("ACCOUNT#"))
    expect(account).toMatchObject({
      provider: "github",
      providerAccountId: String(person.profile.id),
      type: "oauth",
    })
    expect(String(account?.access_token)).toMatch(/^gho_/)
  })

  it("links a second sign-in of the same GitHub user to the same user", async () => {
    const person = createFixtures({ seed: 102 }).providerProfile("github")
    e2e.github.signInAs(person)
    await signInSteps(e2e.app).signInWith("github")
    await signInSteps(e2e.app).signInWith("github")

    const user = await e2e.table.adapter.getUserByEmail(person.user.email)
    const items = await itemsOf(user?.id ?? "")
    const count = (prefix: string) =>
      items.filter((item) => String(item.sk).startsWith(prefix)).length
    expect([count("USER#"), count("ACCOUNT#"), count("SESSION#")]).toEqual([1, 1, 2])
    const usersWithThatEmail = (await e2e.items()).filter(
      (item) => item.type === "USER" && item.email === person.user.email,
    )
    expect(usersWithThatEmail).toHaveLength(1)
  })

  it("sends the user to the sign-in page with an error when they deny consent", async () => {
    const person = createFixtures({ seed: 103 }).providerProfile("github")
    e2e.github.signInAs(person)
    e2e.server.use(e2e.github.deniedConsent())
    const steps = signInSteps(e2e.app)

    const landed = await steps.signInWith("github")
    expect(landed.url.pathname).toBe("/api/auth/signin")
    // Auth.js names the cause in the URL; next-auth 4 says "Callback" and logs the cause.
    const error = generation === "authjs" ? "OAuthCallbackError" : "Callback"
    expect(landed.url.searchParams.get("error")).toBe(error)
    expect(landed.response.status).toBe(200)
    if (generation === "next-auth-v4") expect(e2e.loggedErrors()).toContain("access_denied")
    expect(steps.sessionToken()).toBeUndefined()
    expect(await e2e.table.adapter.getUserByEmail(person.user.email)).toBeNull()
  })

  it("refuses a code the provider rejects", async () => {
    const person = createFixtures({ seed: 104 }).providerProfile("github")
    e2e.github.signInAs(person)
    e2e.server.use(e2e.github.invalidCode())
    const steps = signInSteps(e2e.app)

    const landed = await steps.signInWith("github")
    expect(landed.url.searchParams.get("error")).toBeTruthy()
    expect(e2e.loggedErrors()).toContain("invalid_grant")
    expect(steps.sessionToken()).toBeUndefined()
    expect(await e2e.table.adapter.getUserByEmail(person.user.email)).toBeNull()
  })
})
