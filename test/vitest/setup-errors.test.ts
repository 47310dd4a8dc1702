import { expect, test, vi } from "vitest"

test("getAuthTable() without setupAuthTable() names the fix", async () => {
  // A fresh copy of the module, as in a project whose setup files never call setupAuthTable().
  vi.resetModules()
  const { getAuthTable } = await import("../../src/vitest/setup-auth-table.js")
  await expect(getAuthTable()).rejects.toMatchObject({
    code: "NOT_SET_UP",
    message: expect.stringContaining("Call it in a file listed in vitest's test.setupFiles"),
  })
})
