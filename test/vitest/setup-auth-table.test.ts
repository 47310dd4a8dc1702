import { describe, expect, test } from "vitest"
import { getAuthTable, setupAuthTable } from "../../src/vitest/index.js"

setupAuthTable()

describe("setupAuthTable", () => {
  let endpoint = ""

  test("starts an emulator before the file's tests", async () => {
    const table = await getAuthTable()
    endpoint = table.endpoint
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    await table.adapter.createUser({ id: "u1", email: "a@example.com", emailVerified: null })
    expect(await table.adapter.getUser("u1")).toMatchObject({ id: "u1" })
  })

  test("keeps the same emulator and empties it before each test", async () => {
    const table = await getAuthTable()
    expect(table.endpoint).toBe(endpoint)
    expect(await table.adapter.getUser("u1")).toBeNull()
  })
})
