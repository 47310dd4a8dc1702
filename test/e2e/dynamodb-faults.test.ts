import { describe, expect, it } from "vitest"
import { createFixtures } from "../../src/fixtures/index.js"
import { dynamoDBFault } from "../../src/msw/index.js"
import { generations } from "./_apps.js"
import { signInSteps } from "./_flows.js"
import { setupE2E } from "./_setup.js"

describe.each(generations)("GitHub sign-in under DynamoDB faults with %s", (generation) => {
  // table.client is a DynamoDBClient with the SDK's defaults: for DynamoDB, 4 attempts.
  const e2e = setupE2E(generation)

  it("succeeds through 3 throttled writes thanks to the SDK's retries", async () => {
    const person = createFixtures({ seed: 201 }).providerProfile("github")
    e2e.github.signInAs(person)
    const fault = dynamoDBFault(e2e.table.endpoint, {
      operations: ["PutItem"],
      error: "ThrottlingException",
      times: 3,
    })
    e2e.server.use(fault.handler)
    const steps = signInSteps(e2e.app)

    const landed = await steps.signInWith("github")
    expect(landed.url.href).toBe(steps.landing)
    expect(fault.injected).toBe(3)
    expect((await steps.session()).user?.email).toBe(person.user.email)
    const user = await e2e.table.adapter.getUserByEmail(person.user.email)
    const account = await e2e.table.adapter.getUserByAccount({
      provider: "github",
      providerAccountId: String(person.profile.id),
    })
    expect(account?.id).toBe(user?.id)
  })

  it("fails with the DynamoDB error under a persistent 500 and writes nothing", async () => {
    const person = createFixtures({ seed: 202 }).providerProfile("github")
    e2e.github.signInAs(person)
    const before = await e2e.items()
    const fault = dynamoDBFault(e2e.table.endpoint, {
      operations: ["PutItem", "UpdateItem", "BatchWriteItem", "TransactWriteItems"],
      error: "InternalServerError",
    })
    e2e.server.use(fault.handler)
    const steps = signInSteps(e2e.app)

    const landed = await steps.signInWith("github")
    expect(landed.url.pathname).toMatch(/^\/api\/auth\/(error|signin)$/)
    expect(landed.url.searchParams.get("error")).toBeTruthy()
    expect(steps.sessionToken()).toBeUndefined()
    expect(fault.injected).toBe(4)

    const causes = e2e.config.errors.flatMap(({ error }) => causeChain(error))
    expect(causes).toContainEqual(
      expect.objectContaining({
        name: "InternalServerError",
        $metadata: expect.objectContaining({ httpStatusCode: 500, attempts: 4 }),
      }),
    )
    e2e.server.resetHandlers()
    expect(await e2e.items()).toEqual(before)
  })

  it("leaves a user without an account when only the account write fails", async () => {
    // Not authtable's to fix: both libraries call createUser, then linkAccount, and roll back
    // neither. The person's next sign-in then meets OAuthAccountNotLinked.
    const person = createFixtures({ seed: 203 }).providerProfile("github")
    e2e.github.signInAs(person)
    const fault = dynamoDBFault(e2e.table.endpoint, {
      operations: ["PutItem"],
      error: "InternalServerError",
      match: ({ body }) => JSON.stringify(body.Item).includes('"ACCOUNT#'),
    })
    e2e.server.use(fault.handler)
    await signInSteps(e2e.app).signInWith("github")
    e2e.server.resetHandlers()
    expect((await e2e.items()).map((item) => item.type)).toEqual(["USER"])

    const again = await signInSteps(e2e.app).signInWith("github")
    expect(again.url.searchParams.get("error")).toBe("OAuthAccountNotLinked")
  })
})

/**
 * An error and what it wraps, flattened: `cause`, Auth.js's `cause.err` and next-auth v4's
 * `{ error }` metadata.
 */
function causeChain(value: unknown): Record<string, unknown>[] {
  const chain: Record<string, unknown>[] = []
  let current = value as Record<string, unknown> | undefined
  while (current && typeof current === "object" && !chain.includes(current)) {
    chain.push(current)
    current = (current.cause ?? current.err ?? current.error) as Record<string, unknown> | undefined
  }
  return chain
}
