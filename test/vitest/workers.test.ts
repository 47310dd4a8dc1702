import { describe, expect, test } from "vitest"
import { runChildVitest } from "./_child-vitest.js"

// Two test files run at the same time on two workers (they wait for each other), each writes
// a user with its own id and must then see that user only.
describe.each(["threads", "forks"] as const)("parallel workers in the %s pool", (pool) => {
  test("never see each other's data, with setupAuthTable and with the fixture", async () => {
    const run = await runChildVitest("vitest.config.ts", pool)
    expect(run.failures).toEqual([])
    expect(run).toMatchObject({ passed: 4, failed: 0 })
    for (const phase of ["setup", "fixture"]) {
      const endpoints = run.recorded[phase] ?? {}
      expect(Object.keys(endpoints).sort()).toEqual(["a", "b"])
      expect(endpoints.a).not.toBe(endpoints.b)
    }
  }, 120_000)
})
