import { describe, expect } from "vitest"
import { createAuthTableTest, test } from "../../src/vitest/index.js"

describe("the authTable fixture", () => {
  let endpoint = ""

  test("hands a running emulator to the test", async ({ authTable }) => {
    endpoint = authTable.endpoint
    await authTable.adapter.createUser({ id: "u1", email: "a@example.com", emailVerified: null })
    expect(await authTable.adapter.getUser("u1")).toMatchObject({ id: "u1" })
  })

  test("reuses the worker's emulator, emptied", async ({ authTable }) => {
    expect(authTable.endpoint).toBe(endpoint)
    expect(await authTable.adapter.getUser("u1")).toBeNull()
  })
})

// Worker-scoped fixtures are defined at the top level of a file, as vitest requires.
const keep = createAuthTableTest({ tableName: "kept", reset: false })

describe("createAuthTableTest", () => {
  keep("passes startAuthTable() options through", async ({ authTable }) => {
    expect(authTable.tableName).toBe("kept")
    await authTable.adapter.createUser({ id: "u2", email: "b@example.com", emailVerified: null })
  })

  keep("does not reset with reset: false", async ({ authTable }) => {
    expect(await authTable.adapter.getUser("u2")).toMatchObject({ id: "u2" })
  })
})
