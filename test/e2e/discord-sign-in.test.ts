import { describe, expect, it } from "vitest"
import { createFixtures } from "../../src/fixtures/index.js"
import { generations } from "./_apps.js"
import { signInSteps } from "./_flows.js"
import { setupE2E } from "./_setup.js"

describe.each(generations)("Discord sign-in with %s", (generation) => {
  const e2e = setupE2E(generation)

  it("creates the user and the account from the Discord profile", async () => {
    const person = createFixtures({ seed: 403 }).providerProfile("discord")
    e2e.discord.signInAs(person)
    const steps = signInSteps(e2e.app)

    expect((await steps.signInWith("discord")).url.href).toBe(steps.landing)
    const user = await e2e.table.adapter.getUserByAccount({
      provider: "discord",
      providerAccountId: person.profile.id,
    })
    expect(user?.email).toBe(person.user.email)
  })
})
