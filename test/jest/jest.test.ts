import { expect, test } from "vitest"
import { runChildJest } from "./_child-jest.js"

// A real Jest (CommonJS test files, two workers) over the built package: the globalSetup
// starts one emulator, the tests require() the adapter and the seeding helper, and the
// globalTeardown stops it so Jest exits by itself.
test("a CommonJS Jest project signs a user in through authtable/adapter and authtable/jest", async () => {
  const run = await runChildJest()
  expect(run.failures).toEqual([])
  expect(run).toMatchObject({ exitCode: 0, passed: 6, failed: 0 })
  const { "signed-in": signedIn, shared } = run.recorded
  expect(signedIn?.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  expect(shared?.endpoint).toBe(signedIn?.endpoint)
  expect(shared?.userId).not.toBe(signedIn?.userId)
  await expect(fetch(signedIn?.endpoint ?? "")).rejects.toThrow()
}, 120_000)
