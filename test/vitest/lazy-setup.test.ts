// Relies on the project's vitest.setup.ts: setupAuthTable({ lazy: true }).
import { expect, test } from "vitest"
import { getAuthTable } from "../../src/vitest/index.js"

test("the project's setup starts the worker's emulator on the first getAuthTable()", async () => {
  const table = await getAuthTable()
  await table.adapter.createUser({ id: "u1", email: "a@example.com", emailVerified: null })
  expect(await getAuthTable()).toBe(table)
})

test("and, once started, empties it before each test", async () => {
  const table = await getAuthTable()
  expect(await table.adapter.getUser("u1")).toBeNull()
})
