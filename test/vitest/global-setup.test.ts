import { expect, test } from "vitest"
import { injectAuthTable } from "../../src/vitest/index.js"
import { runChildVitest } from "./_child-vitest.js"

test("authTableGlobalSetup shares one emulator with every worker through inject", async () => {
  const run = await runChildVitest("vitest.global.config.ts", "threads")
  expect(run.failures).toEqual([])
  expect(run).toMatchObject({ passed: 2, failed: 0 })
  const endpoints = run.recorded.shared ?? {}
  expect(Object.keys(endpoints).sort()).toEqual(["a", "b"])
  expect(endpoints.a).toBe(endpoints.b)
}, 120_000)

test("injectAuthTable names the missing globalSetup", () => {
  expect(() => injectAuthTable()).toThrow(
    /Add a globalSetup file that exports authTableGlobalSetup/,
  )
})
