// The README's "Testing with vitest" example, run as it is printed there.
import { expect } from "vitest"
import { test } from "../../src/vitest/index.js"

test("signs a user in", async ({ authTable }) => {
  const { adapter } = authTable
  const user = await adapter.createUser({ id: "u1", email: "ada@example.com", emailVerified: null })
  await adapter.createSession({
    sessionToken: "token-1",
    userId: user.id,
    expires: new Date(Date.now() + 86_400_000),
  })
  expect(await adapter.getSessionAndUser("token-1")).toMatchObject({ user: { id: "u1" } })
})

test("starts every test from an empty table", async ({ authTable }) => {
  expect(await authTable.adapter.getUserByEmail("ada@example.com")).toBeNull()
})
